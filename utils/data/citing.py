"""``cite()``: the source records behind some rows, ids or tables."""

from __future__ import annotations

import pandas as pd

from .errors import DataError, _shown
from .loading import load

_CONTAINERS = (list, tuple, set, frozenset)
_MOST_IDS = 100_000


def _source_ids(things) -> list:
    """Every source id in `things` (ids, lists of them, tables with source_id columns), in order.

    Anything that is not a source id, a list or a table is kept as it is, so that cite() names
    it as an unknown id; a list that contains itself is walked once.
    """
    found, seen = [], set()
    stack = [iter(things)]
    while stack and len(found) < _MOST_IDS:
        thing = next(stack[-1], _END)
        if thing is _END:
            stack.pop()
            continue
        kind = type(thing)
        if issubclass(kind, str):
            found.append(str.__str__(thing))
        elif issubclass(kind, pd.DataFrame):
            found.extend(_frame_ids(thing))
        elif issubclass(kind, (pd.Series, pd.Index, *_CONTAINERS)) or kind.__module__ == "numpy":
            if id(thing) in seen:
                found.append(thing)
                continue
            seen.add(id(thing))
            items = _listed(thing, None if issubclass(kind, _CONTAINERS) else "tolist")
            if len(items) == 1 and items[0] is thing:
                found.append(thing)
            else:
                stack.append(iter(items))
        else:
            found.append(thing)
    return found


_END = object()


def _listed(thing, method) -> list:
    """The items of a container, or [thing] itself when it refuses to give them."""
    try:
        if method:
            items = getattr(thing, method)()
            return items if type(items) is list else [thing]
        base = next(b for b in type(thing).__mro__ if b in _CONTAINERS)
        return list(base.__iter__(thing))
    except Exception:
        return [thing]


def _frame_ids(frame: pd.DataFrame) -> list:
    """The values of every source_id column of a table (empty cells left out)."""
    try:
        ids = []
        for position, column in enumerate(frame.columns):
            if type(column) is str and "source_id" in column:
                for value in frame.iloc[:, position].tolist():
                    if value is None or value is pd.NA or (type(value) is float and value != value):
                        continue
                    ids.append(value)
        return ids
    except Exception:
        return [frame]


def cite(*things) -> pd.DataFrame:
    """The source records (publisher, title, URL, edition, date read) behind some rows.

    Give source ids, lists of them, or DataFrames with ``source_id`` columns, in any mix:
    ``cite(borders, "factbook-2026-01")``.
    """
    found = _source_ids(things)
    sources = load("sources").set_index("source_id")
    known = set(sources.index)
    wanted = list(dict.fromkeys(s for s in found if type(s) is str and s in known))
    unknown = [s for s in found if type(s) is not str or s not in known]
    if unknown:
        shown = list(
            dict.fromkeys(
                s if type(s) is str and s.isprintable() else _shown(s, 60) for s in unknown
            )
        )
        more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
        quoted = (
            ""
            if all(type(s) is str for s in unknown)
            else " (a source id is text in quotes, like 'factbook-2026-01')"
        )
        raise DataError(
            f"Unknown source id(s): {', '.join(s[:60] for s in shown[:5])}{more}"
            f"{quoted}. See data/sources.csv."
        )
    columns = [
        c for c in ["publisher", "title", "url", "edition", "accessed"] if c in sources.columns
    ]
    table = sources.loc[wanted, columns].reset_index()
    if "accessed" in table:
        table["accessed"] = table["accessed"].dt.strftime("%Y-%m-%d")
    return table.fillna("")
