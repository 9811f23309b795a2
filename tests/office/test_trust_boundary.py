"""A dishonest unit and a stranger against a real `qmsdesk office serve`: binding, outcomes, keys, races.

Every test starts the receiver as its own process on a free port and talks HTTP to it; what it may not
achieve is checked afterwards in every table and folder of the office: nothing stored, no key recorded,
no success reply.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from receiver_process import PERIOD, Office, Receivers, UnitKeys, Ward, month, package

from qmsdesk.sync.package import package_filename


@pytest.fixture
def office(tmp_path, request):
    """The office on SQLite, or on PostgreSQL for the tests marked ON_EACH_STORE."""
    return Office.with_units(tmp_path, store_url_of(getattr(request, "param", "sqlite"), tmp_path, request),
                             ("H001", "D012"), ("H002", "D001"))


# The rules live in the importer and the store's constraints: the tests where the store decides run on both.
ON_EACH_STORE = pytest.mark.parametrize("office", ["sqlite", "postgresql"], indirect=True)


def store_url_of(kind: str, tmp_path, request) -> str:
    if kind == "sqlite":
        return str(tmp_path / "office.db")
    from sqlalchemy import create_engine

    from qmsdesk.office.models import OfficeBase

    url = request.getfixturevalue("pg_url")  # QMSDESK_TEST_PG_URL, or a throw-away server (tests/conftest.py)
    engine = create_engine(url)
    OfficeBase.metadata.drop_all(engine)  # each test starts from an empty store
    engine.dispose()
    return url


@pytest.fixture
def tokens(office):
    return {"H001": office.token("H001", "D012"), "H002": office.token("H002", "D001")}


@pytest.fixture
def receiver(office):
    with Receivers(office) as start:
        yield start


def _confirmed(office, rx, unit: UnitKeys, token: str, tmp_path) -> None:
    """The unit's first upload records its key as pending; the office confirms it by fingerprint."""
    first = rx.post(package(tmp_path / "first", unit, office.keys(), version=1, period="2026-09"), token,
                    package_filename(unit.hospital, unit.department, "2026-09", 1))
    assert (first.status, first.outcome, first.code) == (202, "held", "key_pending"), first.doc
    assert office.confirm(unit.hospital, unit.department, unit.fingerprint).returncode == 0


def _nothing_of(office, hospital: str, department: str) -> None:
    """No package, record, journal line, key or file of that upload anywhere in the office."""
    assert office.counts()["packages"] == 0 and office.counts()["records"] == 0
    unit = office.unit(hospital, department)
    assert unit.pending_key_b64 is None and unit.key_b64 is None
    for folder in ("inbox", "archive", "quarantine"):
        assert not [p for p in office.files(folder) if p.suffix == ".qmspkg" or ".qmspkg." in p.name], folder


# --- 1. a token belongs to one unit ---------------------------------------------------------------

@ON_EACH_STORE
def test_a_units_token_cannot_relay_another_units_package_or_plant_its_key(office, tokens, receiver, tmp_path):
    rx = receiver()
    keys = office.keys()
    b = UnitKeys("H002", "D001")  # B's genuine key, never seen by the office
    stranger_as_b = UnitKeys("H002", "D001")  # a fresh key claiming to be B
    for who in (b, stranger_as_b):
        pkg = package(tmp_path / who.fingerprint.replace(" ", ""), who, keys)
        as_b = rx.post(pkg, tokens["H001"], pkg.name)
        assert (as_b.status, as_b.code) == (400, "bad_name")  # named as B's file: not A's to send
        renamed = rx.post(pkg, tokens["H001"], package_filename("H001", "D012", PERIOD, 1))
        assert (renamed.status, renamed.outcome, renamed.code) == (403, "refused", "unit_mismatch"), renamed.doc
        assert "H002/D001" in renamed.message and "未保存任何内容" in renamed.message
    _nothing_of(office, "H002", "D001")
    assert office.counts()["journal"] == 0
    log = (office.data / "qmsdesk.log").read_text(encoding="utf-8")
    assert "the token of H001_D012 sent a package naming H002/D001" in log


def test_a_stranger_without_a_token_gets_nothing_stored(office, receiver, tmp_path):
    rx = receiver()
    pkg = package(tmp_path, UnitKeys("H001", "D012"), office.keys())
    for token in (None, "guessed-token", "x" * 4000):
        reply = rx.post(pkg, token, pkg.name)
        assert (reply.status, reply.code) == (401, "bad_token")
    assert rx.get("/receipts", "guessed-token").status == 401
    _nothing_of(office, "H001", "D012")


def test_a_package_naming_another_unit_in_a_units_inbox_folder_is_refused_and_plants_no_key(office, tmp_path):
    from qmsdesk.office.importer import import_file

    forged = package(office.dir / "inbox" / "H001_D012", UnitKeys("H002", "D001"), office.keys())
    store = office.store()
    try:
        summary = import_file(store, forged, keys=office.keys(), folders=office.folders())
    finally:
        store.close()
    assert (summary.outcome, summary.code) == ("refused", "unit_mismatch")
    assert office.unit("H002", "D001").pending_key_b64 is None
    assert summary.moved_to.parent.name == "H001_D012"  # kept against the sender's own quota


def test_a_units_own_token_records_its_pending_key(office, tokens, receiver, tmp_path):
    rx = receiver()
    a = UnitKeys("H001", "D012")
    pkg = package(tmp_path, a, office.keys())
    reply = rx.post(pkg, tokens["H001"], pkg.name)
    assert (reply.status, reply.outcome, reply.code) == (202, "held", "key_pending")
    assert a.fingerprint in reply.message and reply.doc["file"] == pkg.name
    assert office.unit("H001", "D012").pending_fingerprint == a.fingerprint
    assert office.counts()["packages"] == 0


# --- 2. the unit learns the outcome and acts on it -----------------------------------------------

def test_submit_url_reports_held_then_sent_then_refused_with_the_reason(office, tokens, receiver, tmp_path,
                                                                        qtbot, monkeypatch):
    rx = receiver()
    enrollment = office.root / "H001_D012.enroll.json"
    ward = Ward(tmp_path / "ward").create(enrollment)

    held = ward.submit(rx.url)
    assert held.returncode == 6, held.stderr
    assert "暂存未导入" in held.stderr and "已发送到" not in held.stdout
    [state] = ward.outbox()
    assert state["state"] == "held" and state["code"] == "key_pending" and ward.fingerprint() in state["reason"]

    assert office.confirm("H001", "D012", ward.fingerprint()).returncode == 0
    imported = office.cli("import")
    assert imported.returncode == 0 and "已导入" in imported.stdout, imported.stdout + imported.stderr

    # The office issues a new enrollment file: the old token stops working. The unit amends and sends v2.
    office.enroll("H001", "D012")
    assert ward.cli("submit", "--period", PERIOD, "--accept-warnings", "x").returncode == 2  # locked: amend first
    _amend(ward)
    refused = ward.submit(rx.url)
    assert refused.returncode == 5, refused.stdout + refused.stderr
    assert "质控办拒收" in refused.stderr and "上传凭据无效" in refused.stderr and "已发送" not in refused.stdout
    states = {s["version"]: s for s in ward.outbox()}
    assert states[2]["state"] == "refused" and states[2]["code"] == "bad_token"
    assert "上传凭据无效" in states[2]["reason"]
    _the_month_page_shows(qtbot, monkeypatch, ward, "质控办已拒收", "上传凭据无效")


@ON_EACH_STORE
def test_a_conflicting_version_is_refused_naming_the_version_the_office_holds(office, tokens, receiver, tmp_path):
    rx = receiver()
    a = UnitKeys("H001", "D012")
    _confirmed(office, rx, a, tokens["H001"], tmp_path)
    name = package_filename("H001", "D012", PERIOD, 1)
    first = rx.post(package(tmp_path / "one", a, office.keys(), records=month("a", falls=1)), tokens["H001"], name)
    assert (first.status, first.outcome) == (201, "applied")
    other = rx.post(package(tmp_path / "two", a, office.keys(), records=month("a", falls=7)), tokens["H001"], name)
    assert (other.status, other.outcome, other.code) == (409, "refused", "conflict")
    assert first.doc["sha256"][:16] in other.message and name in other.message and "第 2 版" in other.message


def _amend(ward: Ward) -> None:
    from qmsdesk.db.engine import open_database
    from qmsdesk.services import submission

    db = open_database(ward.db, actor="测试护士长")
    with db.session() as s:
        submission.amend_month(s, PERIOD, "补录跌倒例次")
    db.close()


def _the_month_page_shows(qtbot, monkeypatch, ward: Ward, state: str, reason: str) -> None:
    """月度上报 shows the outbox state and the office's reason, as the head nurse sees it."""
    from qmsdesk.db.engine import open_database
    from qmsdesk.ui.context import AppContext
    from qmsdesk.ui.pages.submission import SubmissionPage

    monkeypatch.setenv("QMSDESK_DATA_DIR", str(ward.data))
    ctx = AppContext(open_database(ward.db, actor="测试护士长"))
    ctx.background_loads = False
    try:
        page = SubmissionPage(ctx)
        qtbot.addWidget(page)
        page.show()
        assert page.select_id(PERIOD)
        row = page.selected_row()
        assert page.outbox_text(row["outbox"]) == state
        assert reason in page.note.text() and state in page.note.text()
    finally:
        ctx.close()


# --- a confirmed unit's new key -------------------------------------------------------------------

@ON_EACH_STORE
def test_a_new_key_waits_with_both_fingerprints_and_the_old_key_stays_valid_for_what_it_signed_before(
        office, tokens, receiver, tmp_path):
    rx = receiver()
    a = UnitKeys("H001", "D012")
    _confirmed(office, rx, a, tokens["H001"], tmp_path)
    old_signed = package(tmp_path / "old", a, office.keys(), period="2026-08",
                         created=datetime(2026, 9, 2, tzinfo=UTC))  # signed before the change, still on a stick
    renewed = UnitKeys("H001", "D012", unit_id=a.unit_id)
    pkg = package(tmp_path / "new", renewed, office.keys())
    reply = rx.post(pkg, tokens["H001"], pkg.name)
    assert (reply.status, reply.outcome, reply.code) == (202, "held", "new_key_pending")
    assert renewed.fingerprint in reply.message and a.fingerprint in reply.message
    units = office.cli("units")
    assert renewed.fingerprint in units.stdout and a.fingerprint in units.stdout and "新密钥待确认" in units.stdout
    confirmed = office.confirm("H001", "D012", renewed.fingerprint)
    assert confirmed.returncode == 0 and "旧密钥" in confirmed.stdout
    assert "已导入" in office.cli("import").stdout  # the held package, now with its key confirmed
    late = rx.post(old_signed, tokens["H001"], old_signed.name)
    assert (late.status, late.outcome) == (201, "applied"), late.doc
    after = package(tmp_path / "after", a, office.keys(), period="2026-07", created=datetime.now(UTC))
    stale_key = rx.post(after, tokens["H001"], after.name)
    assert (stale_key.status, stale_key.code) == (422, "retired_key"), stale_key.doc
    # Signed in the very second the new key was confirmed (a manifest's time has whole seconds): not "before" it.
    same_second = package(tmp_path / "same", a, office.keys(), period="2026-06", created=_retired_at(office))
    assert rx.post(same_second, tokens["H001"], same_second.name).code == "retired_key"


def _retired_at(office) -> datetime:
    from sqlalchemy import select

    from qmsdesk.office.models import OfficeUnitKey

    store = office.store()
    try:
        with store.session() as s:
            retired = s.scalar(select(OfficeUnitKey.retired_at).where(OfficeUnitKey.retired_at.is_not(None)))
    finally:
        store.close()
    return retired if retired.tzinfo else retired.replace(tzinfo=UTC)


def test_confirm_key_with_nothing_waiting_says_so(office):
    done = office.confirm("H001", "D012", "0000 0000 0000 0000")
    assert done.returncode == 2 and "没有待确认的密钥" in done.stderr


# --- 4. the same file name at the same moment -----------------------------------------------------

@ON_EACH_STORE
def test_two_uploads_of_one_name_at_once_one_wins_and_the_other_is_told_which(office, tokens, receiver, tmp_path):
    rx = receiver()
    a = UnitKeys("H001", "D012")
    _confirmed(office, rx, a, tokens["H001"], tmp_path)
    for version in (1, 2, 3):
        name = package_filename("H001", "D012", PERIOD, version)
        bodies = [package(tmp_path / f"v{version}-{n}", a, office.keys(), version=version,
                          records=month("a", falls=n)).read_bytes() for n in (1, 2)]
        replies = [None, None]
        barrier = threading.Barrier(2)

        def send(i: int, bodies=bodies, name=name, replies=replies, barrier=barrier) -> None:
            barrier.wait()
            replies[i] = rx.post(bodies[i], tokens["H001"], name)

        threads = [threading.Thread(target=send, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(r.status for r in replies) == [201, 409], [r.doc for r in replies]
        won = next(r for r in replies if r.status == 201)
        lost = next(r for r in replies if r.status == 409)
        assert won.doc["file"] == name and won.doc["outcome"] == "applied"
        assert won.doc["sha256"][:16] in lost.message and lost.code == "conflict"
    from qmsdesk.office.models import OfficePackage

    store = office.store()
    try:
        with store.session() as s:
            assert s.query(OfficePackage).filter(OfficePackage.period == PERIOD).count() == 3
    finally:
        store.close()


@ON_EACH_STORE
def test_a_unit_signing_malformed_identity_fields_gets_a_refusal_not_a_server_error(office, tokens, receiver,
                                                                                   tmp_path):
    """Its own key signs whatever it likes: out-of-range months and versions, endless names, odd record ids."""
    from office_helpers import rebuild

    rx = receiver()
    a = UnitKeys("H001", "D012")
    _confirmed(office, rx, a, tokens["H001"], tmp_path)
    good = package(tmp_path / "good", a, office.keys())
    edits = {"month 13": lambda m: m.update(period="2026-13"), "huge version": lambda m: m.update(version=10**12),
             "long unit id": lambda m: m.update(unit_id="u" * 500),
             "endless name": lambda m: m.update(hospital_name="医" * 100_000)}
    for what, edit in edits.items():
        bad = rebuild(good, tmp_path / what / good.name, signing_key=a.key, manifest_edit=edit)
        reply = rx.post(bad, tokens["H001"], good.name)
        assert (reply.status, reply.code) == (422, "bad_manifest"), (what, reply.doc)
    long_ids = package(tmp_path / "ids", a, office.keys(), records={"staff": {"x" * 60: {"id": "x", "name": "甲"}}})
    reply = rx.post(long_ids, tokens["H001"], long_ids.name)
    assert (reply.status, reply.code) == (422, "bad_data"), reply.doc
    assert office.counts()["packages"] == 0 and rx.get("/health").status == 200
