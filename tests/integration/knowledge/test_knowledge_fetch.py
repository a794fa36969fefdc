"""`consentry knowledge fetch` against a loopback HTTP server serving invented pages."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from consentry.cli import main
from knowledge.chunking import chunk_document
from knowledge.documents import read_document
from knowledge.fetch import fetch_sources
from knowledge.manifest import Manifest, load_manifest

PAGES = Path(__file__).parent / "fixtures" / "pages"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(PAGES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def manifest_file(tmp_path: Path, site: str) -> Path:
    def source(source_id: str, page: str | None, **extra: object) -> dict[str, object]:
        row: dict[str, object] = {"id": source_id, "file": f"{source_id}.md", "jurisdiction": "CN"}
        if page:
            row["official_url"] = f"{site}/{page}"
        return {**row, **extra}

    sources = [
        source(
            "cn-sample",
            "sample-law.html",
            title="示例个人资料保护法",
            issuer="示例常委会",
            effective_from="2022-01-01",
            effective_to="2025-12-31",
            law="SPL",
        ),
        source("cn-sample-gb", "sample-gb.html", title="国标编码示例", effective_from="2020-01-01"),
        source(
            "eu-sample",
            "sample-regulation.html",
            title="Sample Regulation",
            jurisdiction="EU",
            effective_from="2018-05-25",
            issuer="European Parliament",
        ),
        source("cn-moved", "no-articles.html", effective_from="2020-01-01"),
        source("cn-missing", "gone.html", effective_from="2020-01-01"),
        source("cn-offline", None, effective_from="2020-01-01"),
        source("cn-pdf", "sample-law.html", effective_from="2020-01-01", format="pdf"),
    ]
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    return path


def test_fetch_writes_front_matter_markdown(tmp_path: Path, manifest_file: Path) -> None:
    manifest = load_manifest(manifest_file)
    results = {r.source_id: r for r in fetch_sources(manifest, tmp_path / "regs")}
    assert set(results) == {
        "cn-sample",
        "cn-sample-gb",
        "eu-sample",
        "cn-moved",
        "cn-missing",
        "cn-pdf",
    }
    assert "only HTML pages" in str(results["cn-pdf"].error)
    assert results["cn-sample"].articles == 4
    assert results["cn-missing"].error == "HTTP 404"
    assert "no articles" in str(results["cn-moved"].error)
    assert not (tmp_path / "regs" / "cn-missing.md").exists()

    path = tmp_path / "regs" / "cn-sample.md"
    document = read_document(path, path.name, Manifest())
    assert (document.title, document.jurisdiction) == ("示例个人资料保护法", "CN")
    assert (document.effective_from, document.effective_to) == (
        date(2022, 1, 1),
        date(2025, 12, 31),
    )
    assert "版权所有" not in document.body and "首页" not in document.body
    assert "第九十九条" not in document.body
    chunks = {chunk.chunk_id: chunk for chunk in chunk_document(document)}
    assert chunks["cn-sample#art-3-之一"].metadata["chapter"] == "第二章 处理规则"
    assert "依照本法第三条的规定" in chunks["cn-sample#art-2"].text
    assert [c.metadata["kind"] for c in chunks.values()].count("annex") == 2

    gb = (tmp_path / "regs" / "cn-sample-gb.md").read_text(encoding="utf-8")
    assert "第一条 本示例页面以国标编码发布。" in gb
    eu = read_document(tmp_path / "regs" / "eu-sample.md", "eu-sample.md", Manifest())
    eu_chunks = chunk_document(eu)
    assert [c.metadata.get("article") for c in eu_chunks] == [None, 1, 2]
    assert eu_chunks[1].metadata["chapter"] == "CHAPTER I General provisions"


def test_a_failed_download_keeps_the_earlier_copy(tmp_path: Path, manifest_file: Path) -> None:
    earlier = tmp_path / "regs" / "cn-moved.md"
    earlier.parent.mkdir()
    earlier.write_text("earlier copy", encoding="utf-8")
    fetch_sources(load_manifest(manifest_file), tmp_path / "regs", only=["cn-moved"])
    assert earlier.read_text(encoding="utf-8") == "earlier copy"
    assert [p.name for p in earlier.parent.iterdir()] == ["cn-moved.md"]


def test_fetch_command(
    tmp_path: Path, manifest_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "fetched"
    code = main(["knowledge", "fetch", "--dest", str(dest), "--manifest", str(manifest_file)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "3 of 6 sources written" in out
    assert "failed  cn-missing" in err and "HTTP 404" in err
    assert (
        main(
            [
                "knowledge",
                "fetch",
                "--dest",
                str(dest),
                "--manifest",
                str(manifest_file),
                "--only",
                "cn-sample",
            ]
        )
        == 0
    )
    assert "1 of 1 sources written" in capsys.readouterr().out
