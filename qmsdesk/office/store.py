"""Opening the office store (SQLite file or PostgreSQL URL), its folders, and the office key pair.

`open_office_store(None)` opens `office.db` in the data folder (or QMSDESK_OFFICE_DB);
`open_office_store("postgresql+psycopg://user:pw@host/db")` opens a shared PostgreSQL store. The schema
is created on open (`OfficeBase.metadata.create_all`) and its version recorded in `office_meta`;
UPGRADES holds the numbered steps from one version to the next that change existing tables; a version
that only adds tables needs no step, because `create_all` adds them on open (version 3 added
office_factor_groups that way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from qmsdesk import config
from qmsdesk.errors import DatabaseError, QmsError
from qmsdesk.i18n import msg
from qmsdesk.office.models import SCHEMA_VERSION, OfficeBase, OfficeMeta

STORE_ENV = config.QMSDESK_OFFICE_DB.name
FOLDER_ENV = config.QMSDESK_OFFICE_DIR.name


def _upgrade_2(conn) -> None:
    """Units enrolled with the office's encryption key must seal their packages; confirmed keys get a history.

    `create_all` has already made the new office_unit_keys table; every unit that was issued an enrollment
    file (it has a token) received the encryption key in it.
    """
    conn.execute(text("ALTER TABLE office_units ADD COLUMN requires_encryption BOOLEAN NOT NULL DEFAULT FALSE"))
    conn.execute(text("UPDATE office_units SET requires_encryption = TRUE WHERE token_sha256 IS NOT NULL"))
    conn.execute(text("INSERT INTO office_unit_keys (unit_id, key_b64, fingerprint, confirmed_at) "
                      "SELECT id, key_b64, key_fingerprint, created_at FROM office_units WHERE key_b64 IS NOT NULL"))


def _upgrade_4(conn) -> None:
    """Records as JSONB on PostgreSQL (the pages aggregate inside them in SQL) and the index of one indicator's
    (or one analysis span's) rows; tombstones hold SQL NULL rather than JSON null."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE office_records ALTER COLUMN data TYPE JSONB USING data::jsonb"))
        conn.execute(text("UPDATE office_records SET data = NULL WHERE data = 'null'::jsonb"))
    else:
        conn.execute(text("UPDATE office_records SET data = NULL WHERE data = 'null'"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_office_records_kind_tag_period ON office_records (kind, tag, period)"))


def _upgrade_5(conn) -> None:
    """The derived tables of the pages (office/derived.py; create_all made them) filled from the records held."""
    from qmsdesk.office.derived import rebuild

    rebuild(conn)


def _upgrade_6(conn) -> None:
    """Indicator values in typed columns (office_indicator_months; create_all made it and the judged quarters')."""
    from qmsdesk.office.derived import rebuild_indicators

    rebuild_indicators(conn)


def _upgrade_7(conn) -> None:
    """The kept quarters' pooled numerator and denominator (office/signals.py), filled from the months they pool;
    no quarter figures kept (office/quarter_figures.py; create_all made the tables): a store an older program
    wrote to since this step last ran (it is safe to run again) may hold figures that program did not forget."""
    from qmsdesk.office.signals import add_quarter_sums

    add_quarter_sums(conn)
    for table in ("office_quarter_figures", "office_quarter_overdue"):
        conn.execute(text(f"DELETE FROM {table}"))


def _upgrade_8(conn) -> None:
    """Scored inspections and deducted checklist items in typed columns (office_inspection_scores,
    office_deducted_items; create_all made them), filled from the records held."""
    from qmsdesk.office.derived import rebuild_quality

    rebuild_quality(conn)


def _upgrade_9(conn) -> None:
    """The records the quarterly report quotes whole (units' analyses, PDCA projects) with their JSON as text
    (office_quoted_records; create_all made it), filled from the records held."""
    from qmsdesk.office.derived import rebuild_quoted

    rebuild_quoted(conn)


# version -> function(connection) bringing the schema from version-1 to version; a version that only adds
# tables has no step (create_all made them)
UPGRADES: dict[int, Callable] = {2: _upgrade_2, 4: _upgrade_4, 5: _upgrade_5, 6: _upgrade_6, 7: _upgrade_7,
                                  8: _upgrade_8, 9: _upgrade_9}


def office_url(value: str | Path | None = None) -> str:
    """A SQLAlchemy URL from --db (a path or URL), QMSDESK_OFFICE_DB, or the data folder's office.db."""
    value = value if value not in (None, "") else config.env(config.QMSDESK_OFFICE_DB)
    if value in (None, ""):
        from qmsdesk.config import data_dir

        value = data_dir() / "office.db"
    text = str(value)
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    from qmsdesk.config import create_private_file

    create_private_file(path)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    # A statement that writes many rows (an import's INSERT … SELECT of a month's records) keeps its statement
    # journal — only for undoing that statement, never read after a crash — in memory rather than in a temp file
    # it writes page by page; sorts spill no temp files either. Durability is the WAL's, unchanged.
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


BATCH_CACHE_KIB = 16 * 1024


@dataclass
class OfficeStore:
    engine: Engine
    url: str
    _factory: sessionmaker

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display(self) -> str:
        """The store for a status bar: a SQLite file as its path, a server as its URL without the password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database:
            return url.database
        return url.render_as_string(hide_password=True)

    @contextmanager
    def batch_connection(self) -> Iterator[Connection]:
        """One connection for a batch of transactions (importer.import_paths). On SQLite its page cache is 16 MiB
        for the batch instead of 2: each package touches the leaves of every index of the records, which a small
        cache read again from the file package after package (pread64 145k -> 57k for 1,000 packages). Not for
        every connection: a process receiving one package at the caps stays within its memory bound."""
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection if self.is_sqlite else None
            before = None
            if raw is not None:  # on the driver's connection: a PRAGMA must not begin SQLAlchemy's transaction
                before = raw.execute("PRAGMA cache_size").fetchone()[0]
                raw.execute(f"PRAGMA cache_size=-{BATCH_CACHE_KIB}")
            try:
                yield conn
            finally:
                if raw is not None and not conn.invalidated:
                    raw.execute(f"PRAGMA cache_size={int(before)}")

    @contextmanager
    def session(self, conn: Connection | None = None) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error; on `conn` when given (a batch
        that keeps one connection: no pool checkout, and on PostgreSQL no ping, per transaction)."""
        s = self._factory(bind=conn) if conn is not None else self._factory()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()


def _schema_version(conn) -> int:
    row = conn.execute(select(OfficeMeta.value).where(OfficeMeta.key == "schema_version")).first()
    return int(row[0]) if row else 0


def _prepare(engine: Engine) -> None:
    with engine.begin() as conn:
        OfficeBase.metadata.create_all(conn)
        current = _schema_version(conn)
        if current > SCHEMA_VERSION:
            raise DatabaseError(msg("质控办汇总库的结构版本（{v}）比本程序新（{h}），请升级 qmsdesk。",
                                    "The office store's schema ({v}) is newer than this program's ({h}); update qmsdesk.",
                                    v=current, h=SCHEMA_VERSION))
        # A new store (version 0) was made whole by create_all; only an existing one takes the steps, and a
        # version that only added tables has no step (create_all made them).
        for step in range(current + 1, SCHEMA_VERSION + 1) if current else ():
            if step in UPGRADES:
                UPGRADES[step](conn)
        if current:
            from qmsdesk.office.derived import refresh_pending

            refresh_pending(conn)  # months an import marked and could not refresh before it was stopped
        if current == 0:
            conn.execute(OfficeMeta.__table__.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif current != SCHEMA_VERSION:
            conn.execute(OfficeMeta.__table__.update().where(OfficeMeta.key == "schema_version")
                         .values(value=str(SCHEMA_VERSION)))


def open_office_store(value: str | Path | None = None) -> OfficeStore:
    """Open (and create or upgrade) the office store; DatabaseError says why it cannot be opened."""
    try:
        url = office_url(value)
    except OSError as exc:
        raise DatabaseError(msg("无法创建质控办汇总库 {p}：{e}", "Cannot create the office store {p}: {e}", p=value,
                                e=exc.strerror or exc)) from exc
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            # No JIT: the pages' queries run for well under a second, and compiling them cost up to 0.2 s each; and
            # room to group a province's quarter (200,000 rows) in memory rather than in temporary files.
            engine = create_engine(url, pool_pre_ping=True, connect_args={"options": "-c jit=off -c work_mem=32MB"})
        _prepare(engine)
    except ModuleNotFoundError as exc:
        raise DatabaseError(msg("无法连接 {u}：缺少数据库驱动 {m}（PostgreSQL 需要 pip install 'psycopg[binary]'）。",
                                "Cannot connect to {u}: the driver {m} is missing (PostgreSQL needs "
                                "pip install 'psycopg[binary]').", u=url.split("@")[-1], m=exc.name)) from exc
    except (OperationalError, SQLAlchemyError) as exc:
        raise DatabaseError(msg("无法打开质控办汇总库 {u}：{e}", "Cannot open the office store {u}: {e}",
                                u=url.split("@")[-1], e=getattr(exc, "orig", exc))) from exc
    return OfficeStore(engine, url, sessionmaker(engine, expire_on_commit=False))


@dataclass(frozen=True)
class OfficeFolders:
    """inbox/<H>_<D>/ (packages in, receipts out), archive/ (imported), quarantine/<H>_<D>/ (refused), reports/,
    incoming/ (uploads being received)."""

    root: Path

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def incoming(self) -> Path:
        """Uploads being received (the HTTP receiver's private staging, never scanned)."""
        return self.root / "incoming"

    def unit_inbox(self, folder_name: str) -> Path:
        return self.inbox / folder_name

    def ensure(self) -> OfficeFolders:
        for path in (self.inbox, self.archive, self.quarantine, self.reports):
            path.mkdir(parents=True, exist_ok=True)
        return self


def office_folders(root: str | Path | None = None) -> OfficeFolders:
    if root in (None, ""):
        root = config.env(config.QMSDESK_OFFICE_DIR)
    if root in (None, ""):
        from qmsdesk.config import data_dir

        root = data_dir() / "office"
    return OfficeFolders(Path(root).expanduser()).ensure()


def office_keys(secret_store=None, *, create: bool = True):
    """The office key pair from the office keyring (made on first use when `create`)."""
    from qmsdesk.sync.keys import generate_office_keys, load_office_keys, open_key_store, save_office_keys

    secret_store = secret_store or open_key_store()
    keys = load_office_keys(secret_store)
    if keys is None:
        if not create:
            raise QmsError(msg("本机还没有质控办密钥。请先登记一个单位（qmsdesk office enroll）以生成密钥。",
                               "This computer has no office keys yet. Enroll a unit first (qmsdesk office enroll)."))
        keys = generate_office_keys()
        save_office_keys(secret_store, keys)
    return keys
