"""Builders of small corpus files for the knowledge tests (invented text, not real laws)."""

from collections.abc import Callable
from pathlib import Path

import pytest

OFFICIAL_HEADER = """---
title: "{title}"
title_en: "{title_en}"
issuer: "{issuer}"
effective: "{effective}"
jurisdiction: "{jurisdiction}"
---
"""

WriteFile = Callable[..., Path]


@pytest.fixture()
def write_official(tmp_path: Path) -> WriteFile:
    def write(
        name: str,
        body: str,
        *,
        title: str = "示例数据保护法",
        title_en: str = "Sample Data Protection Law (SDPL)",
        issuer: str = "全国人民代表大会常务委员会",
        effective: str = "2021-01-01",
        jurisdiction: str = "CN",
        folder: str = "regs",
    ) -> Path:
        path = tmp_path / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = OFFICIAL_HEADER.format(
            title=title,
            title_en=title_en,
            issuer=issuer,
            effective=effective,
            jurisdiction=jurisdiction,
        )
        path.write_text(header + body, encoding="utf-8")
        return path

    return write
