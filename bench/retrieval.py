"""Retrieval benchmark: hybrid query latency beside its own parts, measured in one run.

Each dev question is asked `--repeat` times of BM25 alone, dense alone (query embedding and
Chroma) and the hybrid search; the baseline is the bare cost of the two primitives (one
query embedding plus one BM25 scoring of the same question). The index is an existing one
(`--data-dir`, as written by `consentry knowledge ingest`) or one built here over the
default corpus, in which case ingest throughput is shown beside the bare embedding rate.

    python bench/retrieval.py [--data-dir data] [--questions FILE] [--repeat 3]

Target: hybrid p95 <= 150 ms. The load average is printed: other processes on the cores
slow every figure alike. The last line is `RESULT {json}`.
"""

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from knowledge.embeddings import E5Embedder
from knowledge.evaluation_run import SHARED_REGULATIONS, build_index
from knowledge.questions import load_questions
from knowledge.search import KnowledgeSearch
from knowledge.settings import KnowledgeSettings

QUESTIONS = SHARED_REGULATIONS.parent / "eval" / "retrieval-dev.jsonl"
CORPUS = [Path(__file__).resolve().parents[1] / "knowledge", SHARED_REGULATIONS]


def timed(run: Callable[[str], object], questions: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for question in questions:
            started = time.perf_counter()
            run(question)
            times.append((time.perf_counter() - started) * 1000)
    return times


def quantile(times: list[float], percent: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[percent - 1]


def build_and_compare(
    folder: Path, embedder: E5Embedder, result: dict[str, float]
) -> KnowledgeSearch:
    """Index the default corpus; compare ingest throughput with bare embedding."""
    search, report = build_index(CORPUS, folder, embedder)
    sample = [chunk.indexed_text for chunk in search.bm25.chunks[:64]]
    started = time.perf_counter()
    embedder.embed_documents(sample)
    result["bare_embed_chunks_per_s"] = len(sample) / (time.perf_counter() - started)
    result["ingest_chunks_per_s"] = report.chunks / report.seconds
    print(f"ingest: {report.chunks} chunks in {report.seconds:.1f} s")
    return search


def measure(
    search: KnowledgeSearch, embedder: E5Embedder, questions: list[str], repeat: int
) -> dict[str, list[float]]:
    search.search("warm up 预热", 1)
    runs: dict[str, Callable[[str], object]] = {
        "embed_query": embedder.embed_query,
        "bm25_scoring": search.bm25.scores,
        "bm25": lambda q: search.search(q, 10, method="bm25"),
        "dense": lambda q: search.search(q, 10, method="dense"),
        "hybrid": lambda q: search.search(q, 10),
    }
    return {name: timed(run, questions, repeat) for name, run in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="hybrid query latency against its parts")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    questions = [q.question for q in load_questions(args.questions)]
    embedder = E5Embedder()
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        if args.data_dir:
            search = KnowledgeSearch(KnowledgeSettings(data_dir=args.data_dir), embedder)
        else:
            search = build_and_compare(Path(folder), embedder, result)
        times = measure(search, embedder, questions, args.repeat)
    for name, values in times.items():
        result[f"{name}_ms_p50"] = quantile(values, 50)
        result[f"{name}_ms_p95"] = quantile(values, 95)
        print(f"{name:<14} p50 {quantile(values, 50):7.1f} ms   p95 {quantile(values, 95):7.1f} ms")
    if "ingest_chunks_per_s" in result:
        ingest, bare = result["ingest_chunks_per_s"], result["bare_embed_chunks_per_s"]
        print(
            f"ingest {ingest:.1f} chunks/s, bare embedding {bare:.1f} chunks/s: {ingest / bare:.2f}"
        )
    baseline = result["embed_query_ms_p50"] + result["bm25_scoring_ms_p50"]
    result["hybrid_to_primitives_p50"] = result["hybrid_ms_p50"] / baseline
    result["load_average_1min"] = os.getloadavg()[0]
    print(
        f"hybrid / (query embedding + BM25 scoring), p50: {result['hybrid_to_primitives_p50']:.2f}"
    )
    print(f"hybrid p95 {result['hybrid_ms_p95']:.1f} ms (target 150 ms)")
    print(f"load average (1 min): {result['load_average_1min']:.1f} on {os.cpu_count()} cores")
    print("RESULT " + json.dumps({key: round(value, 2) for key, value in result.items()}))


if __name__ == "__main__":
    main()
