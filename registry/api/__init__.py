"""The registry over HTTP: routers, access control, idempotency, limits, problem+json errors."""
