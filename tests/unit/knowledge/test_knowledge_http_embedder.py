import json

import httpx
import pytest

from knowledge.embeddings import HttpEmbedder, as_langchain
from knowledge.errors import EmbeddingError


def server(
    seen: list[dict[str, object]], status: int = 200, count: int | None = None
) -> httpx.MockTransport:
    """Answers like an OpenAI-compatible endpoint, rows deliberately out of order."""

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        seen.append({"url": str(request.url), "auth": request.headers.get("authorization"), **body})
        if status != 200:
            return httpx.Response(status, json={"error": {"message": "overloaded"}})
        texts = body["input"][: count if count is not None else len(body["input"])]
        rows = [
            {"object": "embedding", "index": i, "embedding": [float(len(t)), float(i)]}
            for i, t in enumerate(texts)
        ]
        return httpx.Response(
            200, json={"object": "list", "data": rows[::-1], "model": body["model"]}
        )

    return httpx.MockTransport(handle)


def test_documents_and_queries_use_their_roles() -> None:
    seen: list[dict[str, object]] = []
    embedder = HttpEmbedder("http://embed.test/v1", "e5", api_key="k", transport=server(seen))
    assert embedder.embed_documents(["ab", "abcd"]) == [[2.0, 0.0], [4.0, 1.0]]
    assert embedder.embed_query("abc") == [3.0, 0.0]
    assert [row["url"] for row in seen] == ["http://embed.test/v1/embeddings"] * 2
    assert [row["input_type"] for row in seen] == ["passage", "query"]
    assert seen[0]["auth"] == "Bearer k"
    assert seen[0]["encoding_format"] == "float"


def test_prefixes_for_servers_without_roles() -> None:
    seen: list[dict[str, object]] = []
    embedder = HttpEmbedder(
        "http://embed.test/v1/embeddings",
        "e5",
        send_input_type=False,
        prefixes=("query: ", "passage: "),
        transport=server(seen),
    )
    embedder.embed_documents(["a"])
    embedder.embed_query("b")
    assert [row["input"] for row in seen] == [["passage: a"], ["query: b"]]
    assert "input_type" not in seen[0]
    assert seen[0]["url"] == "http://embed.test/v1/embeddings"


def test_http_errors_are_reported() -> None:
    embedder = HttpEmbedder("http://embed.test/v1", "e5", transport=server([], status=503))
    with pytest.raises(EmbeddingError) as error:
        embedder.embed_query("a")
    assert error.value.url == "http://embed.test/v1/embeddings"
    assert "HTTP 503" in error.value.reason


def test_a_short_answer_is_an_error() -> None:
    embedder = HttpEmbedder("http://embed.test/v1", "e5", transport=server([], count=1))
    with pytest.raises(EmbeddingError, match="expected 2 embeddings, got 1"):
        embedder.embed_documents(["a", "b"])


def test_malformed_body_is_an_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"data": [{"x": 1}]}))
    embedder = HttpEmbedder("http://embed.test/v1", "e5", transport=transport)
    with pytest.raises(EmbeddingError, match="unexpected response body"):
        embedder.embed_query("a")


def test_unreachable_server_is_an_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    embedder = HttpEmbedder("http://embed.test/v1", "e5", transport=httpx.MockTransport(refuse))
    with pytest.raises(EmbeddingError, match="request failed"):
        embedder.embed_query("a")


def test_langchain_wrapper_delegates() -> None:
    embeddings = as_langchain(HttpEmbedder("http://embed.test/v1", "e5", transport=server([])))
    assert embeddings.embed_documents(["abc"]) == [[3.0, 0.0]]
    assert embeddings.embed_query("a") == [1.0, 0.0]
