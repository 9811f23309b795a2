"""The 整改台账 page's list in SQL, so the window holds only the rows on screen (a ward keeps 100,000 items).

`item_list` answers which live items a search and the page's filters keep, in the order the page shows them:
their ids, and the rows of the first few. `rows_of` reads the rows of the ids scrolled into view. Nothing
loads an ORM object or builds a row per item in Python.

The search means what the page's search always meant: every word of the text (split at spaces, compared in
lower case as Python's `str.lower` does) appears in one of the item's status (in words), problem, category,
responsible person or source (in words). Statuses, sources and people are few: the ones whose shown text
holds a word are found in Python and matched by code or id; problem and category are matched in SQL.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    case,
    column,
    false,
    func,
    or_,
    select,
    table,
    type_coerce,
)

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.db.enums import ItemStatus, SourceKind
from qmsdesk.periods import Period

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

HEAD = 200  # rows read with the ids: more than a screenful, so the first paint needs no other query

# The tables' columns these queries read, by name (qmsdesk/db/models.py defines them): opening the page
# must not import the models and configure every mapper (0.3 s and more before the first row is shown).
ITEM_TABLE = table("rectification_items", *(column(name) for name in (
    "id", "status", "source_kind", "category", "problem", "found_on", "deadline", "closed_on", "verified_on",
    "responsible_id", "deleted")))
STAFF_TABLE = table("staff", column("id"), column("name"))
items, staff = ITEM_TABLE, STAFF_TABLE
item = items.c
COLUMNS = rules.ItemColumns(item.found_on, item.deadline, item.status, item.closed_on, item.verified_on)
# Not `deleted = 0`: SQLite would take the index on `deleted` (every item is in it) over the primary key.
LIVE = item.deleted.is_not(True)
SORTABLE = ("status", "days_overdue", "problem", "category", "source_kind", "responsible", "found_on",
            "deadline", "closed_on")  # every column the page shows


class ItemRow(NamedTuple):
    """One item as plain values, for long lists (the window's ledger page holds 100,000 of these).

    `id` is the item's UUID as 32 hex digits: every function here taking an item id accepts it, and
    skipping 100,000 UUID objects saves seconds. `days_overdue` is as of the day the rows were read for.
    """

    id: str
    status: str
    source_kind: str
    category: str
    problem: str
    found_on: date
    deadline: date
    responsible: str | None
    closed_on: date | None
    days_overdue: int


def item_row_select(day: date) -> Select:
    """The columns of an `ItemRow` (overdue on `day` as a flag), with the responsible person joined."""
    person = STAFF_TABLE.alias("person")
    overdue = rules.sql_overdue_on(COLUMNS, day)
    return (select(type_coerce(item.id, String), item.status, item.source_kind, item.category, item.problem,
                   item.found_on, item.deadline, person.c.name, item.closed_on, overdue)
            .select_from(items).outerjoin(person, person.c.id == item.responsible_id))


def run_item_rows(session: Session, stmt: Select, day: date) -> list[ItemRow]:
    """`ItemRow`s from a statement made from `item_row_select(day)`."""
    found = driver_rows(session, stmt)
    if found is None:
        return [ItemRow(*r[:9], (day - r[6]).days if r[9] else 0) for r in session.execute(stmt)]
    # SQLite hands dates back as ISO text (as SQLAlchemy stores them).
    iso = date.fromisoformat
    return [ItemRow(i, status, source, category, problem, iso(f) if f else None, iso(d) if d else None, name,
                    iso(c) if c else None, (day - iso(d)).days if late else 0)
            for i, status, source, category, problem, f, d, name, c, late in found]


def driver_rows(session: Session, stmt: Select) -> list[tuple] | None:
    """On SQLite, the statement's rows as the driver returns them (None elsewhere).

    The same statement with the same bound parameters, run by the driver itself: SQLAlchemy's processing
    of each of 100,000 rows took longer than the query. Parameters are written as SQLAlchemy stores them
    in SQLite (dates as ISO text, booleans as 0/1).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return None
    compiled = stmt.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    values = [_driver_value(params[name]) for name in compiled.positiontup or ()]
    return connection.connection.driver_connection.execute(compiled.string, values).fetchall()


def _driver_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime text in SQLite
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


@dataclass(frozen=True)
class ItemFilter:
    """What the page asks for: search words, filters, and the column it is sorted by (None: most urgent first)."""

    words: tuple[str, ...] = ()  # in lower case; each must appear in one of the searched texts
    month: str | None = None  # found in this month, "2026-10"
    status: str | None = None
    source_kind: str | None = None
    category: str | None = None
    responsible: str | None = None  # the person's name, as the page shows it
    overdue_only: bool = False
    sort: str | None = None  # one of SORTABLE
    descending: bool = False

    @staticmethod
    def words_of(text: str | None) -> tuple[str, ...]:
        return tuple((text or "").strip().lower().split())

    @property
    def narrows(self) -> bool:
        """True when some items may be left out (the count then reads "显示 n / 共 total 条")."""
        return bool(self.words or self.month or self.status or self.source_kind or self.category
                    or self.responsible or self.overdue_only)


@dataclass(frozen=True)
class ItemList:
    """The items `filter` keeps on `day`, in the page's order: their ids, and the rows of the first ones.

    `item_head` reads only the first ids (`ids` shorter than `count` when there are more) for a quick first
    paint; `item_list` reads them all.
    """

    filter: ItemFilter
    day: date
    ids: list[str]  # 32 hex digits, as ItemRow.id
    count: int  # items kept
    total: int  # live items, kept or not
    head: list[ItemRow] = field(default_factory=list)
    texts: list[str] | None = None  # with `searchable`: each kept item's searched text in lower case, as ids

    @property
    def complete(self) -> bool:
        return len(self.ids) == self.count


@dataclass(frozen=True)
class ItemChoices:
    """What the page's drop-downs offer: months items were found in (newest first), categories, people."""

    months: list[str]
    categories: list[str]
    people: list[str]


def item_head(session: Session, flt: ItemFilter, on: date | None = None, head: int = HEAD) -> ItemList:
    """The first `head` items `flt` keeps and how many it keeps: what the page paints first (one short sort)."""
    day = on or today()
    # Ids alone through the sort: SQLite works out every selected column of every row before a LIMIT.
    ids = _ids(session, flt, day, ordered=True, limit=head)
    count = len(ids) if len(ids) < head else session.scalar(
        _joined(select(func.count()).select_from(items), flt).where(LIVE, *_conditions(session, flt, day)))
    total = count if not flt.narrows else _live_count(session)
    return ItemList(flt, day, ids, count, total, rows_of(session, ids, day))


def item_list(session: Session, flt: ItemFilter = ItemFilter(), on: date | None = None,  # noqa: B008 (frozen)
              head: int = HEAD, previous: ItemList | None = None, searchable: bool = False) -> ItemList:
    """Every item `flt` keeps, in order, with the rows of the first `head`.

    `previous`, the list shown before: when `flt` only adds to its search or filters (跌 → 跌倒), the items
    kept are among those, in the same order, and the query need not sort them again. `searchable` reads
    each item's searched text too (made by SQL, one string an item), for `search_within` as the user types.
    """
    day = on or today()
    narrowed = previous is not None and previous.complete and previous.day == day and _within(flt, previous.filter)
    texts = None
    if searchable:
        stmt = _joined(select(type_coerce(item.id, String), _searched_text()), flt, person=True)
        found = _rows(session, stmt.where(LIVE, *_conditions(session, flt, day)).order_by(*_order(flt, day)))
        ids, texts = [r[0] for r in found], [r[1].lower() for r in found]
    elif narrowed:
        kept = set(_ids(session, flt, day, ordered=False))
        ids = [i for i in previous.ids if i in kept]
    else:
        ids = _ids(session, flt, day, ordered=True)
    total = previous.total if narrowed else len(ids) if not flt.narrows else _live_count(session)
    return ItemList(flt, day, ids, len(ids), total, rows_of(session, ids[:head], day), texts)


def search_within(session: Session, shown: ItemList, flt: ItemFilter, head: int = HEAD) -> ItemList:
    """The items of `shown` (read `searchable`, with no search) whose text holds every word of `flt`: the
    page's search as the user types, over texts already read, without a query over every item again."""
    words, texts = flt.words, shown.texts or []
    if len(words) == 1:  # what typing gives most often: one plain comprehension, 10 ms for 100,000 items
        word = words[0]
        kept = [n for n, t in enumerate(texts) if word in t]
    else:
        kept = [n for n, t in enumerate(texts) if all(w in t for w in words)]
    ids = [shown.ids[n] for n in kept]
    return ItemList(flt, shown.day, ids, len(ids), shown.total, rows_of(session, ids[:head], shown.day),
                    [texts[n] for n in kept])


def _searched_text() -> ColumnElement[str]:
    """Status (in words), problem, category, person, source (in words), joined by \x1f as the search reads them."""
    status = case(*((item.status == code, label) for code, label in ItemStatus.choices()), else_="")
    source = case(*((item.source_kind == code, label) for code, label in SourceKind.choices()), else_="")
    parts = [status, item.problem, item.category, func.coalesce(staff.c.name, ""), source]
    text = type_coerce(parts[0], String)
    for part in parts[1:]:
        text = text + "\x1f" + type_coerce(part, String)
    return text


def _within(flt: ItemFilter, before: ItemFilter) -> bool:
    """Whatever `flt` keeps, `before` kept, in the same order: the same sort and filters, and each earlier word
    inside a word now."""
    same = (flt.month, flt.status, flt.source_kind, flt.category, flt.responsible, flt.overdue_only, flt.sort,
            flt.descending) == (before.month, before.status, before.source_kind, before.category,
                                before.responsible, before.overdue_only, before.sort, before.descending)
    return same and all(any(old in new for new in flt.words) for old in before.words)


def _ids(session: Session, flt: ItemFilter, day: date, *, ordered: bool, limit: int | None = None) -> list[str]:
    stmt = _joined(select(type_coerce(item.id, String)), flt).where(LIVE, *_conditions(session, flt, day))
    return _values(session, stmt.order_by(*_order(flt, day)).limit(limit) if ordered else stmt)


def _joined(stmt: Select, flt: ItemFilter, person: bool = False) -> Select:
    """With the responsible person, when the filter or the sort is by their name (or `person` asks)."""
    if person or flt.responsible is not None or flt.sort == "responsible":
        return stmt.outerjoin(staff, staff.c.id == item.responsible_id)
    return stmt


def _live_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(items).where(LIVE))


def rows_of(session: Session, ids: list[str], on: date | None = None) -> list[ItemRow]:
    """The rows of these items (ids as in ItemRow.id), in the order of `ids`; deleted or unknown ones left out."""
    if not ids:
        return []
    day = on or today()
    key = type_coerce(item.id, String) if session.connection().dialect.name == "sqlite" else item.id
    wanted = list(ids) if key is not item.id else [uuid.UUID(hex=i) for i in ids]
    rows = run_item_rows(session, item_row_select(day).where(LIVE, key.in_(wanted)), day)
    place = {rid: n for n, rid in enumerate(ids)}
    return sorted(rows, key=lambda r: place[r.id])


def item_choices(session: Session) -> ItemChoices:
    # Months from the index on found_on; categories and people in one pass over the items.
    days = _values(session, select(item.found_on).where(LIVE).distinct())
    months = sorted({str(d)[:7] for d in days if d is not None}, reverse=True)  # ISO text or a date
    pairs = _rows(session, select(item.category, item.responsible_id).where(LIVE).distinct())
    categories = sorted({c for c, _ in pairs if c})
    responsible = {r for _, r in pairs if r is not None}
    names = _rows(session, select(staff.c.id, staff.c.name))
    return ItemChoices(months, categories, sorted({n for i, n in names if i in responsible and n}))


def _rows(session: Session, stmt: Select) -> list[tuple]:
    found = driver_rows(session, stmt)
    return found if found is not None else [tuple(r) for r in session.execute(stmt)]


def _values(session: Session, stmt: Select) -> list:
    found = driver_rows(session, stmt)
    return [r[0] for r in (found if found is not None else session.execute(stmt))]


# --- the statement's parts -------------------------------------------------------------------------------

def _conditions(session: Session, flt: ItemFilter, day: date) -> list[ColumnElement[bool]]:
    found = [_word_condition(session, word) for word in flt.words]
    if flt.month:
        found.append(rules.sql_found_in(COLUMNS, Period.parse(flt.month)))
    if flt.status:
        found.append(item.status == flt.status)
    if flt.source_kind:
        found.append(item.source_kind == flt.source_kind)
    if flt.category:
        found.append(item.category == flt.category)
    if flt.responsible is not None:
        found.append(staff.c.name == flt.responsible)
    if flt.overdue_only:
        found.append(rules.sql_overdue_on(COLUMNS, day))
    return found


def _word_condition(session: Session, word: str) -> ColumnElement[bool]:
    """The item's status, problem, category, person or source shows `word` (both in lower case)."""
    statuses = [code for code, label in ItemStatus.choices() if word in label.lower()]
    sources = [code for code, label in SourceKind.choices() if word in label.lower()]
    people = [pid for pid, name in session.execute(select(staff.c.id, staff.c.name)) if name and word in name.lower()]
    return or_(
        item.status.in_(statuses) if statuses else false(),
        item.source_kind.in_(sources) if sources else false(),
        item.responsible_id.in_(people) if people else false(),
        _contains(session, _lower(session, item.problem, word), word),
        _contains(session, _lower(session, item.category, word), word),
    )


def _contains(session: Session, text: ColumnElement[str], word: str) -> ColumnElement[bool]:
    if session.connection().dialect.name == "sqlite":
        return func.instr(text, word) > 0  # a plain substring search: faster than LIKE '%…%', no escaping
    return text.contains(word, autoescape=True)


_DOTTED_I, _KELVIN = "\u0130", "\u212a"  # the only non-ASCII letters whose lower case holds an ASCII one


def _lower(session: Session, text: ColumnElement[str], word: str) -> ColumnElement[str]:
    """`text` in lower case as far as matching `word` can tell (SQLite's lower() knows only ASCII letters)."""
    if not any(c.upper() != c or c.lower() != c or c == "\u0307" for c in word):
        return text  # no letter with a case (Chinese, digits): nothing lower() changes could make or break a match
    if session.connection().dialect.name != "sqlite":
        return func.lower(text)
    if word.isascii():
        return func.lower(func.replace(func.replace(text, _DOTTED_I, _DOTTED_I.lower()), _KELVIN, "k"))
    _python_lower(session)
    return func.qmsdesk_lower(text)  # Ⅱ级, ＰＩＣＣ: Python's own lower case, row by row (rare, slower)


def _python_lower(session: Session) -> None:
    driver = session.connection().connection.driver_connection
    driver.create_function("qmsdesk_lower", 1, lambda t: t.lower() if isinstance(t, str) else t,
                           deterministic=True)


def _order(flt: ItemFilter, day: date) -> list[ColumnElement]:
    """The page's order: by the chosen column if any (ties, and no column, as below), then unfinished items
    before closed ones, the most urgent deadline on top, the earliest found."""
    default = [item.status == ItemStatus.CLOSED.value, item.deadline, item.found_on, item.id]
    if flt.sort is None:
        return default
    if flt.sort == "days_overdue":
        late = rules.sql_overdue_on(COLUMNS, day)
        flag = case((late, 1), else_=0)
        latest_first = case((late, item.deadline)).desc()  # more days overdue is an earlier deadline
        if flt.descending:
            return [flag.desc(), case((late, item.deadline)).asc(), *default]
        return [flag.asc(), latest_first, *default]
    column = staff.c.name if flt.sort == "responsible" else item[flt.sort]
    # Blanks first going up, last going down, as the page's own sort always put them.
    chosen = column.desc().nulls_last() if flt.descending else column.asc().nulls_first()
    return [chosen, *default]
