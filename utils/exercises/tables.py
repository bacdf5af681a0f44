"""The kinds of answer that are tables: a DataFrame (frame) or one column, a Series (series).

Values are compared leniently: numbers as floats within the exercise's tolerance, dates as
dates, text without case or accents; dtypes, column order and extra columns do not matter.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from ..countries import normalise_text
from .feedback import describe_value
from .kinds import Kind
from .model import Exercise
from .reading import MAX_ROWS, MAX_TEXT, Problem


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with lenient, comparable dtypes: numbers as float, dates as dates, rest as text."""
    out = {}
    for position in range(frame.shape[1]):
        out[position] = _plain_values(frame.iloc[:, position])
    result = pd.DataFrame(out)
    result.columns = [str(c) for c in frame.columns]
    return result


def _plain_values(values: pd.Series) -> pd.Series:
    values = pd.Series(values.array, dtype=values.dtype).reset_index(drop=True)
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) in (
        "integer",
        "floating",
        "mixed-integer-float",
        "decimal",
    ):
        values = pd.to_numeric(values, errors="coerce")
    if pd.api.types.is_bool_dtype(values.dtype) or pd.api.types.is_numeric_dtype(values.dtype):
        return pd.to_numeric(values, errors="coerce").astype("float64")
    return values.map(lambda v: None if _is_missing(v) else _plain_text(v)).astype(object)


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _plain_text(value) -> str:
    if isinstance(value, str):
        return normalise_text(str.__str__(value)[:MAX_TEXT])
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return repr(round(float(value), 6))
    return type(value).__name__


def compare_tables(exercise: Exercise, answer, reference) -> tuple[str, str]:
    """(status, message) for a DataFrame or Series answer."""
    if exercise.kind == "series":
        answer, reference = answer.to_frame("values"), reference.to_frame("values")
        columns = ["values"]
    else:
        columns = [str(c) for c in (exercise.columns or list(reference.columns))]
        names = [str(c) for c in answer.columns]
        doubled = sorted({c for c in names if names.count(c) > 1})
        if doubled:
            return "wrong", f"Your table has more than one column named {doubled[0]!r}."
        missing = [c for c in columns if c not in names]
        if missing:
            listed = ", ".join(repr(c) for c in missing)
            return "wrong", f"Your table lacks the column(s) {listed}."
        answer = answer.set_axis(names, axis=1)
        reference = reference.set_axis([str(c) for c in reference.columns], axis=1)
    if len(answer) != len(reference):
        return "wrong", (
            f"Your answer has {len(answer)} rows; the expected one has "
            f"{len(reference)}. Check your filter."
        )
    a = _plain(answer[columns])
    r = _plain(reference[columns])
    if exercise.index:
        a.insert(0, "(index)", _plain_values(pd.Series(answer.index.array)).array)
        r.insert(0, "(index)", _plain_values(pd.Series(reference.index.array)).array)
    if not exercise.ordered:
        a = _sorted(a)
        r = _sorted(r)
    differing = [c for c in a.columns if not _same_column(exercise, a[c], r[c])]
    if not differing:
        return "correct", "the values match."
    if not exercise.ordered or len(a) < 2:
        return "wrong", f"Some values differ (first in {differing[0]!r})."
    if sorted(_row_keys(a)) == sorted(_row_keys(r)):
        return "close", "The right rows, but in a different order: check how you sorted."
    return "wrong", f"Some values differ (first in {differing[0]!r})."


def _row_keys(frame: pd.DataFrame) -> list[tuple]:
    """Each row as a tuple of texts (rows of any mixture of values can be sorted)."""
    return [tuple(repr(v) for v in row) for row in frame.to_numpy(dtype=object).tolist()]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = _row_keys(frame)
    order = sorted(range(len(frame)), key=lambda i: keys[i])
    return frame.iloc[order].reset_index(drop=True)


def _same_column(exercise: Exercise, a: pd.Series, r: pd.Series) -> bool:
    try:
        pd.testing.assert_series_equal(
            a.reset_index(drop=True),
            r.reset_index(drop=True),
            check_dtype=False,
            check_names=False,
            check_exact=False,
            rtol=max(exercise.rel_tol, 1e-9),
            atol=max(exercise.abs_tol, 1e-9),
            check_categorical=False,
            check_index_type=False,
        )
        return True
    except Exception:  # AssertionError, or values that cannot be compared at all
        return False


class FrameKind(Kind):
    """A table (DataFrame), compared column by column; common mistakes do not apply."""

    wanted = pd.DataFrame

    def read(self, exercise, value, countries):
        if isinstance(value, pd.Series):
            raise Problem(
                "wrong-type",
                "You gave a Series (one column); this asks for a table (DataFrame): use double "
                "brackets, frame[['a', 'b']], or .to_frame().",
            )
        if not isinstance(value, pd.DataFrame):
            raise Problem(
                "wrong-type",
                f"You gave {describe_value(value)}; this asks for a table (a DataFrame).",
            )
        if len(value) > MAX_ROWS:
            raise Problem("wrong-type", f"Your table has {len(value)} rows; far too many.")
        return value

    def expected(self, exercise, value, countries):
        if not isinstance(value, self.wanted):
            raise Problem("data-problem", f"expected {self.wanted.__name__}")
        return value

    def verdict(self, exercise, answer, expected, value, countries):
        status, message = compare_tables(exercise, answer, expected)
        if status != "correct":
            message += f" Try hint({exercise.id!r})."
        return status, message


class SeriesKind(FrameKind):
    """One column of values (a Series)."""

    wanted = pd.Series

    def read(self, exercise, value, countries):
        if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
            raise Problem(
                "wrong-type",
                "You gave a one-column DataFrame; this asks for a Series: use single brackets, "
                "frame['a'].",
            )
        if not isinstance(value, pd.Series):
            raise Problem(
                "wrong-type",
                f"You gave {describe_value(value)}; this asks for a Series (one column of values).",
            )
        if len(value) > MAX_ROWS:
            raise Problem("wrong-type", f"Your Series has {len(value)} values; far too many.")
        return value
