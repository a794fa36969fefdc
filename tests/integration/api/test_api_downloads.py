"""Every download names its file in a well-formed header, whatever the reference holds."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from urllib.parse import quote

import pytest
from api_harness import Api
from content_disposition import download_name
from httpx import Response

ODD_REFS = ["\x19\u00b7", 'a"b;c\\d', "\x7f\x01;filename=x", "客户-7;\"'"]
"""References the API accepts: control characters, quotes, `;`, non-ASCII. (A `%` goes over
real HTTP, in the end-to-end test: the test client decodes a path twice.)"""
LINE_BREAKS = ["a\r\nSet-Cookie:x", "b\nc", "d\re"]
"""References the API refuses (no whitespace in a reference), downloads included."""


def open_incident(api: Api, ref: str) -> Response:
    body = {
        "incident": ref,
        "title": "lost laptop",
        "severity": "general",
        "discovered_at": datetime.now(UTC).isoformat(),
        "subjects_affected": 1,
    }
    return api.call("admin", "POST", "/v1/incidents", json=body)


def start_succession(api: Api, ref: str) -> Response:
    """A succession from a new seller (a controller runs one succession at a time)."""
    controllers = api.services.registry.controllers
    seller = f"seller-{len(controllers.all())}"
    controllers.register_controller(seller, name=seller, contact="dpo@x.example", jurisdiction="CN")
    body = {
        "succession": ref,
        "from_controller": seller,
        "to_controller": "buyer",
        "reason": "merger",
        "effective_on": date.today().isoformat(),
    }
    return api.call("admin", "POST", "/v1/successions", json=body)


CREATE: dict[str, Callable[[Api, str], Response]] = {
    "/v1/incidents/{incident}": open_incident,
    "/v1/successions/{succession}": start_succession,
}
"""How to make the resource each download by reference names."""


def downloads(api: Api) -> list[str]:
    """The paths the OpenAPI says answer a file: CSV reports and the audit export."""
    files = {"text/csv", "application/x-ndjson"}
    return [
        path
        for path, item in api.app.openapi()["paths"].items()
        if files & set(item.get("get", {}).get("responses", {}).get("200", {}).get("content", {}))
    ]


def download(api: Api, path: str, ref: str = "") -> Response:
    url = path.split("{")[0] + quote(ref, safe="")
    params = {"format": "csv", "until": date.today().isoformat()}
    return api.call("admin", "GET", url, params=params)


@pytest.fixture()
def with_buyer(api: Api) -> Api:
    api.services.registry.controllers.register_controller(
        "buyer", name="Buyer Ltd", contact="dpo@buyer.example", jurisdiction="CN"
    )
    return api


def test_every_download_names_its_file_in_a_well_formed_header(with_buyer: Api) -> None:
    api = with_buyer
    paths = downloads(api)
    assert "/v1/audit/export" in paths and "/v1/incidents/{incident}" in paths
    by_reference = [path for path in paths if "{" in path]
    assert sorted(by_reference) == sorted(CREATE)
    for path in paths:
        if path in CREATE:
            continue
        answer = download(api, path)
        assert answer.status_code == 200, (path, answer.text)
        assert download_name(answer).startswith(("consentry-", path.rsplit("/", 1)[-1])), path
    for path, create in CREATE.items():
        for ref in ODD_REFS:
            created = create(api, ref)
            assert created.status_code == 201, (path, ref, created.text)
            answer = download(api, path, ref)
            assert answer.status_code == 200, (path, ref, answer.text)
            assert download_name(answer) == f"{ref}.csv"


def test_a_reference_with_a_line_break_is_refused_not_a_header(with_buyer: Api) -> None:
    api = with_buyer
    for path, create in CREATE.items():
        for ref in LINE_BREAKS:
            assert create(api, ref).status_code == 422, (path, ref)
            answer = download(api, path, ref)
            assert answer.status_code == 422, (path, ref, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            assert "content-disposition" not in answer.headers
