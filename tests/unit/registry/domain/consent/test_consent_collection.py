"""What is kept of how an answer was collected: evidence digests, BCP 47 language tags."""

import hashlib
from datetime import UTC, datetime

import pytest

from registry.domain import ConsentDetails
from registry.domain.consent.collection import evidence_digest, is_language_tag
from registry.errors import InvalidValueError


def test_a_recognised_digest_is_kept_in_lower_case_and_anything_else_is_hashed() -> None:
    sha512 = "SHA512:" + "0F" * 64
    assert evidence_digest(sha512) == sha512.lower()
    sha1 = "sha1:" + "ab" * 20  # not a form the registry keeps as sent
    assert evidence_digest(sha1) == "sha256:" + hashlib.sha256(sha1.encode()).hexdigest()
    assert (
        evidence_digest("签字表格") == "sha256:" + hashlib.sha256("签字表格".encode()).hexdigest()
    )
    assert evidence_digest(None) is None


@pytest.mark.parametrize(
    "tag", ["zh", "ZH-cn", "yue-HK", "zh-Hant-TW", "sr-Latn-RS", "sl-rozaj-biske", "x-private"]
)
def test_well_formed_tags(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize("tag", ["", "c", "zh-", "zh--CN", "en_US", "english language", "zh-x"])
def test_ill_formed_tags(tag: str) -> None:
    assert not is_language_tag(tag)


def test_details_with_an_ill_formed_language_are_refused() -> None:
    with pytest.raises(InvalidValueError) as error:
        ConsentDetails(datetime(2025, 6, 1, tzinfo=UTC), language="!!not a lang")
    assert error.value.field == "language"
