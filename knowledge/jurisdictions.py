"""The jurisdiction a question is about, when it says so.

A question naming the GDPR or the EU is about EU law; one naming China, its laws or its
regulator is about Chinese law; a question naming both, or neither in English, is open.
A Chinese question naming neither is taken to be about Chinese law.
"""

from __future__ import annotations

import re

_EU = re.compile(r"GDPR|\bEU\b|\bE\.U\.|European|欧盟|欧洲|通用数据保护条例", re.IGNORECASE)
_CN = re.compile(
    r"中国|中华人民共和国|境内|\bPIPL\b|\bPRC\b|\bCAC\b|China|Chinese|Shenzhen|Shanghai|Beijing|"
    r"个人信息保护法|数据安全法|网络安全法|网信|民法典|公司法|网络数据安全管理条例|关基|关键信息基础设施"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def jurisdiction_in(question: str) -> str | None:
    """ "EU", "CN" or None."""
    eu, cn = bool(_EU.search(question)), bool(_CN.search(question))
    if eu != cn:
        return "EU" if eu else "CN"
    if not eu and len(_CJK.findall(question)) * 2 > len(question):
        return "CN"
    return None
