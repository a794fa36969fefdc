import json
from pathlib import Path

import pytest

from knowledge.errors import QuestionsFileError
from knowledge.questions import load_questions

ROW = {
    "id": "q1",
    "lang": "zh",
    "kind": "lookup",
    "question": "问?",
    "gold": [{"file": "a.md", "article": 3}],
}


def write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n")
    return path


def test_reads_questions(tmp_path: Path) -> None:
    [question] = load_questions(write(tmp_path, ROW))
    assert (question.id, question.kind, question.gold) == ("q1", "lookup", (("a.md", 3),))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"question": ""}, "question"),
        ({"gold": []}, "gold"),
        ({"gold": [{"file": "a.md", "article": "3"}]}, "gold[0].article"),
        ({"gold": [{"article": 3}]}, "gold[0].file"),
    ],
)
def test_bad_rows_name_line_and_field(
    tmp_path: Path, change: dict[str, object], field: str
) -> None:
    path = write(tmp_path, ROW, {**ROW, **change})
    with pytest.raises(QuestionsFileError) as error:
        load_questions(path)
    assert (error.value.line, error.value.field) == (2, field)


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text("{not json\n")
    with pytest.raises(QuestionsFileError, match=r"q\.jsonl:1: line: invalid JSON"):
        load_questions(path)
