"""The body-size limit (413) and the per-key rate limit (429 with Retry-After)."""

from collections.abc import Iterator

from api_harness import Api, MakeApi, define_purposes


def consent(evidence: str) -> dict[str, str]:
    return {"purpose": "newsletter", "status": "given", "evidence": evidence}


def test_a_body_over_the_limit_is_413_and_writes_nothing(make_api: MakeApi) -> None:
    with make_api(max_body_bytes=600) as api:
        define_purposes(api)
        before = api.position()
        big = api.call("staff", "POST", "/v1/subjects/c-1/consents", json=consent("e" * 700))
        assert big.status_code == 413, big.text
        assert big.headers["content-type"] == "application/problem+json"
        assert big.json()["errors"] == [
            {"field": "body", "message": "request body larger than 600 bytes"}
        ]

        def chunks() -> Iterator[bytes]:
            yield b'{"purpose": "newsletter", "status": "given", "evidence": "'
            for _ in range(10):
                yield b"e" * 100
            yield b'"}'

        streamed = api.call(
            "staff",
            "POST",
            "/v1/subjects/c-1/consents",
            content=chunks(),
            headers={"content-type": "application/json", "Idempotency-Key": "big-1"},
        )
        assert streamed.status_code == 413, streamed.text
        assert api.position() == before
        small = api.call("staff", "POST", "/v1/subjects/c-1/consents", json=consent("e" * 100))
        assert small.status_code == 201, small.text


def rate_limited(api: Api, role: str) -> int:
    """Requests answered before the first 429."""
    for number in range(100):
        answer = api.call(role, "GET", "/v1/purposes")
        if answer.status_code == 429:
            return number
        assert answer.status_code == 200, answer.text
    raise AssertionError("never rate limited")


def test_a_key_over_its_rate_is_429_with_retry_after(make_api: MakeApi) -> None:
    with make_api(rate_limit_per_minute=60) as api:
        define_purposes(api)
        # 60 a minute allows a burst of 6; the admin used 3 defining the purposes.
        assert rate_limited(api, "staff") == 6
        limited = api.call("staff", "GET", "/v1/purposes")
        assert limited.status_code == 429
        assert limited.headers["content-type"] == "application/problem+json"
        assert limited.json()["code"] == "rate_limited"
        assert 1 <= int(limited.headers["retry-after"]) <= 60

        before = api.position()
        write = api.call("staff", "POST", "/v1/subjects/c-2/consents", json=consent("x"))
        assert write.status_code == 429
        assert api.position() == before
        assert rate_limited(api, "system") == 6


def test_no_limit_when_the_rate_is_zero(make_api: MakeApi) -> None:
    with make_api(rate_limit_per_minute=0) as api:
        for _ in range(50):
            assert api.call("staff", "GET", "/v1/purposes").status_code == 200
