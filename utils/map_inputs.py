"""What a map builder takes from a learner's cell, checked before anything is drawn.

The builders in utils.maps take a table, column names, a title, a unit and a few switches,
typed into a cell. Whatever arrives (a list instead of a table, a column name that is not text,
a latitude of 400, a cell whose value refuses to become a number or text), the learner gets one
line (a UsageError or NotATableError) naming the argument, and the row and column where they
apply; never a traceback from pandas or folium. The table that comes out holds plain floats and
plain text, so the builders need no defensive code of their own.

Values are read with type() and the built-in conversions of float and str, not isinstance() and
the value's own methods, because a value may lie about its class or refuse to be compared.
"""

from __future__ import annotations

import math

import pandas as pd

from .errors import UsageError, require_columns

LATITUDE = (-90.0, 90.0)
LONGITUDE = (-180.0, 180.0)


def text_of(value) -> str:
    """Any value as text for a label or tooltip; "?" when it refuses to become text."""
    if type(value) is str:
        return value
    try:
        text = str(value)
    except Exception:
        return "?"
    return text if type(text) is str else str.__str__(text)


def number_of(value) -> float | None:
    """A finite float from a number (or a numeric text), or None."""
    kind = type(value)
    if kind is bool:
        return None
    try:
        if kind is str or issubclass(kind, str):
            number = float(str.__str__(value))
        else:
            number = float(value)
    except Exception:
        return None
    return number if type(number) is float and math.isfinite(number) else None


def text_argument(value, name: str, what: str, allow_none: bool = False) -> str | None:
    """A title, unit or column name given as an argument: it must be text."""
    if value is None and allow_none:
        return None
    if type(value) is not str:
        raise UsageError(
            f'{what}: {name} must be text in quotes, like {name}="..."; '
            f"you gave a {type(value).__name__}"
        )
    return value


def switch_argument(value, name: str, what: str, allow_none: bool = False) -> bool | None:
    """A True/False argument."""
    if value is None and allow_none:
        return None
    if type(value) is not bool:
        raise UsageError(f"{what}: {name} must be True or False; you gave a {type(value).__name__}")
    return value


def whole_argument(value, name: str, what: str, low: int, high: int) -> int:
    """A whole number argument between low and high."""
    if type(value) is not int or not low <= value <= high:
        shown = repr(value) if type(value) is int else f"a {type(value).__name__}"
        raise UsageError(
            f"{what}: {name} must be a whole number from {low} to {high}; you gave {shown}"
        )
    return value


def checked_table(frame, what: str, text=(), numbers=None, optional=()) -> pd.DataFrame:
    """frame's columns `text` (as labels) and `numbers` ({column: (low, high)}) as a new table.

    Text columns become plain text; number columns finite floats within their range, or a
    UsageError naming the row and the column. `optional` names number columns whose empty cells
    (missing values) are allowed and kept as NaN.
    """
    numbers = numbers or {}
    columns = list(dict.fromkeys([*text, *numbers]))
    for column in columns:
        text_argument(column, "a column name", what)
    require_columns(frame, columns, what)
    names = [label for label in frame.columns if type(label) is str]
    twice = sorted({c for c in columns if names.count(c) > 1})
    if twice:
        raise UsageError(
            f"{what}: the table has more than one column called {', '.join(twice)}; "
            "rename one of them"
        )
    out = {}
    for column in columns:
        cells = list(frame[column])
        if column in numbers:
            low, high = numbers[column] if numbers[column] else (-math.inf, math.inf)
            values = []
            for row, cell in enumerate(cells):
                number = number_of(cell)
                if number is None and column in optional and _missing(cell):
                    values.append(math.nan)
                    continue
                if number is None or not low <= number <= high:
                    where = f"row {row} (counting from 0), column {column!r}"
                    limits = "" if math.isinf(low) else f" from {low:g} to {high:g}"
                    raise UsageError(
                        f"{what}: {where} holds {text_of(cell)[:40]!r}, which is not "
                        f"a number{limits}; fix or drop that row"
                    )
                values.append(number)
            out[column] = values
        else:
            out[column] = [text_of(cell) for cell in cells]
    return pd.DataFrame(out, columns=columns)


def _missing(cell) -> bool:
    """An empty cell: None, NaN, pd.NA or NaT."""
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return True
    return type(cell) is float and math.isnan(cell)
