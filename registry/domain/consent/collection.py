"""How an answer's collection is recorded (ISO/IEC TS 27560): the evidence as a digest, the
notice's language as a BCP 47 tag.

Evidence (a signed form, a recording's transcript, a log line) is never kept as sent: it is
kept as its SHA-256 digest, `sha256:<64 hex digits>`. A caller that already holds a digest
sends it in the same form, `<algorithm>:<hex digits>` with sha256 (64 digits), sha384 (96)
or sha512 (128); it is kept as sent, in lower case. Anything else is evidence and is hashed,
so a digest of another form is hashed again rather than mistaken for one.
"""

import hashlib
import re

DIGEST = re.compile(r"(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})", re.I)

_ALNUM = "[a-z0-9]"
_LANGUAGE = r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
_LANGTAG = (
    rf"{_LANGUAGE}(?:-[a-z]{{4}})?(?:-(?:[a-z]{{2}}|[0-9]{{3}}))?"
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
    rf"(?:-[0-9a-wy-z](?:-{_ALNUM}{{2,8}})+)*"
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"
)
_PRIVATE_USE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|"
    "i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|no-nyn|"
    "zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
LANGUAGE_TAG = re.compile(rf"(?:{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED})", re.I)
"""A well-formed BCP 47 tag (RFC 5646 section 2.1): language, script, region, variants,
extensions, private use; or a grandfathered tag."""


def evidence_digest(evidence: str | None) -> str | None:
    """What is kept of the evidence sent: its digest (see the module's docstring)."""
    if evidence is None:
        return None
    if DIGEST.fullmatch(evidence):
        return evidence.lower()
    return "sha256:" + hashlib.sha256(evidence.encode("utf-8")).hexdigest()


def is_language_tag(value: str) -> bool:
    return LANGUAGE_TAG.fullmatch(value) is not None
