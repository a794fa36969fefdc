"""A method a path does not answer: 405, and `Allow` lists every method the path does."""

import re

from api_harness import Api

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def test_a_405_lists_every_method_of_its_path_in_allow(api: Api) -> None:
    checked = 0
    for path, item in api.app.openapi()["paths"].items():
        url = re.sub(r"\{[^}]+\}", "x-1", path)
        answered = {method.upper() for method in item}
        for method in set(METHODS) - answered:
            answer = api.call("admin", method, url)
            assert answer.status_code == 405, (method, path, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            assert set(answer.headers["allow"].split(", ")) == answered, (method, path)
            checked += 1
    assert checked > 100
