"""Stage 7: the advice logged, the chat turn remembered, and the `Answer` returned."""

from __future__ import annotations

import time

from assistant.advice_log import AdviceEntry, AdviceLog
from assistant.ports import SourceCatalog
from assistant.result import Answer
from assistant.sessions import SessionStore, Turn
from assistant.stages.judge import Signals
from assistant.stages.render import Rendered


class Record:
    def __init__(
        self, advice: AdviceLog | None, sessions: SessionStore, catalog: SourceCatalog
    ) -> None:
        self.advice = advice
        self.sessions = sessions
        self.catalog = catalog

    def __call__(self, rendered: Rendered) -> Answer:
        draft = rendered.draft
        judged = draft.selection.judged
        found, asked = judged.found, judged.found.asked
        version = self.catalog.index_version()
        entry = self._log(rendered, version)
        if asked.session is not None:
            turn = Turn(
                asked.question,
                asked.query,
                rendered.text,
                tuple(c.label for c in draft.citations),
                draft.refused,
                tuple(r.subject_ref for r in found.subjects),
                time.time(),
            )
            self.sessions.add(asked.session, turn)
        return Answer(
            answer=rendered.text,
            citations=draft.citations,
            refused=draft.refused,
            mode=draft.mode,
            language=asked.language,
            articles=draft.articles,
            subjects=found.subjects,
            flagged=found.flagged,
            reasons=list(judged.verdict.reasons) if draft.refused else [],
            signals=_signals(judged.verdict.signals),
            session_id=asked.session.session_id if asked.session else None,
            advice_id=entry.advice_id if entry else None,
            index_version=version,
            question_flags=list(asked.flags),
            rejected_citations=draft.rejected,
            fallback_reason=draft.fallback_reason,
            elapsed_ms=(time.perf_counter() - asked.started) * 1000,
        )

    def _log(self, rendered: Rendered, version: str) -> AdviceEntry | None:
        if self.advice is None:
            return None
        draft, asked = rendered.draft, rendered.draft.selection.judged.found.asked
        return self.advice.record(
            key_id=asked.caller.key_id,
            role=str(asked.caller.role),
            label=asked.caller.label,
            question=asked.question,
            mode=draft.mode,
            refused=draft.refused,
            cited=[c.label for c in draft.citations],
            index_version=version,
            session_id=asked.session.session_id if asked.session else None,
        )


def _signals(signals: Signals) -> dict[str, object]:
    """The verdict's signals as the answer reports them, so the decision can be audited."""
    return {
        "coverage": round(signals.coverage, 3),
        "support": round(signals.support, 3),
        "top_dense": round(signals.top_dense, 3),
        "top_bm25": round(signals.top_bm25, 3),
        "unfamiliar": round(signals.unfamiliar, 3),
        "missing_instruments": [item.name for item in signals.scope.missing],
        "off_domain": list(signals.scope.off_domain),
        "about_product": signals.scope.about_product,
        "absent_articles": [
            f"{named.sources[0].law} {named.written}" for named in signals.scope.absent
        ],
    }
