"""The assistant's router in an app with the registry's real access control and
problem+json handlers, over Consentry's own corpus held in memory."""

from collections.abc import Iterator

import pytest
from assistant_keys import KEYS
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.advice_log import AdviceLog
from assistant.api import ASSISTANT_PROBLEMS, make_router
from assistant.documents import to_passage
from assistant.fakes import MemoryConsents, MemoryPassages
from assistant.ports import ConsentLine, SubjectState
from assistant.service import Assistant
from knowledge.chunking import chunk_document
from knowledge.corpus import load_corpus
from knowledge.manifest import load_manifest
from knowledge.settings import PACKAGE_DIR
from registry.api.access import AccessControl, AccessLog, require
from registry.api.auth import KeyRing
from registry.api.limits import RateLimiter
from registry.api.problems import install_problem_handlers
from registry.roles import Role
from registry.servicedb import SQLiteServiceDatabase


@pytest.fixture(scope="session")
def corpus() -> MemoryPassages:
    manifest = load_manifest()
    chunks = [c for d in load_corpus([PACKAGE_DIR], manifest) for c in chunk_document(d)]
    return MemoryPassages([to_passage(c.chunk_id, c.text, c.metadata) for c in chunks])


@pytest.fixture()
def consents() -> MemoryConsents:
    line = ConsentLine("marketing-sms", "withdrawn", 2, "2025-05-01T00:00:00+00:00", 41)
    return MemoryConsents({"C-1001": SubjectState("C-1001", None, (line,))})


@pytest.fixture()
def client(tmp_path, corpus: MemoryPassages, consents: MemoryConsents) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    db = SQLiteServiceDatabase(tmp_path / "service.sqlite")
    assistant = Assistant(corpus, corpus, consents=consents, advice=AdviceLog(db))
    app = FastAPI()
    keys = KeyRing.from_env_value(",".join(f"{role}:{key}" for role, key in KEYS.items()))
    app.state.access = AccessControl(keys, RateLimiter(0), AccessLog(db))
    install_problem_handlers(app, ASSISTANT_PROBLEMS)
    reviewer = require(Role.ADMIN, Role.REGULATOR)
    app.include_router(make_router(assistant, caller=require(), reviewer=reviewer))
    with TestClient(app) as test_client:
        yield test_client
    db.close()
