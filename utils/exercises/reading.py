"""Reading a learner's value: one number, a year, a date, a short text or a list of items.

Each reader returns a plain Python value or raises :class:`Problem`, which carries the status
and the one-line message the learner sees. Readers never call a value's own methods where a
hostile or broken object could raise (``str.__str__`` and friends), never exhaust an iterator,
and refuse values too big to be a short answer.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
import re

import numpy as np
import pandas as pd

from .feedback import describe_value, short

MAX_TEXT = 500  # characters; longer text is not a short answer
MAX_ITEMS = 10_000  # items in a set or sequence answer
MAX_ROWS = 1_000_000  # rows in a frame or series answer
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Problem(Exception):
    """An answer that cannot be compared; carries the status and the message to show."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def as_number(value: object, unit: str = "") -> int | float:
    """A plain int or float from a learner's value, or a Problem."""
    in_unit = f" (in {unit})" if unit else ""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if value is pd.NA or value is pd.NaT:
        raise Problem(
            "wrong-type",
            "Your answer is a missing value (NA); this asks for one "
            "number. Did a filter select no rows?",
        )
    if isinstance(value, (bool, np.bool_)):
        raise Problem("wrong-type", f"You gave True/False; this asks for one number{in_unit}.")
    if isinstance(value, (int, np.integer)):
        return int.__int__(value) if isinstance(value, int) else int(value)
    if isinstance(value, (float, np.floating)):
        number = float.__float__(value) if isinstance(value, float) else float(value)
        if math.isnan(number):
            raise Problem(
                "wrong-type",
                "Your answer is NaN (not a number), often the result "
                "of a calculation on no rows or on missing values.",
            )
        return number
    if isinstance(value, (decimal.Decimal, fractions.Fraction)):
        try:
            number = float(value)
        except (OverflowError, ValueError):
            raise Problem(
                "wrong-type", "That number cannot be read as an ordinary number."
            ) from None
        if math.isnan(number):
            raise Problem("wrong-type", "Your answer is NaN (not a number).")
        return number
    if isinstance(value, str):
        text = str.__str__(value)
        tip = " and without the unit" if unit and unit in text[:MAX_TEXT] else ""
        raise Problem(
            "wrong-type",
            f"You gave text ({short(text)}); this asks for a "
            f"number{in_unit}: write it without quotes{tip}.",
        )
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray, list, tuple, pd.Index)):
        raise Problem(
            "wrong-type",
            f"You gave {describe_value(value)}; this asks for one number"
            f"{in_unit}. If it holds a single value, take it out (e.g. .iloc[0]), "
            "or count with len(...) or .nunique().",
        )
    raise Problem(
        "wrong-type", f"You gave {describe_value(value)}; this asks for one number{in_unit}."
    )


def as_year(value: object) -> int:
    """A year (a whole number) from a learner's value, or a Problem."""
    if isinstance(value, (dt.date, np.datetime64)):
        raise Problem(
            "wrong-type",
            "You gave a full date; this asks for just the year, "
            "e.g. 1991 (a date's year is date.year).",
        )
    if isinstance(value, str):
        raise Problem(
            "wrong-type",
            f"You gave text ({short(value)}); this asks for a year "
            "as a number, without quotes, e.g. 1991.",
        )
    try:
        number = as_number(value)
    except Problem as problem:
        raise Problem(problem.status, problem.message.replace("one number", "a year")) from None
    if isinstance(number, float) and not (math.isfinite(number) and number.is_integer()):
        raise Problem(
            "wrong-type", f"You gave {short(number)}; a year is a whole number, e.g. 1991."
        )
    return int(number)


def as_date(value: object) -> dt.date:
    """A calendar date from a date, a Timestamp or 'YYYY-MM-DD' text, or a Problem."""
    if value is pd.NaT or value is pd.NA:
        raise Problem("wrong-type", "Your answer is a missing date (NaT).")
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise Problem("wrong-type", "Your answer is a missing date (NaT).")
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):  # includes pandas Timestamp
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = str.__str__(value).strip()[:MAX_TEXT]
        if ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise Problem("wrong-type", f"{short(text)} is not a real calendar date.") from None
        raise Problem(
            "wrong-type",
            f"You gave text ({short(text)}); write the date as "
            "'YYYY-MM-DD' (e.g. '1991-12-16') or datetime.date(1991, 12, 16).",
        )
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        raise Problem(
            "wrong-type", "You gave a number; this asks for a full date, e.g. '1991-12-16'."
        )
    raise Problem(
        "wrong-type",
        f"You gave {describe_value(value)}; this asks for a date, e.g. "
        "'1991-12-16' or datetime.date(1991, 12, 16).",
    )


def as_text(value: object, what: str = "a name or a short text") -> str:
    """Short text from a learner's value, or a Problem saying what was wanted."""
    if isinstance(value, str):
        text = str.__str__(value)
        if len(text) > MAX_TEXT:
            raise Problem(
                "wrong-type", f"Your text is {len(text)} characters long; this asks for {what}."
            )
        return text
    if isinstance(value, (list, tuple, pd.Series, np.ndarray, set)):
        raise Problem(
            "wrong-type",
            f"You gave {describe_value(value)}; this asks for {what}, as text in "
            "quotes. If it holds one value, take it out (e.g. [0] or .iloc[0]).",
        )
    raise Problem(
        "wrong-type", f"You gave {describe_value(value)}; this asks for {what}, as text in quotes."
    )


def as_items(value: object) -> list:
    """The items of a list-like answer (never exhausts an iterator, never calls overrides)."""
    if isinstance(value, str):
        raise Problem(
            "wrong-type",
            f"You gave one text ({short(value)}); this asks for "
            "several items in a list, e.g. ['Russia', 'China'].",
        )
    if isinstance(value, pd.DataFrame):
        raise Problem(
            "wrong-type",
            "You gave a DataFrame (a table); this asks for a list of "
            "items: take one column, e.g. frame['name'].tolist().",
        )
    if isinstance(value, dict):
        raise Problem(
            "wrong-type",
            "You gave a dict; this asks for a list of items, e.g. "
            "['Russia', 'China'] (list(d) gives a dict's keys).",
        )
    if isinstance(value, (pd.Series, pd.Index)):
        if len(value) > MAX_ITEMS:
            raise Problem("wrong-type", f"Your answer has {len(value)} items; far too many.")
        return list(value.array)
    if isinstance(value, np.ndarray):
        if value.ndim != 1:
            raise Problem(
                "wrong-type",
                f"You gave a {value.ndim}-dimensional array; this asks for a flat list of items.",
            )
        if value.size > MAX_ITEMS:
            raise Problem("wrong-type", f"Your answer has {value.size} items; far too many.")
        return list(value.tolist())
    for base in (list, tuple, set, frozenset):
        if isinstance(value, base):
            size = base.__len__(value)
            if size > MAX_ITEMS:
                raise Problem("wrong-type", f"Your answer has {size} items; far too many.")
            return list(base.__iter__(value))
    if isinstance(value, (type({}.keys()), type({}.values()))):
        return list(value)[: MAX_ITEMS + 1]
    if hasattr(type(value), "__next__"):
        raise Problem(
            "wrong-type",
            "You gave a generator (or other iterator); turn it into a list first: list(...).",
        )
    raise Problem(
        "wrong-type",
        f"You gave {describe_value(value)}; this asks for a list of items, e.g. "
        "['Russia', 'China'].",
    )
