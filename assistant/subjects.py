"""Customers named in a question, and their registry state read with the caller's role.

A customer is named by reference after a word that says so ("customer C-1001",
"客户 C-1001", "subject_ref"), or passed explicitly. Nothing in a question or a document can
widen what is read: the references come from that pattern or the request field only, and
the role is the caller's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from assistant.ports import ConsentLookup, SubjectState
from registry.roles import CONSENT_READERS

MAX_SUBJECTS = 3
_REF = r"([A-Za-z][A-Za-z0-9]{0,9}-[A-Za-z0-9][A-Za-z0-9\-]{0,30}|[A-Za-z]{1,5}\d{2,20})"
_NAMED = re.compile(
    r"(?:\b(?:customer|client|subject|data subject)(?:\s+(?:ref(?:erence)?|id|no\.?|number))?"
    r"|客户|用户|顾客|会员)\s*(?:编号|号|ID)?\s*[:：#]?\s*" + _REF,
    re.IGNORECASE,
)
_THIS_CUSTOMER = re.compile(
    r"该客户|这位客户|这个客户|此客户|\b(?:this|that|the same) customer\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SubjectReport:
    """What the answer says about one named customer: `found`, `unknown`, `not-permitted`
    (the caller's role may not read customers) or `unavailable` (no registry connected)."""

    subject_ref: str
    status: str
    state: SubjectState | None = None


def named_subjects(question: str, explicit: str | None = None) -> list[str]:
    refs = [explicit.strip()] if explicit and explicit.strip() else []
    refs.extend(match.group(1) for match in _NAMED.finditer(question))
    return list(dict.fromkeys(refs))[:MAX_SUBJECTS]


def without_refs(question: str) -> str:
    """The question with customer references blanked out, for searching the corpus."""
    return _NAMED.sub(lambda match: match.group(0).replace(match.group(1), " "), question)


def refers_back(question: str) -> bool:
    """Whether a follow-up speaks of "this customer" without naming one."""
    return _THIS_CUSTOMER.search(question) is not None


def may_read(role: str) -> bool:
    return str(role) in CONSENT_READERS


def read_subjects(
    refs: Iterable[str], role: str, as_of: datetime | None, lookup: ConsentLookup | None
) -> list[SubjectReport]:
    reports = []
    for ref in refs:
        if not may_read(role):
            reports.append(SubjectReport(ref, "not-permitted"))
            continue
        if lookup is None:
            reports.append(SubjectReport(ref, "unavailable"))
            continue
        state = lookup.subject_state(ref, as_of=as_of, role=str(role))
        reports.append(SubjectReport(ref, "found" if state else "unknown", state))
    return reports


def render_subjects(reports: Sequence[SubjectReport], language: str) -> str:
    return "\n".join(_render(report, language) for report in reports)


def _render(report: SubjectReport, language: str) -> str:
    zh = language == "zh"
    ref = report.subject_ref
    if report.status == "not-permitted":
        return (
            f"客户 {ref}：您的角色无权查看客户数据。"
            if zh
            else f"Customer {ref}: your role may not read customer data."
        )
    if report.status == "unavailable":
        return (
            f"客户 {ref}：未连接登记系统，无法查询。"
            if zh
            else f"Customer {ref}: the registry is not connected here."
        )
    if report.state is None:
        return (
            f"客户 {ref}：登记系统中没有该客户。" if zh else f"Customer {ref}: not in the registry."
        )
    state = report.state
    when = state.as_of.isoformat() if state.as_of else ("当前" if zh else "now")
    lines = [f"客户 {ref} 的登记状态（截至 {when}）：" if zh else f"Customer {ref} (as of {when}):"]
    for consent in state.consents:
        version = f" v{consent.purpose_version}" if consent.purpose_version is not None else ""
        since = f", since {consent.since}" if consent.since else ""
        lines.append(
            f"- {consent.purpose}{version}: {consent.status}{since} (event #{consent.position})"
        )
    for flow in state.transfers:
        mechanism = f", {flow.mechanism}" if flow.mechanism else ""
        lines.append(
            f"- transfer {flow.flow} → {flow.country}: {flow.status}{mechanism} "
            f"(event #{flow.position})"
        )
    if len(lines) == 1:
        lines.append("- 无同意或出境记录" if zh else "- no consent or transfer records")
    return "\n".join(lines)
