"""Health, readiness, metrics, the OpenAPI document and its docs page; the global log."""

from api_harness import Api, define_purposes, give


def test_health_and_readiness(api: Api) -> None:
    assert api.call(None, "GET", "/healthz").json() == {"status": "ok"}
    ready = api.call(None, "GET", "/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "position": api.position()}


def test_readiness_fails_when_the_store_is_gone(api: Api) -> None:
    api.services.db.close()
    api.services.registry.close()
    answer = api.call(None, "GET", "/readyz")
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"] == "application/problem+json"


def test_metrics_count_requests_by_route_template(api: Api) -> None:
    define_purposes(api)
    give(api, "m-1")
    api.call("staff", "GET", "/v1/subjects/m-1/consents")
    api.call("staff", "GET", "/v1/subjects/m-2/consents")
    metrics = api.call(None, "GET", "/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = metrics.text.splitlines()
    route = 'route="/v1/subjects/{ref}/consents"'
    assert f'consentry_http_requests_total{{method="GET",{route},status="200"}} 1.0' in lines
    assert f'consentry_http_requests_total{{method="GET",{route},status="404"}} 1.0' in lines
    assert "# TYPE consentry_http_request_seconds histogram" in lines


def test_openapi_document_and_docs(api: Api) -> None:
    document = api.call(None, "GET", "/openapi.json")
    assert document.status_code == 200
    paths = document.json()["paths"]
    for path, method in [
        ("/v1/purposes/{purpose_id}", "put"),
        ("/v1/purposes", "get"),
        ("/v1/subjects/{ref}", "put"),
        ("/v1/subjects/{ref}/consents", "post"),
        ("/v1/subjects/{ref}/consents", "get"),
        ("/v1/subjects/{ref}/permission", "get"),
        ("/v1/subjects/{ref}/history", "get"),
        ("/v1/audit/events", "get"),
    ]:
        assert method in paths[path], (path, method)
    for path_item in paths.values():
        for operation in path_item.values():
            default = operation["responses"]["default"]["content"]
            assert default == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
    assert "201" in paths["/v1/purposes/{purpose_id}"]["put"]["responses"]
    assert "201" in paths["/v1/subjects/{ref}"]["put"]["responses"]
    docs = api.call(None, "GET", "/docs")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text


def test_the_global_log_pages_by_position(api: Api) -> None:
    define_purposes(api)
    for number in range(4):
        give(api, f"log-{number}")
    last = api.position()
    seen: list[int] = []
    after = 0
    for _ in range(last):
        page = api.call("regulator", "GET", f"/v1/audit/events?after={after}&limit=3")
        assert page.status_code == 200, page.text
        body = page.json()
        seen.extend(e["position"] for e in body["events"])
        if body["next_after"] is None:
            break
        assert body["next_after"] == body["events"][-1]["position"]
        after = body["next_after"]
    assert seen == list(range(1, last + 1))
    tail = api.call("admin", "GET", f"/v1/audit/events?after={last}").json()
    assert tail == {"events": [], "next_after": None}
    types = [e["type"] for e in api.call("admin", "GET", "/v1/audit/events").json()["events"]]
    assert types[:2] == ["Controller.Registered", "Purpose.Defined"]
    assert types.count("Subject.ConsentGiven") == 4
