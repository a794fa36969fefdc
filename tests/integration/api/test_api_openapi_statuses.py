"""The OpenAPI names the error statuses each operation can answer, as problem documents."""

from api_harness import Api, MakeApi

PROBLEM = {"$ref": "#/components/schemas/Problem"}


def statuses(api: Api, path: str, method: str) -> dict[str, dict]:
    responses: dict[str, dict] = api.app.openapi()["paths"][path][method]["responses"]
    for status, response in responses.items():
        if status.startswith(("4", "5")):
            assert response["content"]["application/problem+json"]["schema"] == PROBLEM
    return responses


def test_writes_keys_and_the_assistant_name_their_statuses(make_api: MakeApi) -> None:
    with make_api(assistant=True) as api:
        write = statuses(api, "/v1/purposes/{purpose_id}", "put")
        assert {"401", "409", "413", "429", "503"} <= set(write)
        read = statuses(api, "/v1/subjects/{ref}/consents", "get")
        assert {"401", "429", "503"} <= set(read) and not {"409", "413"} & set(read)
        ask = statuses(api, "/v1/assistant/ask", "post")
        assert "knowledge_unavailable" in ask["503"]["description"]
        passages = statuses(api, "/v1/assistant/passages", "get")
        assert "knowledge_unavailable" in passages["503"]["description"]
        health = statuses(api, "/healthz", "get")
        assert not {"401", "429", "409"} & set(health)
        key = statuses(api, "/v1/audit/public-key", "get")
        assert "429" not in key
