"""The passage cache: each text embedded once per model, the same vectors either way."""

from collections.abc import Sequence
from pathlib import Path

from knowledge.embedding_cache import CachedEmbedder, EmbeddingCache
from knowledge.embeddings import E5Embedder, make_embedder
from knowledge.settings import KnowledgeSettings

TEXTS = ["个人信息处理者应当告知接收方的名称", "The controller shall notify the recipient."]


class CountingE5(E5Embedder):
    """The bundled model, counting the passages it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def test_a_text_is_embedded_once_and_read_back_unchanged(tmp_path: Path) -> None:
    model = CountingE5()
    cached = CachedEmbedder(model, EmbeddingCache(tmp_path / "cache.sqlite"))
    first = cached.embed_documents(TEXTS)
    again = cached.embed_documents([TEXTS[1], "新的文本", TEXTS[0]])
    assert model.embedded == [*TEXTS, "新的文本"]
    assert again[0] == first[1] and again[2] == first[0]
    assert first == E5Embedder().embed_documents(TEXTS)  # float32 values, stored exactly


def test_processes_sharing_the_file_share_the_vectors(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    CachedEmbedder(CountingE5(), EmbeddingCache(path)).embed_documents(TEXTS)
    other = CountingE5()
    CachedEmbedder(other, EmbeddingCache(path)).embed_documents(TEXTS)
    assert other.embedded == []


def test_models_do_not_share_vectors(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    CachedEmbedder(CountingE5(), cache).embed_documents(TEXTS)
    renamed = CountingE5()
    renamed.name = "another-model"
    CachedEmbedder(renamed, cache).embed_documents(TEXTS)
    assert renamed.embedded == TEXTS


def test_the_cache_is_on_by_default_and_an_empty_setting_turns_it_off(tmp_path: Path) -> None:
    on = make_embedder(KnowledgeSettings(data_dir=tmp_path, embeddings_cache=None))
    assert isinstance(on, CachedEmbedder)
    assert KnowledgeSettings(data_dir=tmp_path, embeddings_cache=None).embeddings_cache_file == (
        tmp_path / "embeddings-cache.sqlite"
    )
    assert not isinstance(make_embedder(KnowledgeSettings(embeddings_cache="")), CachedEmbedder)
