"""Chinese numerals as used in article numbers (第一千零三十八条 → 1038)."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)


def chinese_to_int(text: str) -> int:
    """Convert a numeral below ten thousand; a leading 十 means ten (十二 → 12)."""
    if not text or any(char not in DIGITS and char not in UNITS for char in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
            continue
        total += (1 if digit is None else digit) * UNITS[char]
        digit = None
    return total + (digit or 0)


def int_to_chinese(number: int) -> str:
    """The inverse for 1..9999, in the form laws use (十二, 一百零五, 一千零三十八)."""
    if not 0 < number < 10000:
        raise ValueError(f"out of range: {number}")
    names = "零一二三四五六七八九"
    parts: list[str] = []
    zero_pending = False
    for unit, unit_name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        omit_one = unit == 10 and digit == 1 and not parts
        parts.append(("" if omit_one else names[digit]) + unit_name)
    return "".join(parts)
