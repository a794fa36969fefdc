"""The SQL of the consent-state read model, for SQLite and PostgreSQL alike."""

from registry.stores.dialect import Dialect

CONSENT_COLUMNS = (
    "subject_id",
    "purpose_id",
    "status",
    "purpose_version",
    "occurred_at",
    "valid_until",
    "separate",
    "written",
    "guardian",
    "event_version",
    "event_position",
    "reason",
    "article",
)
CONSENT_TYPES = (
    "text",
    "text",
    "text",
    "int",
    "text",
    "text",
    "bool",
    "bool",
    "bool",
    "int",
    "bigint",
    "text",
    "text",
)
CONSENTS = ", ".join(f"c.{column}" for column in CONSENT_COLUMNS)
PURPOSES = (
    "p.purpose_id AS p_id, p.lawful_basis, p.version, p.material_version, p.material_position, "
    "p.retired, p.event_position AS p_position"
)


def tables(d: Dialect) -> tuple[str, str]:
    return d.table("consent_state"), d.table("purpose_state")


class Writes:
    """Row changes. With a `guard` (a condition on the view's position, its last parameter)
    they only apply if the position is that, so that they can be sent together with the
    compare-and-set that moves it, without waiting for its answer."""

    def __init__(self, d: Dialect, guard: str | None) -> None:
        q = d.placeholder
        consents, purposes = tables(d)
        guarded = guard is not None
        guard = guard or "TRUE"
        if d.arrays:
            arrays = ", ".join(f"{q}::{kind}[]" for kind in CONSENT_TYPES)
            rows = f"SELECT * FROM unnest({arrays}) WHERE {guard}"
        elif guarded:
            rows = f"SELECT {', '.join([q] * len(CONSENT_COLUMNS))} WHERE {guard}"
        else:  # the fastest form for SQLite's one statement per row
            rows = f"VALUES ({', '.join([q] * len(CONSENT_COLUMNS))})"
        updates = ", ".join(f"{c} = excluded.{c}" for c in CONSENT_COLUMNS[2:])
        self.upsert_consent = (
            f"INSERT INTO {consents} AS cs ({', '.join(CONSENT_COLUMNS)}) "
            f"{rows} ON CONFLICT (subject_id, purpose_id) DO UPDATE SET {updates} "
            "WHERE (excluded.occurred_at, excluded.event_version) "
            ">= (cs.occurred_at, cs.event_version)"
        )
        self.define_purpose = (
            f"INSERT INTO {purposes} (purpose_uuid, purpose_id, lawful_basis, version, "
            f"material_version, material_position, retired, event_position) "
            f"SELECT {q}, {q}, {q}, 1, 1, {q}, {q}, {q} WHERE {guard}"
        )
        self.revise_purpose = (
            f"UPDATE {purposes} SET lawful_basis = {q}, version = {q}, event_position = {q} "
            f"WHERE purpose_uuid = {q} AND {guard}"
        )
        self.revise_materially = (
            f"UPDATE {purposes} SET lawful_basis = {q}, version = {q}, event_position = {q}, "
            f"material_version = {q}, material_position = {q} "
            f"WHERE purpose_uuid = {q} AND {guard}"
        )
        self.retire_purpose = (
            f"UPDATE {purposes} SET retired = {q}, event_position = {q} "
            f"WHERE purpose_uuid = {q} AND {guard}"
        )


class Statements:
    def __init__(self, d: Dialect, guard: str) -> None:
        q = d.placeholder
        consents, purposes = tables(d)
        self.writes = Writes(d, None)
        self.guarded_writes = Writes(d, guard)
        self.tables = [
            f"CREATE TABLE IF NOT EXISTS {consents} ("
            "subject_id TEXT NOT NULL, purpose_id TEXT NOT NULL, status TEXT NOT NULL, "
            "purpose_version INTEGER NOT NULL, occurred_at TEXT NOT NULL, valid_until TEXT, "
            "separate BOOLEAN NOT NULL, written BOOLEAN NOT NULL, guardian BOOLEAN NOT NULL, "
            "event_version INTEGER NOT NULL, event_position BIGINT NOT NULL, "
            "reason TEXT, article TEXT, "
            "PRIMARY KEY (subject_id, purpose_id))",
            f"CREATE INDEX IF NOT EXISTS consent_state_lapsing ON {consents} (valid_until) "
            "WHERE status = 'given' AND valid_until IS NOT NULL",
            f"CREATE TABLE IF NOT EXISTS {purposes} ("
            "purpose_uuid TEXT PRIMARY KEY, purpose_id TEXT NOT NULL UNIQUE, "
            "lawful_basis TEXT NOT NULL, version INTEGER NOT NULL, "
            "material_version INTEGER NOT NULL, material_position BIGINT, "
            "retired BOOLEAN NOT NULL, event_position BIGINT NOT NULL)",
        ]
        self.clear = [f"DELETE FROM {consents}", f"DELETE FROM {purposes}"]
        self.subject = (
            f"SELECT {CONSENTS}, {PURPOSES} FROM {consents} c "
            f"LEFT JOIN {purposes} p ON p.purpose_id = c.purpose_id WHERE c.subject_id = {q}"
        )
        self.purpose_and_record = (
            f"SELECT {PURPOSES}, {CONSENTS} FROM {purposes} p LEFT JOIN {consents} c "
            f"ON c.purpose_id = p.purpose_id AND c.subject_id = {q} WHERE p.purpose_id = {q}"
        )
        self.lapsed = (
            f"SELECT subject_id, purpose_id FROM {consents} WHERE status = 'given' "
            f"AND valid_until IS NOT NULL AND valid_until <= {q} ORDER BY subject_id, purpose_id"
        )
        self.dump = [
            f"SELECT {CONSENTS} FROM {consents} c ORDER BY subject_id, purpose_id",
            f"SELECT * FROM {purposes} ORDER BY purpose_uuid",
        ]
