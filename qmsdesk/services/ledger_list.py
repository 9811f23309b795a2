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
from datetime import date

from sqlalchemy import ColumnElement, Select, String, case, false, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from qmsdesk import rules
from qmsdesk.clock import today
from qmsdesk.db import models as m
from qmsdesk.db.enums import ItemStatus, SourceKind
from qmsdesk.db.queries import ITEM_COLUMNS
from qmsdesk.periods import Period
from qmsdesk.services.ledger import ItemRow, driver_rows, item_row_select, run_item_rows

HEAD = 200  # rows read with the ids: more than a screenful, so the first paint needs no other query
SORTABLE = ItemRow._fields[1:]  # every shown column

item = m.RectificationItem
# Not `deleted = 0`: SQLite would take the index on `deleted` (every item is in it) over the primary key.
LIVE = item.deleted.is_not(True)


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

    `item_head` reads only the first ids (`ids` shorter than `count`) for a quick first paint; `item_list`
    reads them all, and `order`: every live item's id in the filter's sort, which the next search reuses
    (a search only leaves items out, it never reorders them).
    """

    filter: ItemFilter
    day: date
    ids: list[str]  # 32 hex digits, as ItemRow.id
    count: int  # items kept
    total: int  # live items, kept or not
    head: list[ItemRow] = field(default_factory=list)
    order: list[str] | None = None

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
    conditions = [LIVE, *_conditions(session, flt, day)]
    rows = run_item_rows(session, _joined(item_row_select(day), flt).where(*conditions)
                         .order_by(*_order(flt, day)).limit(head), day)
    count = len(rows) if len(rows) < head else session.scalar(
        _joined(select(func.count()).select_from(item), flt).where(*conditions))
    total = count if not flt.narrows else _live_count(session)
    ids = [r.id for r in rows]
    return ItemList(flt, day, ids, count, total, rows, ids if len(ids) == total else None)


def item_list(session: Session, flt: ItemFilter = ItemFilter(), on: date | None = None,  # noqa: B008 (frozen)
              head: int = HEAD, previous: ItemList | None = None) -> ItemList:
    """Every item `flt` keeps, in order, with the rows of the first `head`. The order of all live items is
    read again only when `previous` has none for this sort and day."""
    day = on or today()
    order = previous.order if previous is not None and previous.day == day and (
        previous.filter.sort, previous.filter.descending) == (flt.sort, flt.descending) else None
    if order is None:
        order = _ids(session, ItemFilter(sort=flt.sort, descending=flt.descending), day, ordered=True)
    if flt.narrows:
        kept = set(_ids(session, flt, day, ordered=False))
        ids = [i for i in order if i in kept]
    else:
        ids = order
    return ItemList(flt, day, ids, len(ids), len(order), rows_of(session, ids[:head], day), order)


def _ids(session: Session, flt: ItemFilter, day: date, *, ordered: bool) -> list[str]:
    stmt = _joined(select(type_coerce(item.id, String)), flt).where(LIVE, *_conditions(session, flt, day))
    if ordered:
        stmt = stmt.order_by(*_order(flt, day))
    found = driver_rows(session, stmt)
    return [r[0] for r in (found if found is not None else session.execute(stmt))]


def _joined(stmt: Select, flt: ItemFilter) -> Select:
    """With the responsible person, when the filter or the sort is by their name."""
    if flt.responsible is not None or flt.sort == "responsible":
        return stmt.outerjoin(m.Staff, m.Staff.id == item.responsible_id)
    return stmt


def _live_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(item).where(LIVE))


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
    live = LIVE
    days = session.scalars(select(item.found_on).where(live).distinct())
    months = sorted({d.isoformat()[:7] for d in days if d is not None}, reverse=True)
    categories = sorted(c for c in session.scalars(select(item.category).where(live).distinct()) if c)
    people = session.scalars(select(m.Staff.name).join(item, item.responsible_id == m.Staff.id).where(live).distinct())
    return ItemChoices(months, categories, sorted(p for p in people if p))


# --- the statement's parts -------------------------------------------------------------------------------

def _conditions(session: Session, flt: ItemFilter, day: date) -> list[ColumnElement[bool]]:
    found = [_word_condition(session, word) for word in flt.words]
    if flt.month:
        found.append(rules.sql_found_in(ITEM_COLUMNS, Period.parse(flt.month)))
    if flt.status:
        found.append(item.status == flt.status)
    if flt.source_kind:
        found.append(item.source_kind == flt.source_kind)
    if flt.category:
        found.append(item.category == flt.category)
    if flt.responsible is not None:
        found.append(m.Staff.name == flt.responsible)
    if flt.overdue_only:
        found.append(rules.sql_overdue_on(ITEM_COLUMNS, day))
    return found


def _word_condition(session: Session, word: str) -> ColumnElement[bool]:
    """The item's status, problem, category, person or source shows `word` (both in lower case)."""
    statuses = [code for code, label in ItemStatus.choices() if word in label.lower()]
    sources = [code for code, label in SourceKind.choices() if word in label.lower()]
    people = [pid for pid, name in session.execute(select(m.Staff.id, m.Staff.name)) if name and word in name.lower()]
    return or_(
        item.status.in_(statuses) if statuses else false(),
        item.source_kind.in_(sources) if sources else false(),
        item.responsible_id.in_(people) if people else false(),
        _lower(session, item.problem, word).contains(word, autoescape=True),
        _lower(session, item.category, word).contains(word, autoescape=True),
    )


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
        late = rules.sql_overdue_on(ITEM_COLUMNS, day)
        flag = case((late, 1), else_=0)
        latest_first = case((late, item.deadline)).desc()  # more days overdue is an earlier deadline
        if flt.descending:
            return [flag.desc(), case((late, item.deadline)).asc(), *default]
        return [flag.asc(), latest_first, *default]
    column = {"responsible": m.Staff.name}.get(flt.sort) or getattr(item, flt.sort)
    # Blanks first going up, last going down, as the page's own sort always put them.
    chosen = column.desc().nulls_last() if flt.descending else column.asc().nulls_first()
    return [chosen, *default]
