"""Recording answers in the assessment edition, where ``check`` judges nothing.

``check("NN.K", answer)`` there shows "Recorded" and puts the answer in the cell's output in a
machine-readable form, next to the text and HTML a learner sees. This is the one place the
format is defined. The output's mime bundle holds, under ``application/vnd.kzw.answer+json``::

    {"format": 1,
     "exercise": "01.2",              # the exercise id
     "variable": "answer_01_2",       # the answer variable of the answer cell
     "answered": true,                # false while the cell still holds the ... placeholder
     "type": "a number (5.78)",       # what the value is in a learner's words, or "nothing yet"
     "value": 5.78}                   # the value as JSON (see as_json)

and the HTML ``<div>`` carries ``data-kzw-check="01.2"`` and ``data-kzw-status="recorded"``.
Stored outputs can be edited by anyone, so a grader should re-execute the notebook and read
this record from the fresh output (or the variable itself), never trust a stored one.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from .feedback import CheckResult, describe_value_safely, short
from .judging import is_answered
from .model import Exercise

MIME_TYPE = "application/vnd.kzw.answer+json"
FORMAT = 1
MAX_ITEMS = 1000  # longer lists and tables are cut (a record is not a data dump)
MAX_TEXT = 10_000


def as_json(value: object, depth: int = 0) -> object:
    """A value as JSON data: numbers, text, lists (a set sorted), dates as ISO text, a table as
    {"columns", "index", "data"}, a Series as {"name", "index", "data"}; anything else as
    {"repr": short text}. Never raises."""
    try:
        return _as_json(value, depth)
    except Exception:
        return {"repr": short(value)}


def _as_json(value: object, depth: int) -> object:
    if depth > 4:
        return {"repr": short(value)}
    if value is None or value is ... or isinstance(value, bool | np.bool_):
        return None if value is None or value is ... else bool(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, int):
        return value if abs(value) < 2**63 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return str.__str__(value)[:MAX_TEXT]
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, pd.DataFrame):
        part = value.head(MAX_ITEMS)
        return {
            "columns": [as_json(c, depth + 1) for c in part.columns],
            "index": [as_json(i, depth + 1) for i in part.index],
            "data": [[as_json(v, depth + 2) for v in row] for row in part.itertuples(False)],
        }
    if isinstance(value, pd.Series):
        part = value.head(MAX_ITEMS)
        return {
            "name": as_json(value.name, depth + 1),
            "index": [as_json(i, depth + 1) for i in part.index],
            "data": [as_json(v, depth + 1) for v in part],
        }
    if isinstance(value, set | frozenset):
        return sorted((as_json(v, depth + 1) for v in list(value)[:MAX_ITEMS]), key=str)
    if isinstance(value, list | tuple | np.ndarray | pd.Index):
        return [as_json(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
    if isinstance(value, dict):
        items = list(value.items())[:MAX_ITEMS]
        return {str(k): as_json(v, depth + 1) for k, v in items}
    return {"repr": short(value)}


class RecordedAnswer(CheckResult):
    """The result of check() in the assessment edition: no verdict, the answer recorded."""

    def __init__(self, exercise: Exercise, answer: object):
        answered = is_answered(answer)
        message = (
            f"your answer ({describe_value_safely(answer)}) is recorded for your teacher; "
            "change it and run the cell again as often as you like."
            if answered
            else f"nothing to record yet: replace the ... after {exercise.variable} = "
            "with your answer."
        )
        super().__init__(exercise.id, "recorded", message)
        self.record = {
            "format": FORMAT,
            "exercise": exercise.id,
            "variable": exercise.variable,
            "answered": answered,
            "type": describe_value_safely(answer) if answered else "nothing yet",
            "value": as_json(answer) if answered else None,
        }

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": repr(self),
            "text/html": self._repr_html_(),
            MIME_TYPE: self.record,
        }
