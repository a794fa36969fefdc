"""The API's own errors. The domain's are in `registry.errors`; `registry.api.problems` maps
both to problem documents.

    ApiError
    ├── ProblemError      raised by routes and dependencies to answer with a problem document;
    │                     `.status`, `.detail`, `.code`, `.errors`, `.headers`
    ├── BodyTooLarge      a streamed request body passed the size limit (answered 413); `.limit`
    └── KeyConfigError    an API key definition that cannot be used; `.where`
"""

from collections.abc import Iterable


class ApiError(Exception):
    """Base of the API's own errors."""


class ProblemError(ApiError):
    """Answer with a problem document: `errors` lists `{field, message}` of the inputs at fault."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str | None = None,
        errors: Iterable[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.errors = list(errors)
        self.headers = headers or {}


class BodyTooLarge(ApiError):
    """The body streamed in so far is larger than the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body larger than {limit} bytes")
        self.limit = limit


class KeyConfigError(ApiError):
    """A key definition that cannot be used; carries where it came from."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
