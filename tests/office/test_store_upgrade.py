"""An office store made by the previous version (schema 1) is brought to schema 2 when it opens."""

from __future__ import annotations

from sqlalchemy import text

from qmsdesk.office.models import SCHEMA_VERSION, OfficeUnitKey
from qmsdesk.office.store import open_office_store
from qmsdesk.office.units import find_unit


def _as_schema_1(url: str) -> None:
    """Undo what schema 2 added, as a store written by the previous version looks."""
    store = open_office_store(url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE office_unit_keys"))
        conn.execute(text("ALTER TABLE office_units DROP COLUMN requires_encryption"))
        conn.execute(text("UPDATE office_meta SET value = '1' WHERE key = 'schema_version'"))
        for code, token, key in (("D012", "'t1'", "'a2V5'"), ("D013", "NULL", "NULL")):
            conn.execute(text(
                "INSERT INTO office_units (id, hospital_code, hospital_name, department_code, department_name, "
                "department_type, deadline_day, token_sha256, key_b64, key_fingerprint, active, created_at) VALUES "
                f"('u-{code}', 'H001', '示例医院', '{code}', '心内科', 'other', 5, {token}, {key}, "
                f"{'NULL' if key == 'NULL' else repr('AAAA BBBB CCCC DDDD')}, TRUE, CURRENT_TIMESTAMP)"))
    store.close()


def test_a_schema_1_store_is_upgraded_keeping_its_units_and_keys(store_url):
    _as_schema_1(store_url)
    store = open_office_store(store_url)
    try:
        with store.session() as s:
            version = s.execute(text("SELECT value FROM office_meta WHERE key = 'schema_version'")).scalar()
            assert int(version) == SCHEMA_VERSION == 9
            enrolled, registered = find_unit(s, "H001", "D012"), find_unit(s, "H001", "D013")
            assert enrolled.requires_encryption and not registered.requires_encryption
            assert [(k.key_b64, k.retired_at) for k in s.query(OfficeUnitKey).all()] == [("a2V5", None)]
    finally:
        store.close()
    open_office_store(store_url).close()  # opening again changes nothing
