"""Server mode: a real `chroma run` on loopback, reached through CONSENTRY_CHROMA_URL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from served_process import free_port

from knowledge.embeddings import E5Embedder
from knowledge.ingest import IngestReport
from knowledge.search import KnowledgeSearch
from knowledge.settings import KnowledgeSettings
from knowledge.status import index_status

Ingest = Callable[..., IngestReport]


@pytest.fixture()
def chroma_url(tmp_path: Path) -> Iterator[str]:
    executable = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    log = (tmp_path / "chroma.log").open("w")
    data = str(tmp_path / "server-data")
    command = [executable, "run", "--path", data, "--host", "127.0.0.1", "--port", str(port)]
    quiet = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=quiet)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}"
                )
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_ingest_and_query_through_a_chroma_server(
    ingest: Ingest, chroma_url: str, tmp_path: Path, embedder: E5Embedder
) -> None:
    settings = KnowledgeSettings(
        data_dir=tmp_path / "client-data", chroma_url=chroma_url, knowledge_paths=[]
    )
    first = ingest(into=settings)
    assert first.embedded == first.chunks == 12
    assert not (settings.data_dir / "chroma").exists()  # nothing embedded locally
    again = ingest(into=settings)
    assert again.embedded == 0 and len(again.unchanged) == 5

    status = index_status(settings)
    assert (status.location, status.chunks, status.model) == (chroma_url, 12, E5Embedder.name)
    assert httpx.get(f"{chroma_url}/api/v2/heartbeat").status_code == 200

    search = KnowledgeSearch(settings, embedder)
    hits = search.search("2025年 没有履行等级保护义务拒不改正 罚款", 3)
    assert hits[0].chunk_id == "cn-snl-old#art-2"
    assert hits[0].dense_rank is not None


def test_a_new_reader_rebuilds_a_missing_keyword_index_from_the_server(
    ingest: Ingest, chroma_url: str, tmp_path: Path, embedder: E5Embedder
) -> None:
    writer = KnowledgeSettings(
        data_dir=tmp_path / "writer", chroma_url=chroma_url, knowledge_paths=[]
    )
    ingest(into=writer)
    reader = KnowledgeSettings(
        data_dir=tmp_path / "reader", chroma_url=chroma_url, knowledge_paths=[]
    )
    search = KnowledgeSearch(reader, embedder)
    assert len(search.bm25.chunks) == 12
    assert (reader.bm25_dir / reader.collection / "state.json").is_file()
    hits = search.search("人工智能 伦理规范", 3, method="bm25")
    assert hits[0].chunk_id == "cn-snl-new#art-2"
    assert hits[0].bm25_rank == 1 and hits[0].dense_rank is None
