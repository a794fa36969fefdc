"""A small invented law (not real law text), indexed by the tests that build a real index."""

SAMPLE = """---
title: "示例数据保护法"
title_en: "Sample Data Protection Law (SDPL)"
issuer: "全国人民代表大会常务委员会"
effective: "2021-01-01"
jurisdiction: "CN"
---

# 示例数据保护法

第一条 为了示范本系统的用法，制定本法。

第二条 企业因合并或者分立移交客户资料的，应当把接收方的名称和联系方式通知客户。
接收方改变原定用途的，须重新征得客户同意。

第三条 保存客户资料的期限不得超过实现处理目的所必需的时间。
"""
