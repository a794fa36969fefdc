"""API keys of the e2e app, one per role."""

KEYS = {"staff": "k-staff", "admin": "k-admin", "regulator": "k-reg", "system": "k-sys"}


def auth(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[role]}"}
