"""A property-based fuzz of the whole OpenAPI document with schemathesis, as the admin.

Every operation gets generated requests, valid and invalid; none may answer 5xx and every
answer must match the document (status, content type, headers, body schema), and invalid
input must be refused. The assistant's routes are fuzzed too: they answer from a small
in-memory corpus, so no knowledge index is needed. Bounded for CI: a few examples per
operation and mode, no shrinking.
"""

from pathlib import Path
from typing import Any

import schemathesis
from api_harness import KEYS, api_settings, define_purposes, give, running_api
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
ADMIN = {"Authorization": f"Bearer {KEYS['admin']}"}
CONTRACT = {
    "PUT /v1/purposes/{purpose_id}",
    "GET /v1/purposes",
    "GET /v1/purposes/{purpose_id}",
    "PUT /v1/subjects/{ref}",
    "POST /v1/subjects/{ref}/consents",
    "GET /v1/subjects/{ref}/consents",
    "GET /v1/subjects/{ref}/permission",
    "GET /v1/subjects/{ref}/history",
    "GET /v1/audit/events",
}
EXAMPLES = {GenerationMode.POSITIVE: 5, GenerationMode.NEGATIVE: 3}


def describe(error: BaseException) -> str:
    """The failure as schemathesis tells it, with the request to reproduce it."""
    return f"{type(error).__name__}: {error}"


def fuzz(operation: Any, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(mode, headers=ADMIN))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    run()


def test_fuzz_every_operation_of_the_openapi_document(tmp_path: Path) -> None:
    settings_ = api_settings({}, tmp_path, rate_limit_per_minute=0)
    with running_api(settings_, "sqlite", assistant=True) as api:
        define_purposes(api)
        give(api, "known")
        schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
        # A body too large for the service (413) is refused like any other invalid one.
        rejection = schema.config.checks.negative_data_rejection
        rejection.expected_statuses = [*rejection.expected_statuses, "413"]
        failures = []
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {operation.label for operation in operations} >= CONTRACT
        for operation in operations:
            for mode in EXAMPLES:
                try:
                    fuzz(operation, mode)
                except Unsatisfiable:
                    # Nothing to make invalid: the operation takes no input it could refuse.
                    assert mode is GenerationMode.NEGATIVE, operation.label
                except (Exception, BaseExceptionGroup) as failure:  # one report for all
                    failures.append(f"{operation.label} ({mode.value}): {describe(failure)}")
        assert failures == [], "\n\n".join(failures)
