"""The office's derived tables (schema 5): what 整改跟踪, 培训与不良事件 and the quarterly report aggregate, in typed
columns, made from the counted months (each unit's current, not returned version of a month).

- office_item_months: every live rectification item of every counted month, typed, with `next_period` — the next
  counted month that carried the item again (NULL: this is its newest state);
- office_items: each item's newest state (the rows of office_item_months with no next period), which 整改跟踪
  filters, groups and pages in SQL;
- office_training_months: per counted unit-month, training sessions, hours, attendance, assessments and passes;
- office_trained_staff: per counted unit-month, the staff seen in training, and whether at a safety session;
- office_event_counts: per counted unit-month, adverse events by category and grade;
- office_indicator_months (schema 6): every indicator value of a counted month, numerator and denominator typed;
  a month's change also drops the judged quarters (office/signals.py) whose 12-month charts hold the month;
- office_inspection_scores (schema 8): every scored inspection of a counted month, its checklist and percent;
- office_deducted_items (schema 8): per counted unit-month, the checklist items deducted (by checklist version and
  wording), how many times and how many points — 评分对比 and the quarterly report add them up across units;
- office_quoted_records (schema 9): the records of a counted month the quarterly report quotes whole (the units'
  quarterly analyses, their PDCA projects), their JSON as text.

`refresh_month(session, unit_id, period)` makes one unit-month's rows again from office_records, inside the
caller's transaction: the importer calls it once after writing a month (a newer version, or an older month
arriving late), acks.acknowledge after returning one. It only touches the unit's items that month carries or
carried, and recomputes their next periods, so an item whose newest month is another month keeps it.
`rebuild(conn)` fills every table from scratch with one INSERT … SELECT each (the schema 5 upgrade).

A table's SELECT is one text for both (_Records says where it reads the records): rebuild reads office_records; a
refresh reads each month's records once per statement on SQLite (a subquery that reads their JSON fields once),
and once for every table on PostgreSQL (_add_months: one statement fills them all).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from qmsdesk.office.compliance import SAFETY_CATEGORY

TABLES = ("office_items", "office_item_months", "office_training_months", "office_trained_staff", "office_event_counts")
ITEM_FIELDS = ("category", "source", "problem", "status", "found_on", "deadline", "closed_on", "verified_on",
               "responsible")


def _json(dialect: str, alias: str, key: str) -> str:
    if dialect == "postgresql":
        return f"({alias}.data ->> '{key}')"
    return f"CAST(json_extract({alias}.data, '$.{key}') AS TEXT)"


def _day(dialect: str, value: str) -> str:
    """An ISO day from JSON text as a DATE, NULL when it is none (as followup's Python read: `[:10]`, else None)."""
    s = f"substr({value}, 1, 10)"
    if dialect == "postgresql":
        # A string that is not a real calendar day must not fail the import: checked before the cast.
        return (f"CASE WHEN {s} ~ '^[0-9]{{4}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND {s} !~ '^0000' "
                f"AND CAST(substr({s}, 9, 2) AS INTEGER) <= EXTRACT(DAY FROM make_date(CAST(substr({s}, 1, 4) AS INTEGER), "
                f"CAST(substr({s}, 6, 2) AS INTEGER), 1) + INTERVAL '1 month - 1 day') THEN CAST({s} AS DATE) END")
    return f"CASE WHEN date({s}) = {s} THEN {s} END"


def _month_end(dialect: str, period: str) -> str:
    if dialect == "postgresql":
        return f"CAST(CAST({period} || '-01' AS DATE) + INTERVAL '1 month - 1 day' AS DATE)"
    return f"date({period} || '-01', '+1 month', '-1 day')"


class _Records:
    """Where a table's SELECT reads the counted months' live records (alias r), how it reads a field of a record's
    JSON (text, number, true, record), and how it finds an item's responsible person and an attendance's session.

    - `_Records(dialect)`: every counted month, office_records joined with the packages, each field read out of the
      JSON where it is used (rebuild);
    - `_Records("sqlite", months=…)`: SQLite's refresh of the months `months` (a FROM item, m): r is a subquery that
      reads the statement's kinds' fields out of the JSON once (_fields);
    - `_Records("postgresql", shared="month_records")`: PostgreSQL's refresh (_add_months): r is month_records, the
      chunk's records of every kind read, already checked as counted and live, their fields read out once."""

    def __init__(self, dialect: str, months: str = "", shared: str = ""):
        self.dialect, self.months, self.shared = dialect, months, shared
        self.kinds: tuple[str, ...] = ()
        self.used: set[str] = set()  # SQLite's refresh: the columns of r the statement reads (finish)

    def _column(self, alias: str, name: str = "") -> bool:
        """Whether `alias`'s fields are columns read out already (else read from its JSON)."""
        if self.months and alias == "r":
            self.used.add(name)
        return bool(self.shared or self.months) and alias == "r"

    def finish(self, sql: str) -> str:
        """`sql` with the columns of r read out of the JSON: the ones it reads (SQLite's refresh)."""
        return sql.replace(_FIELDS, _fields(self.dialect, self.kinds, self.used))

    def source(self, kinds: tuple[str, ...], *conditions: str) -> str:
        """FROM … WHERE for the live records of counted months of `kinds`."""
        of_kinds = f"r.kind = '{kinds[0]}'" if len(kinds) == 1 else f"r.kind IN ({', '.join(map(repr, kinds))})"
        if self.shared:
            return f"FROM {self.shared} r WHERE " + " AND ".join((of_kinds, *conditions))
        if self.months:
            # The months first (CROSS JOIN keeps them the outer loop), each month's package checked once, then its
            # records through their unique key; with the months only as an IN filter the planner walked a kind's rows
            # of every month of the store (ix_office_records_kind_period), so each refresh grew with the store. The
            # subquery is kept from being flattened (LIMIT -1), so a GROUP BY sorts the fields read, not the JSON.
            self.kinds = kinds
            where = " AND ".join((of_kinds, *_LIVE, _COUNTED.format(a="m"), "r.unit_id = m.unit_id",
                                  "r.period = m.period"))
            return (f"FROM (SELECT r.unit_id, r.period, r.kind, r.record_id, r.tag{_FIELDS} "
                    f"FROM {self.months} CROSS JOIN office_packages p CROSS JOIN office_records r WHERE {where} "
                    "LIMIT -1) AS r" + (" WHERE " + " AND ".join(conditions) if conditions else ""))
        where = " AND ".join((of_kinds, *conditions, *_LIVE))
        return f"FROM office_records r JOIN office_packages p ON {_COUNTED.format(a='r')} WHERE {where}"

    # r's month's record of a kind with an id, as s: a search of the records' unique key for each row of r, not a join
    # the planner may hash over every such record of the store (its statistics lag a batch import's new rows);
    # PostgreSQL's refresh has month_records read them once a month instead (_add_months)
    def staff_name(self) -> str:
        """The name of the staff member responsible for the item r."""
        if self.shared:
            return "r.t_staff_name"
        return (f"(SELECT {_json(self.dialect, 's', 'name')} FROM office_records s WHERE s.unit_id = r.unit_id "
                f"AND s.period = r.period AND s.kind = 'staff' AND s.record_id = {self.text('r', 'responsible_id')})")

    def at_safety_session(self) -> str:
        """Whether the attendance r is at a live medical-safety/law session."""
        if self.shared:
            return "r.b_safety_session"
        return (f"EXISTS (SELECT 1 FROM office_records s WHERE s.unit_id = r.unit_id AND s.period = r.period "
                f"AND s.kind = 'training_sessions' AND s.record_id = {self.text('r', 'session_id')} "
                f"AND NOT s.deleted AND s.data IS NOT NULL "
                f"AND {_json(self.dialect, 's', 'category')} = '{SAFETY_CATEGORY}')")

    def text(self, alias: str, key: str) -> str:
        return f"{alias}.t_{key}" if self._column(alias, f"t_{key}") else _json(self.dialect, alias, key)

    def number(self, alias: str, key: str) -> str:
        return f"{alias}.n_{key}" if self._column(alias, f"n_{key}") else _number(self.dialect, alias, key)

    def true(self, alias: str, key: str) -> str:
        return f"{alias}.b_{key}" if self._column(alias, f"b_{key}") else _true(self.dialect, alias, key)

    def record(self, alias: str) -> str:
        """The whole record's JSON as text (on SQLite the column holds the text already)."""
        if self._column(alias, "record"):
            return f"{alias}.record"
        return f"CAST({alias}.data AS TEXT)" if self.dialect == "postgresql" else f"{alias}.data"


_LIVE = ("NOT r.deleted", "r.data IS NOT NULL")
_FIELDS = "<fields>"  # where _Records.finish puts the columns a statement reads
_COUNTED = ("p.unit_id = {a}.unit_id AND p.period = {a}.period AND p.state = 'current' "
            "AND (p.ack_status IS NULL OR p.ack_status <> 'returned')")


def _item_rows(rec: _Records) -> str:
    """SELECT of the live rectification items of counted months, typed (office_item_months' columns)."""
    d = rec.dialect
    j = lambda key: rec.text("r", key)  # noqa: E731
    return (f"SELECT r.unit_id, r.record_id AS item_id, r.period, {_month_end(d, 'r.period')} AS month_end, "
            f"COALESCE({j('category')}, '') AS category, COALESCE({j('source_kind')}, '') AS source, "
            f"COALESCE({j('problem')}, '') AS problem, COALESCE({j('status')}, '') AS status, "
            f"{_day(d, j('found_on'))} AS found_on, {_day(d, j('deadline'))} AS deadline, "
            f"{_day(d, j('closed_on'))} AS closed_on, {_day(d, j('verified_on'))} AS verified_on, "
            f"COALESCE(substr({rec.staff_name()}, 1, 200), '') AS responsible {rec.source(('rectification_items',))}")


_ITEM_COLUMNS = "unit_id, item_id, period, month_end, " + ", ".join(ITEM_FIELDS)


def _add_items(rows: str) -> str:
    """INSERT of the items `rows` selects, each with the next period among them that carries it: every next period
    for rebuild; for a refresh, the right one unless a month outside the refresh lies between (_relink sets it)."""
    return (f"INSERT INTO office_item_months ({_ITEM_COLUMNS}, next_period) SELECT {_ITEM_COLUMNS}, "
            f"lead(period) OVER (PARTITION BY unit_id, item_id ORDER BY period) FROM ({rows}) AS items")


def _training_rows(rec: _Records) -> str:
    j = lambda key: rec.text("r", key)  # noqa: E731
    real = "DOUBLE PRECISION" if rec.dialect == "postgresql" else "REAL"
    num = lambda v: f"CAST({v} AS {real})"  # noqa: E731
    hours = num(j("hours"))
    passed = f"{num(j('score'))} >= COALESCE({num(j('pass_mark'))}, 80)"
    return ("SELECT r.unit_id, r.period, "
            "SUM(CASE WHEN r.kind = 'training_sessions' THEN 1 ELSE 0 END), "
            f"COALESCE(SUM(CASE WHEN r.kind = 'training_sessions' THEN {hours} END), 0), "
            f"SUM(CASE WHEN r.kind = 'training_attendance' AND {j('status')} = 'present' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN r.kind = 'assessments' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN r.kind = 'assessments' AND {passed} THEN 1 ELSE 0 END) "
            + rec.source(("training_sessions", "training_attendance", "assessments"))
            + " GROUP BY r.unit_id, r.period ORDER BY r.period")


def _staff_rows(rec: _Records) -> str:
    """Staff present at a session or assessed, per counted unit-month, with presence at a safety session."""
    j = lambda key: rec.text("r", key)  # noqa: E731
    safety = f"r.kind = 'training_attendance' AND {rec.at_safety_session()}"
    present = f"(r.kind = 'assessments' OR {j('status')} = 'present')"
    source = rec.source(("training_attendance", "assessments"), present)
    return (f"SELECT r.unit_id, r.period, COALESCE({j('staff_id')}, '') AS staff_id, "
            f"MAX(CASE WHEN {safety} THEN 1 ELSE 0 END) = 1 {source} "
            f"GROUP BY r.unit_id, r.period, COALESCE({j('staff_id')}, '') ORDER BY r.period")


def _event_rows(rec: _Records) -> str:
    cat, grade = rec.text("r", "category"), rec.text("r", "grade")
    return (f"SELECT r.unit_id, r.period, {cat}, {grade}, COUNT(*) " + rec.source(("adverse_events",))
            + f" GROUP BY r.unit_id, r.period, {cat}, {grade} ORDER BY r.period")


def rebuild(conn: Connection) -> None:
    """Every derived row made again from office_records, set-based (the schema 5 upgrade; a repair). Rows go in
    month by month, as the import adds them later, so a quarter's rows lie together on disk."""
    d = conn.dialect.name
    for table in TABLES:
        conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text(f"{_add_items(_item_rows(_Records(d)))} ORDER BY period"))
    conn.execute(text(f"INSERT INTO office_items ({_ITEM_COLUMNS}) SELECT {_ITEM_COLUMNS} FROM office_item_months "
                      "WHERE next_period IS NULL"))
    for table in ("office_event_counts", "office_training_months", "office_trained_staff"):
        columns, rows = _MONTH_ROWS[table]
        conn.execute(text(f"INSERT INTO {table} ({columns}) {rows(_Records(d))}"))
    rebuild_indicators(conn)
    rebuild_quality(conn)
    rebuild_quoted(conn)
    if d == "postgresql":  # the planner needs the new tables' statistics before the pages' first query
        for table in TABLES:
            conn.execute(text(f"ANALYZE {table}"))


QUOTED_KINDS = ("quality_analyses", "pdca_projects")
# SQLite: the chunk's (unit, period) pairs as rows, from _args' JSON
_SQLITE_MONTHS = ("(SELECT json_extract(value, '$[0]') AS unit_id, json_extract(value, '$[1]') AS period "
                  "FROM json_each(:months_json)) AS m")
_CHUNK = 400  # pairs a statement: well under SQLite's bound-parameter limit


def _pairs(dialect: str, sql: str):
    """`sql` with `IN :months` / `IN :items` taking a list of (unit_id, x) pairs: on SQLite the pairs of a JSON
    array, from json_each; on PostgreSQL two arrays, unnested — two parameters, so planning does not grow with the
    pairs. (SQLite 3.40 scanned the whole table for a list of row values `IN ((?, ?), …)`, where it searches the
    index for the subquery's; and SQLAlchemy rendered that list anew for every statement.)"""
    names = [n for n in ("months", "items") if f"IN :{n}" in sql]
    for n in names:
        if dialect == "postgresql":
            rows = f"SELECT * FROM unnest(CAST(:{n}_a AS VARCHAR[]), CAST(:{n}_b AS VARCHAR[]))"
        else:
            rows = f"SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:{n}_json)"
        sql = sql.replace(f"IN :{n}", f"IN ({rows})")
    return text(sql)


def _args(conn: Connection, name: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    if conn.dialect.name == "postgresql":
        return {f"{name}_a": [a for a, _ in pairs], f"{name}_b": [b for _, b in pairs]}
    # the pairs as JSON, for `IN :name` and for a statement that joins them (_each_month)
    return {f"{name}_json": json.dumps(pairs)}


_SQL: dict[tuple[str, str], Any] = {}


def _stmt(conn: Connection, name: str, make: Callable[[str], str]):
    """The statement `name` for the connection's dialect, built once (its text is long and the same every time)."""
    key = (conn.dialect.name, name)
    if key not in _SQL:
        _SQL[key] = _pairs(conn.dialect.name, make(conn.dialect.name))
    return _SQL[key]


def refresh_month(session: Session, unit_id: str, period: str) -> None:
    """Make `unit_id`'s month `period` in the derived tables what office_records and its package say now."""
    refresh_months(session.connection(), [(unit_id, period)])


def refresh_months(conn: Connection, months: Iterable[tuple[str, str]]) -> None:
    """Make every (unit_id, period) month in the derived tables what office_records and its packages say now,
    set-based: the same statements for a chunk of months as for one. Only touches the units' items those months
    carry or carried, and recomputes their next periods, so an item whose newest month is another month keeps it."""
    months = sorted({(str(u), str(p)) for u, p in months})
    for i in range(0, len(months), _CHUNK):
        _refresh_chunk(conn, months[i:i + _CHUNK])


_MONTH_TABLES = ("office_training_months", "office_trained_staff", "office_event_counts", "office_indicator_months",
                 "office_inspection_scores", "office_deducted_items", "office_quoted_records")


def _each_month(rows: Callable[[_Records], str]) -> str:
    """SQLite: the SELECT `rows` makes for the months of :months."""
    rec = _Records("sqlite", months=_SQLITE_MONTHS)
    return rec.finish(rows(rec))


def _refresh_chunk(conn: Connection, chunk: list[tuple[str, str]]) -> None:
    months = _args(conn, "months", chunk)
    # the items the months carried and carry now (RETURNING: SQLite since 3.35, PostgreSQL)
    drop_items = "DELETE FROM office_item_months WHERE (unit_id, period) IN :months RETURNING unit_id, item_id"
    if conn.dialect.name == "postgresql":
        # every table's rows of the months dropped by one statement (data-modifying WITH: the tables are independent)
        affected = {tuple(row) for row in conn.execute(_stmt(conn, "drop months", lambda d: "WITH " + ", ".join(
            f"drop_{i} AS (DELETE FROM {t} WHERE (unit_id, period) IN :months)" for i, t in enumerate(_MONTH_TABLES))
            + f" {drop_items}"), months)}
        affected |= {tuple(row) for row in conn.execute(_stmt(conn, "add months", _add_months), months)}
    else:
        affected = {tuple(row) for row in conn.execute(_stmt(conn, "drop items", lambda d: drop_items), months)}
        for table in _MONTH_TABLES:
            conn.execute(_stmt(conn, f"drop {table}", lambda d, t=table: (
                f"DELETE FROM {t} WHERE (unit_id, period) IN :months")), months)
        affected |= {tuple(row) for row in conn.execute(_stmt(conn, "add items", lambda d: (
            f"{_add_items(_each_month(_item_rows))} RETURNING unit_id, item_id")),
            months)}
        for table, (columns, rows) in _MONTH_ROWS.items():
            conn.execute(_stmt(conn, f"add {table}", lambda d, t=table, c=columns, r=rows: (
                f"INSERT INTO {t} ({c}) {_each_month(r)}")), months)
    if affected:
        _relink(conn, sorted(affected))
    forget_quarters_of(conn, chunk)


# PostgreSQL's refresh: the fields month_records reads out of each kind's records, once ("#": a number, "?": whether the
# boolean true, "*": the whole record as text); what the tables' SELECTs read through _Records
_MONTH_FIELDS = {
    "rectification_items": ("category", "source_kind", "problem", "status", "found_on", "deadline", "closed_on",
                            "verified_on", "responsible_id"),
    "training_sessions": ("hours", "category"),
    "training_attendance": ("status", "staff_id", "session_id"),
    "assessments": ("staff_id", "score", "pass_mark"),
    "adverse_events": ("category", "grade"),
    "indicator_values": ("#numerator", "#denominator", "indicator_name"),
    "inspections": ("template_code", "template_version", "template_name", "#percent", "?scored"),
    "inspection_items": ("template_code", "item_code", "template_version", "text", "#deduction", "?not_applicable"),
    **dict.fromkeys(QUOTED_KINDS, ("*",)),
}


def _fields(dialect: str, kinds: tuple[str, ...], only: set[str] | None = None) -> str:
    """", " and the columns _MONTH_FIELDS reads out of the JSON of records of `kinds` (alias r), or those of them named
    in `only`: each field only for the kinds that have it (NULL for others)."""
    kinds_of: dict[str, list[str]] = {}
    for kind in kinds:
        for field in _MONTH_FIELDS[kind]:
            kinds_of.setdefault(field, []).append(kind)
    rec = _Records(dialect)
    out = []
    for field, having in kinds_of.items():
        key = field.lstrip("#?*")
        value, name = {"#": (rec.number("r", key), f"n_{key}"), "?": (rec.true("r", key), f"b_{key}"),
                       "*": (rec.record("r"), "record")}.get(field[0], (rec.text("r", key), f"t_{key}"))
        if only is not None and name not in only:
            continue
        if len(having) < len(kinds):
            value = f"CASE WHEN r.kind IN ({', '.join(map(repr, having))}) THEN {value} END"
        out.append(f", {value} AS {name}")
    return "".join(out)


def _add_months(dialect: str) -> str:
    """PostgreSQL: one statement fills every month table for the months of :months and returns the items added.

    month_records holds the months' records of the kinds read (_MONTH_FIELDS), each month's package checked once and
    its records read once, month by month through the records' unique key (LATERAL, kept from being flattened by
    OFFSET 0), with their fields read out of the JSON once; each table's INSERT (a data-modifying WITH) makes its
    rows with rebuild's SELECT over month_records (_Records). An item's responsible person and an attendance's
    session come from a month's staff names and safety sessions, read once a month (look), not from a search of
    office_records for each row (6,800 of 250 months, half the statement's time), nor from a join of month_records
    with itself: with its row counts unknown to the planner, that was once planned as a nested loop, scanning all of
    month_records again for each item (25 s instead of 0.1). Nothing after month_records joins two sets of rows.

    Joined with the months set-based, the planner may scan a kind's rows of every month, and does when a batch import
    has outgrown the statistics. So each month's rows are read only through the unique key's (unit_id, period), the
    kinds compared as an expression no index holds: before a batch import's first ANALYZE the planner took
    ix_office_records_kind_period instead, reading that kind's rows of every unit of the month for each month and
    each lookup (EXPLAIN ANALYZE of 250 months after 300 packages: 690 rows filtered out a month, 1,365 a lookup,
    0.6 s for the items' statement alone, growing with the store)."""
    kinds = tuple(_MONTH_FIELDS)
    parts = [
        "WITH month_records AS MATERIALIZED (SELECT r.* "
        "FROM unnest(CAST(:months_a AS VARCHAR[]), CAST(:months_b AS VARCHAR[])) AS m(unit_id, period) "
        f"CROSS JOIN LATERAL (SELECT 1 FROM office_packages p WHERE {_COUNTED.format(a='m')} OFFSET 0) AS p "
        # the month's staff names by id, and its live safety sessions' ids
        "CROSS JOIN LATERAL (SELECT jsonb_object_agg(s.record_id, s.data -> 'name') FILTER (WHERE s.kind = 'staff') "
        "AS names, array_agg(s.record_id) FILTER (WHERE s.kind = 'training_sessions' AND NOT s.deleted "
        f"AND s.data IS NOT NULL AND (s.data ->> 'category') = '{SAFETY_CATEGORY}') AS safety "
        "FROM office_records s WHERE s.unit_id = m.unit_id AND s.period = m.period "
        "AND (s.kind || '') IN ('staff', 'training_sessions')) AS look "
        f"CROSS JOIN LATERAL (SELECT r.unit_id, r.period, r.kind, r.record_id, r.tag{_fields(dialect, kinds)}, "
        "CASE WHEN r.kind = 'rectification_items' THEN look.names ->> (r.data ->> 'responsible_id') END "
        "AS t_staff_name, CASE WHEN r.kind = 'training_attendance' THEN (r.data ->> 'session_id') = ANY(look.safety) "
        "END AS b_safety_session FROM office_records r WHERE r.unit_id = m.unit_id AND r.period = m.period "
        f"AND (r.kind || '') IN ({', '.join(map(repr, kinds))}) AND NOT r.deleted AND r.data IS NOT NULL "
        "OFFSET 0) AS r)"]
    rec = _Records(dialect, shared="month_records")
    parts.append(f"add_items AS ({_add_items(_item_rows(rec))} RETURNING unit_id, item_id)")
    for i, (table, (columns, rows)) in enumerate(_MONTH_ROWS.items()):
        parts.append(f"add_{i} AS (INSERT INTO {table} ({columns}) {rows(rec)})")
    return ", ".join(parts) + " SELECT unit_id, item_id FROM add_items"


def refresh_pending(conn: Connection) -> int:
    """Refresh every month marked pending (by any importer), in the caller's transaction; return how many.

    The marked units' rows are locked first (PostgreSQL: the same FOR UPDATE an importer takes before writing a
    unit's month; SQLite: the first write takes the database's one write lock), so no import of those units
    commits meanwhile and two office PCs never refresh one month at once; the marks taken are deleted in the
    same transaction, so a refresh that fails or is stopped leaves them for the next one.
    """
    units = sorted(conn.scalars(text("SELECT DISTINCT unit_id FROM office_pending_months")))
    if not units:
        return 0
    some = bindparam("units", expanding=True)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT id FROM office_units WHERE id IN :units ORDER BY id FOR UPDATE").bindparams(some),
                     {"units": units})
    months = set(conn.execute(text("DELETE FROM office_pending_months WHERE unit_id IN :units "
                                   "RETURNING unit_id, period").bindparams(some), {"units": units}))
    refresh_months(conn, months)
    return len(months)


_NEXT = ("(SELECT min(n.period) FROM office_item_months n WHERE n.unit_id = office_item_months.unit_id "
         "AND n.item_id = office_item_months.item_id AND n.period > office_item_months.period)")


def _relink(conn: Connection, items: list[tuple[str, str]]) -> None:
    """The items' next periods and newest states again (the months may have been any of their months)."""
    for i in range(0, len(items), _CHUNK):
        some = _args(conn, "items", items[i:i + _CHUNK])
        # only the rows whose next period changes (every row updated is a new row version, its indexes' entries too)
        conn.execute(_stmt(conn, "relink", lambda d: (
            f"UPDATE office_item_months SET next_period = {_NEXT} WHERE (unit_id, item_id) IN :items "
            f"AND next_period {'IS DISTINCT FROM' if d == 'postgresql' else 'IS NOT'} {_NEXT}")), some)
        conn.execute(_stmt(conn, "drop newest", lambda d: (
            "DELETE FROM office_items WHERE (unit_id, item_id) IN :items")), some)
        conn.execute(_stmt(conn, "add newest", lambda d: (
            f"INSERT INTO office_items ({_ITEM_COLUMNS}) SELECT {_ITEM_COLUMNS} FROM office_item_months "
            "WHERE next_period IS NULL AND (unit_id, item_id) IN :items")), some)


_INDICATOR_COLUMNS = "unit_id, period, code, numerator, denominator, name"


def _number(dialect: str, alias: str, key: str) -> str:
    """A JSON number as a float, NULL when the field is missing or not a number (never a failed cast)."""
    if dialect == "postgresql":
        return (f"CASE WHEN jsonb_typeof({alias}.data -> '{key}') = 'number' "
                f"THEN CAST({alias}.data ->> '{key}' AS DOUBLE PRECISION) END")
    return (f"CASE WHEN json_type({alias}.data, '$.{key}') IN ('integer', 'real') "
            f"THEN CAST(json_extract({alias}.data, '$.{key}') AS REAL) END")


def _indicator_rows(rec: _Records) -> str:
    return (f"SELECT r.unit_id, r.period, r.tag, {rec.number('r', 'numerator')}, {rec.number('r', 'denominator')}, "
            f"substr({rec.text('r', 'indicator_name')}, 1, 200) "
            + rec.source(("indicator_values",), "r.tag IS NOT NULL"))


def _true(dialect: str, alias: str, key: str) -> str:
    """Whether a JSON field is the boolean true (never a failed cast)."""
    if dialect == "postgresql":
        return f"({alias}.data -> '{key}') = 'true'::jsonb"
    return f"json_type({alias}.data, '$.{key}') = 'true'"


_SCORE_COLUMNS = "unit_id, period, code, version, name, percent"


def _score_rows(rec: _Records) -> str:
    """The scored inspections of counted months (a percent that is a number; the one a unit's program writes)."""
    j = lambda key: rec.text("r", key)  # noqa: E731
    percent = rec.number("r", "percent")
    return (f"SELECT r.unit_id, r.period, substr({j('template_code')}, 1, 64), substr({j('template_version')}, 1, 64), "
            f"substr({j('template_name')}, 1, 200), {percent} "
            + rec.source(("inspections",), rec.true("r", "scored"), f"{percent} IS NOT NULL"))


_DEDUCTION_COLUMNS = "unit_id, period, code, item, version, text, deductions, points"


def _deduction_rows(rec: _Records) -> str:
    """The checklist items deducted in counted months (more than 0 points, not marked not applicable), per unit-month,
    checklist, item, version and wording."""
    j = lambda key: rec.text("r", key)  # noqa: E731
    points = rec.number("r", "deduction")
    keys = (f"substr({j('template_code')}, 1, 64)", f"substr({j('item_code')}, 1, 64)",
            f"substr({j('template_version')}, 1, 64)", j("text"))
    source = rec.source(("inspection_items",), f"{points} > 0",
                        f"NOT COALESCE({rec.true('r', 'not_applicable')}, FALSE)")
    return (f"SELECT r.unit_id, r.period, {', '.join(keys)}, COUNT(*), SUM({points}) {source} "
            f"GROUP BY r.unit_id, r.period, {', '.join(keys)}")


_QUOTED_COLUMNS = "unit_id, period, kind, tag, data"


def _quoted_rows(rec: _Records) -> str:
    """The live records of counted months the quarterly report quotes whole, their JSON as text."""
    return f"SELECT r.unit_id, r.period, r.kind, r.tag, {rec.record('r')} {rec.source(QUOTED_KINDS)}"


# the month tables other than the items': table → (columns, SELECT of the counted months' rows)
_MONTH_ROWS: dict[str, tuple[str, Callable[[_Records], str]]] = {
    "office_event_counts": ("unit_id, period, category, grade, events", _event_rows),
    "office_training_months": ("unit_id, period, sessions, hours, attendances, assessments, passed", _training_rows),
    "office_trained_staff": ("unit_id, period, staff_id, safety", _staff_rows),
    "office_indicator_months": (_INDICATOR_COLUMNS, _indicator_rows),
    "office_inspection_scores": (_SCORE_COLUMNS, _score_rows),
    "office_deducted_items": (_DEDUCTION_COLUMNS, _deduction_rows),
    "office_quoted_records": (_QUOTED_COLUMNS, _quoted_rows),
}
QUALITY_TABLES = ("office_inspection_scores", "office_deducted_items")


def rebuild_quality(conn: Connection) -> None:
    """office_inspection_scores and office_deducted_items made again from office_records, month by month (the
    schema 8 upgrade; safe to run again)."""
    d = conn.dialect.name
    for table in QUALITY_TABLES:
        conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text(f"INSERT INTO office_inspection_scores ({_SCORE_COLUMNS}) {_score_rows(_Records(d))} "
                      "ORDER BY r.period"))
    conn.execute(text(f"INSERT INTO office_deducted_items ({_DEDUCTION_COLUMNS}) {_deduction_rows(_Records(d))} "
                      "ORDER BY r.period"))
    if d == "postgresql":
        for table in QUALITY_TABLES:
            conn.execute(text(f"ANALYZE {table}"))


def rebuild_quoted(conn: Connection) -> None:
    """office_quoted_records made again from office_records, month by month (the schema 9 upgrade; safe to run
    again)."""
    conn.execute(text("DELETE FROM office_quoted_records"))
    rows = _quoted_rows(_Records(conn.dialect.name))
    conn.execute(text(f"INSERT INTO office_quoted_records ({_QUOTED_COLUMNS}) {rows} "
                      "ORDER BY r.period"))
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE office_quoted_records"))


def rebuild_indicators(conn: Connection) -> None:
    """office_indicator_months made again from office_records, month by month (the schema 6 upgrade); every judged
    quarter is dropped, to be judged again from them."""
    for table in ("office_indicator_months", "office_indicator_quarters", "office_quarter_units",
                  "office_quarter_figures", "office_quarter_overdue"):
        conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text(f"INSERT INTO office_indicator_months ({_INDICATOR_COLUMNS}) "
                      f"{_indicator_rows(_Records(conn.dialect.name))} ORDER BY r.period"))
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE office_indicator_months"))


def quarter_ends_holding(period: str) -> list[str]:
    """The quarters (by their last month) whose 12-month charts, ending with the quarter, hold `period`."""
    from qmsdesk.periods import Period

    p = Period.parse(period)
    while p.month % 3:
        p = p.next()
    out = []
    for _ in range(4):
        out.append(str(p))
        for _ in range(3):
            p = p.next()
    return out


def forget_quarters(conn: Connection, unit_id: str, period: str) -> None:
    """The unit's judged quarters whose charts hold `period` are judged again at the next report, and its quarters
    counted from `period`'s on are counted again."""
    forget_quarters_of(conn, [(unit_id, period)])


def forget_quarters_of(conn: Connection, months: list[tuple[str, str]]) -> None:
    """forget_quarters for every (unit_id, period) of `months`."""
    ends = sorted({(u, end) for u, p in months for end in quarter_ends_holding(p)})
    for i in range(0, len(ends), _CHUNK):
        for table in ("office_quarter_units", "office_indicator_quarters"):
            conn.execute(_stmt(conn, f"forget {table}", lambda d, t=table: (
                f"DELETE FROM {t} WHERE (unit_id, quarter_end) IN :items")), _args(conn, "items", ends[i:i + _CHUNK]))
    # the kept closure counts an item's newest state in any month up to the quarter's end (office/quarter_figures.py):
    # each unit's quarters from its earliest month refreshed on
    first: dict[str, str] = {}
    for unit_id, period in months:
        first[unit_id] = min(period, first.get(unit_id, period))
    for table in ("office_quarter_figures", "office_quarter_overdue"):
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"DELETE FROM {table} t USING unnest(CAST(:a AS VARCHAR[]), CAST(:b AS VARCHAR[])) "
                              "AS m(unit_id, period) WHERE t.unit_id = m.unit_id AND t.quarter_end >= m.period"),
                         {"a": list(first), "b": list(first.values())})
            continue
        for unit_id, period in first.items():  # SQLite: in process, a statement costs microseconds
            conn.execute(text(f"DELETE FROM {table} WHERE unit_id = :u AND quarter_end >= :p"), {"u": unit_id, "p": period})
