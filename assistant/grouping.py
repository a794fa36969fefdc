"""Gather retrieved passages by article: an article's text chunks and its digest go together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.passages import Passage


@dataclass
class ArticleGroup:
    """The passages retrieved for one article (or one policy section), best first."""

    key: tuple[str, int | None]
    rank: int
    passages: list[Passage] = field(default_factory=list)

    @property
    def lead(self) -> Passage:
        return self.passages[0]

    @property
    def score(self) -> float:
        return max(passage.score for passage in self.passages)

    @property
    def official(self) -> list[Passage]:
        return [passage for passage in self.passages if passage.is_official]

    @property
    def digests(self) -> list[Passage]:
        return [passage for passage in self.passages if passage.kind == "digest"]

    @property
    def citable(self) -> Passage:
        """The passage a citation should name: the official text when it was retrieved."""
        return (self.official or self.passages)[0]

    @property
    def label(self) -> str:
        return self.citable.label


def group_passages(passages: Sequence[Passage]) -> list[ArticleGroup]:
    groups: dict[tuple[str, int | None], ArticleGroup] = {}
    for rank, passage in enumerate(passages):
        group = groups.get(passage.article_key)
        if group is None:
            group = groups[passage.article_key] = ArticleGroup(passage.article_key, rank)
        group.passages.append(passage)
    return sorted(groups.values(), key=lambda group: group.rank)
