"""Reading consent records from CSV or JSON Lines, and checking every field of every row.

Each problem becomes a `RowError` naming the line and the field; nothing is raised until
the whole file has been read, so one run reports every bad row. Evidence is kept as its
digest and languages must be BCP 47 tags, as for single answers
(`registry.domain.consent.collection`).
"""

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from registry.domain.consent.collection import evidence_digest, is_language_tag
from registry.domain.consent.consent import LANGUAGE_PROBLEM, ConsentDetails
from registry.errors import ImportRejected, InvalidValueError, RowError

REQUIRED = ("controller", "customer_ref", "purpose", "status", "occurred_at")
STATUSES = ("given", "refused", "withdrawn")
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0", ""}


@dataclass(frozen=True)
class ConsentRow:
    line: int
    controller: str
    customer_ref: str
    purpose: str
    status: str
    details: ConsentDetails
    birth_date: date | None
    name: str | None
    contact: str | None
    jurisdiction: str | None


Raw = dict[str | None, Any] | str
"""A record as read, or what makes the line unreadable."""


def read_file(path: Path) -> Iterator[tuple[int, Raw]]:
    """(line number, raw record) pairs; a problem with the file itself raises at once."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _read_csv(path)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from _read_json_lines(path)
    else:
        raise InvalidValueError("file", str(path), "must end in .csv, .jsonl or .ndjson")


def _read_csv(path: Path) -> Iterator[tuple[int, Raw]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        _check_header(path, header)
        width = len(header)
        for values in reader:
            if not values:
                continue
            record: dict[str | None, Any] = dict(zip(header, values, strict=False))
            if len(values) != width:
                record[None] = f"has {len(values)} values for {width} columns"
            yield reader.line_num, record


def _check_header(path: Path, columns: list[str]) -> None:
    errors = [RowError(1, name, "is not a known column") for name in columns if name not in FIELDS]
    errors += [RowError(1, name, "column is missing") for name in REQUIRED if name not in columns]
    if errors:
        raise ImportRejected(str(path), errors)


def _read_json_lines(path: Path) -> Iterator[tuple[int, Raw]]:
    with path.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                yield line, f"is not valid JSON ({error.msg})"
                continue
            yield line, record if isinstance(record, dict) else "is not a JSON object"


def parse_row(line: int, raw: Raw, errors: list[RowError]) -> ConsentRow | None:
    """A checked row, or None after adding its problems to `errors`."""
    if isinstance(raw, str):
        errors.append(RowError(line, "row", raw))
        return None
    found: list[RowError] = []
    values: dict[str, Any] = dict.fromkeys(FIELDS)
    for name, value in raw.items():
        if name is None:
            found.append(RowError(line, "row", str(value)))
            continue
        parse = FIELDS.get(name)
        if parse is None:
            found.append(RowError(line, name, "is not a known column"))
        elif value is not None and value != "":
            try:
                values[name] = parse(value)
            except ValueError as error:
                found.append(RowError(line, name, str(error)))
    for name in REQUIRED:
        if values[name] is None and raw.get(name) in (None, ""):
            found.append(RowError(line, name, "is required"))
    if found:
        errors.extend(sorted(found, key=lambda error: FIELD_ORDER.get(error.field, -1)))
        return None
    return _row(line, values)


def _row(line: int, v: dict[str, Any]) -> ConsentRow:
    details = ConsentDetails(
        occurred_at=v["occurred_at"],
        notice_version=v["notice_version"],
        language=v["language"],
        channel=v["channel"],
        evidence_digest=evidence_digest(v["evidence"]),
        collected_by=v["collected_by"],
        valid_until=v["valid_until"],
        separate=bool(v["separate"]),
        written=bool(v["written"]),
        guardian=bool(v["guardian"]),
        purpose_version=v["purpose_version"],
    )
    return ConsentRow(
        line,
        v["controller"],
        v["customer_ref"],
        v["purpose"],
        v["status"],
        details,
        v["birth_date"],
        v["name"],
        v["contact"],
        v["jurisdiction"],
    )


def _text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"must be text, got {value!r}")
    return str(value)


def _status(value: Any) -> str:
    status = _text(value).lower()
    if status not in STATUSES:
        raise ValueError(f"must be one of {', '.join(STATUSES)}, got {value!r}")
    return status


def _language(value: Any) -> str:
    tag = _text(value)
    if not is_language_tag(tag):
        raise ValueError(f"{LANGUAGE_PROBLEM}, got {value!r}")
    return tag


def _timestamp(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(f"must be an ISO 8601 time with offset, got {value!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(f"needs a UTC offset (e.g. +08:00), got {value!r}")
    return parsed


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(f"must be an ISO 8601 date, got {value!r}") from None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text not in TRUE | FALSE:
        raise ValueError(f"must be true or false, got {value!r}")
    return text in TRUE


def _version(value: Any) -> int:
    if isinstance(value, bool) or not str(value).isdigit() or int(value) < 1:
        raise ValueError(f"must be a whole number from 1, got {value!r}")
    return int(value)


FIELDS: dict[str, Callable[[Any], Any]] = {
    "controller": _text,
    "customer_ref": _text,
    "purpose": _text,
    "status": _status,
    "occurred_at": _timestamp,
    "notice_version": _text,
    "language": _language,
    "channel": _text,
    "evidence": _text,
    "collected_by": _text,
    "valid_until": _timestamp,
    "separate": _flag,
    "written": _flag,
    "guardian": _flag,
    "purpose_version": _version,
    "birth_date": _date,
    "name": _text,
    "contact": _text,
    "jurisdiction": _text,
}
FIELD_ORDER = {name: order for order, name in enumerate(FIELDS)}
