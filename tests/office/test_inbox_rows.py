"""收件箱's rows and acknowledgement, read and written in the domain (the page once walked the ORM itself)."""

from __future__ import annotations

import pytest

from qmsdesk.errors import NotFoundError
from qmsdesk.i18n import set_language
from qmsdesk.office import inbox
from qmsdesk.office.importer import import_file


@pytest.fixture
def imported(factory, folders, office_keys, store):
    unit = factory.unit()
    for version in (1, 2):
        import_file(store, factory.package(unit, version=version, out=folders.inbox / "H001_D012"),
                    keys=office_keys, folders=folders)
    return unit


def test_package_rows_say_which_version_counts_and_what_the_office_did(store, imported):
    with store.session() as s:
        rows = inbox.package_rows(s)
        log = inbox.log_rows(s)
    assert sorted((r.version, r.raw_state, r.state, r.ack) for r in rows) == [
        (1, "superseded", "已被新版本替代", "待审核"), (2, "current", "当前版本", "待审核")]
    assert [e.outcome for e in log] == ["已导入", "已导入"] and all(e.period == "2026-10" for e in log)


def test_the_rows_read_in_english_when_the_user_reads_english(store, imported):
    set_language("en")
    try:
        with store.session() as s:
            rows = inbox.package_rows(s)
    finally:
        set_language("zh_CN")
    assert {r.state for r in rows} == {"replaced by a newer version", "current version"}
    assert {r.ack for r in rows} == {"to review"}


def test_a_package_is_acknowledged_by_its_id_and_a_missing_one_is_named(store, imported, office_keys, folders):
    with store.session() as s:
        newest = max(inbox.package_rows(s), key=lambda r: r.version)
        result = inbox.acknowledge_package(s, newest.id, "returned", "跌倒例次与床日不符", keys=office_keys,
                                           folders=folders)
    assert result.receipt.is_file()
    with store.session() as s:
        assert {r.version: r.ack for r in inbox.package_rows(s)}[2] == "已退回"
        with pytest.raises(NotFoundError, match="找不到这个上报包"):
            inbox.acknowledge_package(s, 999_999, "accepted", keys=office_keys, folders=folders)
