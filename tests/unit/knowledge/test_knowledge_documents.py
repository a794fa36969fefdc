import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from knowledge.corpus import load_corpus
from knowledge.errors import DocumentError, DuplicateDocumentError, ManifestError
from knowledge.manifest import Manifest, SourceEntry, load_manifest

WriteFile = Callable[..., Path]
BODY = "\n第一条 示例条文。\n"


def test_official_text_reads_front_matter(write_official: WriteFile) -> None:
    path = write_official("cn-sdpl.md", BODY)
    [document] = load_corpus([path.parent], Manifest())
    assert (document.doc_id, document.source_id, document.file) == (
        "cn-sdpl",
        "cn-sdpl",
        "cn-sdpl.md",
    )
    assert (document.kind, document.law, document.language) == ("law", "SDPL", "zh")
    assert (document.effective_from, document.effective_to) == (date(2021, 1, 1), None)


def test_manifest_dates_override_the_file(write_official: WriteFile) -> None:
    path = write_official("cn-sdpl.md", BODY)
    entry = SourceEntry(id="cn-sdpl", file="cn-sdpl.md", effective_to=date(2025, 12, 31), law="X")
    [document] = load_corpus([path.parent], Manifest((entry,)))
    assert (document.effective_to, document.law) == (date(2025, 12, 31), "X")
    [plain] = load_corpus([path.parent], Manifest())
    assert plain.content_hash != document.content_hash


def test_missing_field_names_file_and_field(write_official: WriteFile) -> None:
    path = write_official("cn-sdpl.md", BODY)
    path.write_text(path.read_text().replace('effective: "2021-01-01"\n', ""), encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        load_corpus([path.parent], Manifest())
    assert (error.value.path, error.value.field, error.value.reason) == (
        path,
        "effective",
        "missing",
    )
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('effective: "2021-01-01"', 'effective: "2021-13-01"', "effective"),
        ('jurisdiction: "CN"', 'jurisdiction: "china"', "jurisdiction"),
        ('title: "示例数据保护法"', "title: [a, b]", "title"),
        ("---\ntitle", "title", "front matter"),
    ],
)
def test_invalid_front_matter_is_named(
    write_official: WriteFile, old: str, new: str, field: str
) -> None:
    path = write_official("cn-sdpl.md", BODY)
    path.write_text(path.read_text().replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        load_corpus([path.parent], Manifest())
    assert error.value.field == field


def test_digest_requires_its_source(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text("---\nid: d\nkind: digest\ntitle: t\nlaw: L\njurisdiction: CN\n---\n")
    with pytest.raises(DocumentError, match="source: missing"):
        load_corpus([path], Manifest())


def test_unknown_kind_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text("---\nid: d\nkind: memo\ntitle: t\njurisdiction: CN\n---\n")
    with pytest.raises(DocumentError, match="kind"):
        load_corpus([path], Manifest())


def test_documentation_files_are_skipped(write_official: WriteFile) -> None:
    path = write_official("cn-sdpl.md", BODY)
    (path.parent / "README.md").write_text("# notes without front matter\n")
    (path.parent / "SOURCES.md").write_text("| table |\n")
    assert [d.doc_id for d in load_corpus([path.parent], Manifest())] == ["cn-sdpl"]


def test_duplicate_ids_are_rejected(write_official: WriteFile) -> None:
    first = write_official("cn-sdpl.md", BODY, folder="a")
    second = write_official("cn-sdpl.md", BODY, folder="b")
    with pytest.raises(DuplicateDocumentError) as error:
        load_corpus([first.parent, second.parent], Manifest())
    assert error.value.paths == (first, second)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        load_corpus([tmp_path / "nowhere"], Manifest())


def test_official_law_name_comes_from_its_digest(write_official: WriteFile) -> None:
    path = write_official("cn-sdpl.md", BODY, title_en="No abbreviation")
    digest = path.parent / "digests" / "cn-sdpl.md"
    digest.parent.mkdir()
    digest.write_text(
        "---\nid: digest-cn-sdpl\nkind: digest\nsource: cn-sdpl\nsource_file: cn-sdpl.md\n"
        "title: t\nlaw: SDPL-D\njurisdiction: CN\neffective_from: 2021-01-01\n"
        "language: zh-en\n---\n"
    )
    laws = {d.doc_id: d.law for d in load_corpus([path.parent], Manifest())}
    assert laws == {"cn-sdpl": "SDPL-D", "digest-cn-sdpl": "SDPL-D"}


def test_manifest_file_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "manifest.yaml"
    path.write_text("sources:\n  - id: cn-a\n    file: cn-a.md\n    effective_to: soon\n")
    with pytest.raises(ManifestError) as error:
        load_manifest(path)
    assert error.value.field == "sources[0].effective_to"
    path.write_text("sources:\n  - id: cn-a\n    file: cn-a.md\n    effective_to: 2025-12-31\n")
    assert load_manifest(path).by_file("cn-a.md") == SourceEntry(
        id="cn-a", file="cn-a.md", effective_to=date(2025, 12, 31)
    )
    for count, accepted in (("many", False), ("0", False), ("74", True)):
        path.write_text(f"sources:\n  - id: cn-a\n    articles: {count}\n")
        if accepted:
            assert load_manifest(path).entries[0].articles == 74
            continue
        with pytest.raises(ManifestError) as error:
            load_manifest(path)
        assert error.value.field == "sources[0].articles"
    assert all(entry.articles for entry in load_manifest().entries)  # the package's manifest


def test_corpus_paths_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from knowledge.settings import PACKAGE_DIR, KnowledgeSettings

    monkeypatch.setenv("CONSENTRY_KNOWLEDGE_PATHS", f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    monkeypatch.setenv("CONSENTRY_DATA_DIR", str(tmp_path / "data"))
    settings = KnowledgeSettings()
    assert settings.corpus_paths() == [PACKAGE_DIR, tmp_path / "a", tmp_path / "b"]
    (tmp_path / "data" / "regulations").mkdir(parents=True)
    assert settings.corpus_paths()[-1] == tmp_path / "data" / "regulations"
