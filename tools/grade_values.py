"""Answer values as plain JSON, so the grader can read a kernel's answers without trusting it.

``emit`` runs inside the student's kernel (the grader copies this file into the scratch folder
as ``kzw_grade_values.py``): it writes each answer variable as tagged JSON on one line of
standard output. ``decode`` runs in the grader and rebuilds the value: numbers, text, dates,
lists, sets, dicts, NumPy values and pandas tables. Anything else (a function, a generator, an
object of the learner's own class) becomes an ``Unreadable`` holding its type name and a short
repr, never the object itself: no code from the kernel ever runs in the grader.

Standard library only at import time; NumPy and pandas are looked up only when the kernel has
already imported them.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import json
import reprlib
import sys

MAX_ITEMS = 200_000  # values in one answer (table cells count one each)
MAX_DEPTH = 8


class TooBig(Exception):
    """An answer with more than MAX_ITEMS values or nested deeper than MAX_DEPTH."""


class Unreadable:
    """An answer the grader does not rebuild: its type name and a short repr."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text


def _number(value: float) -> dict:
    return {"t": "float", "v": repr(float(value))}


def encode(value: object, budget: list[int] | None = None, depth: int = 0) -> dict:
    """A value as tagged JSON (raises TooBig for a huge or deeply nested value)."""
    budget = budget if budget is not None else [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise TooBig
    again = lambda item: encode(item, budget, depth + 1)  # noqa: E731
    np = sys.modules.get("numpy")
    pd = sys.modules.get("pandas")
    if value is None or value is ...:
        return {"t": "none" if value is None else "ellipsis"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(int(value))}
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return {"t": "str", "v": str(value)}
    if isinstance(value, decimal.Decimal | fractions.Fraction):
        return {"t": type(value).__name__.lower(), "v": str(value)}
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            return {
                "t": "frame",
                "columns": [again(c) for c in value.columns],
                "index": again(value.index),
                "dtypes": [str(d) for d in value.dtypes],
                "data": [[again(v) for v in value.iloc[:, i]] for i in range(value.shape[1])],
            }
        if isinstance(value, pd.Series):
            return {
                "t": "series",
                "name": again(value.name),
                "index": again(value.index),
                "dtype": str(value.dtype),
                "v": [again(v) for v in value],
            }
        if isinstance(value, pd.Index):
            return {
                "t": "index",
                "name": again(value.name),
                "dtype": str(value.dtype),
                "v": [again(v) for v in value],
            }
        if value is pd.NA or value is pd.NaT:
            return {"t": "na" if value is pd.NA else "nat"}
        if isinstance(value, pd.Timestamp):
            return {"t": "timestamp", "v": value.isoformat()}
    if np is not None:
        if isinstance(value, np.ndarray):
            return {"t": "ndarray", "dtype": str(value.dtype), "v": [again(v) for v in value]}
        if isinstance(value, np.datetime64):
            return {"t": "datetime64", "v": str(value)}
        if isinstance(value, np.generic):
            return {"t": "numpy", "dtype": str(value.dtype), "v": again(value.item())}
    if isinstance(value, dt.datetime | dt.date):
        return {"t": type(value).__name__, "v": value.isoformat()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return {"t": type(value).__name__, "v": [again(v) for v in items]}
    if isinstance(value, dict):
        return {"t": "dict", "v": [[again(k), again(v)] for k, v in value.items()]}
    return {"t": "other", "type": type(value).__name__, "v": _short(value)}


def _short(value: object) -> str:
    try:
        return reprlib.repr(value)[:80]
    except Exception:
        return "(cannot be shown)"


def emit(marker: str, names: list[str], namespace: dict) -> None:
    """Print ``marker`` and the answers ``names`` from ``namespace`` as one JSON line."""
    found = {}
    for name in names:
        if name not in namespace:
            continue
        try:
            found[name] = encode(namespace[name])
        except (TooBig, RecursionError):
            found[name] = {"t": "toobig"}
        except Exception as err:
            found[name] = {"t": "other", "type": type(err).__name__, "v": "could not be read"}
    sys.stdout.write(marker + json.dumps(found) + "\n")
    sys.stdout.flush()


def decode(data: dict) -> object:
    """The value a tagged JSON answer stands for (the inverse of ``encode``)."""
    import numpy as np
    import pandas as pd

    tag, value = data["t"], data.get("v")
    simple = {
        "none": lambda: None,
        "ellipsis": lambda: ...,
        "bool": lambda: bool(value),
        "int": lambda: int(value),
        "float": lambda: float(value),
        "str": lambda: str(value),
        "decimal": lambda: decimal.Decimal(value),
        "fraction": lambda: fractions.Fraction(value),
        "na": lambda: pd.NA,
        "nat": lambda: pd.NaT,
        "timestamp": lambda: pd.Timestamp(value),
        "datetime64": lambda: np.datetime64(value),
        "datetime": lambda: dt.datetime.fromisoformat(value),
        "date": lambda: dt.date.fromisoformat(value),
        "toobig": lambda: Unreadable("value", "too big to read"),
        "other": lambda: Unreadable(data.get("type", "?"), str(value)),
    }
    if tag in simple:
        return simple[tag]()
    if tag == "numpy":
        return np.dtype(data["dtype"]).type(decode(value))
    if tag in ("list", "tuple", "set", "frozenset"):
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](
            decode(v) for v in value
        )
    if tag == "dict":
        return {decode(k): decode(v) for k, v in value}
    if tag == "ndarray":
        return np.array([decode(v) for v in value], dtype=_dtype(data["dtype"]))
    if tag == "index":
        return pd.Index(
            _column([decode(v) for v in value], data["dtype"]), name=decode(data["name"])
        )
    if tag == "series":
        values = _column([decode(v) for v in value], data["dtype"])
        return pd.Series(values, index=decode(data["index"]), name=decode(data["name"]))
    if tag == "frame":
        columns = [decode(c) for c in data["columns"]]
        frame = pd.DataFrame(
            {
                i: _column([decode(v) for v in col], d)
                for i, (col, d) in enumerate(zip(data["data"], data["dtypes"], strict=True))
            },
            index=decode(data["index"]),
        )
        frame.columns = columns
        return frame
    raise ValueError(f"unknown answer tag {tag!r}")


def _dtype(name: str) -> object:
    return None if name == "object" else name


def _column(values: list, dtype: str) -> object:
    """Values as a pandas array of ``dtype`` when they fit it, else as they are."""
    import pandas as pd

    try:
        return pd.array(values, dtype=dtype)
    except Exception:
        return values
