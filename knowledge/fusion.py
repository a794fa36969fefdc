"""Reciprocal rank fusion over article groups.

Chunks of one article (its parts, its digest) form one group, keyed by the citation they
support: (citation file, article, suffix). Chunks without an article group by document and
kind (the sections of one policy, in either language; the recitals of one law). Each method
ranks groups by their best chunk; the fused score of a group is Σ weight / (k + rank).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

OFFICIAL = ("law", "regulation")


def group_key(metadata: Mapping[str, Any], chunk_id: str) -> tuple[str, ...]:
    article = metadata.get("article")
    if article is None:
        return ("doc", str(metadata.get("source_id", chunk_id)), str(metadata.get("kind")))
    return (
        str(metadata.get("citation_file")),
        str(article),
        str(metadata.get("article_suffix", "")),
    )


@dataclass
class Group:
    key: tuple[str, ...]
    score: float = 0.0
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    chunks: dict[str, int] = field(default_factory=dict)  # chunk id → best rank of that chunk


def fuse(
    ranked: Mapping[str, Sequence[tuple[str, float]]],
    metadata: Mapping[str, Mapping[str, Any]],
    weights: Mapping[str, float],
    rrf_k: int,
    offset: Callable[[Mapping[str, Any]], int] | None = None,
) -> list[Group]:
    """`ranked[method]` lists (chunk id, score) best first; returns groups best first.

    `offset(metadata)` moves a group that many places down every list (see `Demotion`).
    """
    groups: dict[tuple[str, ...], Group] = {}
    for method, hits in ranked.items():
        rank = 0
        for position, (chunk_id, score) in enumerate(hits, start=1):
            key = group_key(metadata[chunk_id], chunk_id)
            group = groups.setdefault(key, Group(key))
            best = group.chunks.get(chunk_id)
            group.chunks[chunk_id] = position if best is None else min(best, position)
            if method in group.ranks:
                continue
            rank += 1
            group.ranks[method] = rank
            group.scores[method] = score
            moved = offset(metadata[chunk_id]) if offset else 0
            group.score += weights.get(method, 1.0) / (rrf_k + rank + moved)
    return sorted(groups.values(), key=lambda group: -group.score)


@dataclass(frozen=True)
class Demotion:
    """Places a group moves down: supporting text (policies, recitals, annexes) yields to
    the articles it explains, and law of another jurisdiction than the question's yields
    to the law the question is about."""

    kinds: Mapping[str, int]
    jurisdiction: str | None = None
    other_jurisdiction: int = 0

    def __call__(self, metadata: Mapping[str, Any]) -> int:
        places = (
            0
            if metadata.get("article") is not None
            else self.kinds.get(str(metadata.get("kind")), 0)
        )
        if self.jurisdiction and metadata.get("jurisdiction") != self.jurisdiction:
            places += self.other_jurisdiction
        return places


def representative(group: Group, metadata: Mapping[str, Mapping[str, Any]]) -> str:
    """The chunk shown for a group: its best official text if any, else its best chunk."""
    ordered = sorted(group.chunks, key=lambda chunk_id: group.chunks[chunk_id])
    official = [cid for cid in ordered if metadata[cid].get("kind") in OFFICIAL]
    return (official or ordered)[0]
