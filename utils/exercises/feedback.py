"""What a learner sees: a check's result, a note (hint, solution, progress), and short, safe
descriptions of any value for the messages."""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import html
import re
import reprlib

import numpy as np
import pandas as pd

STYLE = {  # status: (icon, label, colour); Okabe-Ito colours, and never colour alone
    "correct": ("✔", "Correct", "#009E73"),
    "close": ("≈", "Close", "#E69F00"),
    "wrong": ("✘", "Not yet", "#D55E00"),
    "wrong-type": ("?", "Wrong kind of answer", "#0072B2"),
    "unanswered": ("…", "Not answered yet", "#777777"),
    "unknown-id": ("?", "Unknown exercise", "#0072B2"),
    "data-problem": ("!", "Cannot check now", "#CC79A7"),
    "unreadable": ("?", "Cannot read this answer", "#0072B2"),
    "recorded": ("✎", "Recorded", "#555555"),  # the assessment edition: no verdict
}
STATUSES = tuple(STYLE)


class CheckResult:
    """The feedback on one answer. Truthy when the answer is correct."""

    def __init__(self, exercise_id: str, status: str, message: str):
        self.exercise_id = exercise_id
        self.status = status
        self.message = one_line(message)

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        icon, label, _ = STYLE[self.status]
        return f"{icon} {self.exercise_id} {label}: {self.message}"

    def _repr_html_(self) -> str:
        icon, label, colour = STYLE[self.status]
        return (
            f'<div class="kzw-feedback kzw-{self.status}" '
            f'data-kzw-check="{html.escape(self.exercise_id)}" '
            f'data-kzw-status="{self.status}" role="status" '
            f'style="border-left:5px solid {colour};padding:4px 10px;margin:4px 0">'
            f"<strong>{icon} {html.escape(self.exercise_id)} · {label}.</strong> "
            f"{html.escape(self.message)}</div>"
        )


class FeedbackNote:
    """A hint, a solution or a progress table, shown as HTML with a plain-text fallback."""

    def __init__(self, title: str, text: str = "", code: str = "", rows: list | None = None):
        self.title, self.text, self.code, self.rows = title, text, code, rows or []

    def __repr__(self) -> str:
        parts = [self.title]
        if self.code:
            parts.append(self.code.rstrip())
        if self.text:
            parts.append(self.text)
        parts += ["  ".join(str(c) for c in row) for row in self.rows]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.__repr__()

    def _repr_html_(self) -> str:
        out = [
            '<div class="kzw-note" style="border-left:5px solid #56B4E9;'
            f'padding:4px 10px;margin:4px 0"><strong>{html.escape(self.title)}</strong>'
        ]
        if self.code:
            out.append(f"<pre><code>{html.escape(self.code.rstrip())}</code></pre>")
        if self.text:
            out.append(f"<p>{html.escape(self.text)}</p>")
        if self.rows:
            head, *body = self.rows
            cells = "".join(f"<th>{html.escape(str(c))}</th>" for c in head)
            out.append(f"<table><thead><tr>{cells}</tr></thead><tbody>")
            for row in body:
                out.append(
                    "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                )
            out.append("</tbody></table>")
        out.append("</div>")
        return "".join(out)


_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = 4
_REPR.maxlevel = 2


def one_line(text: object) -> str:
    """Any message as one line of at most 400 characters (never raises)."""
    try:
        text = str(text)
    except Exception:
        text = "(message cannot be shown)"
    text = " ".join(text.split())
    return text if len(text) <= 400 else text[:397] + "..."


def short(value: object) -> str:
    """A short, safe repr of any value (never raises, shows no memory address)."""
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            value = int.__int__(value)
            if abs(value) > 10**30:
                return "a very large number"
        elif isinstance(value, str):
            value = str.__str__(value)
        text = _REPR.repr(value)
    except Exception:
        return "(a value that cannot be shown)"
    return re.sub(r" (object )?at 0x[0-9a-fA-F]+", "", text)


def describe_value(value: object) -> str:
    """What kind of value something is, in a learner's words ("a list", "text ('x')")."""
    if value is None:
        return "None"
    if isinstance(value, bool) or isinstance(value, np.bool_):
        return "True/False"
    if isinstance(value, pd.DataFrame):
        return "a DataFrame (a table)"
    if isinstance(value, pd.Series):
        return "a Series (a column of values)"
    if isinstance(value, pd.Index):
        return "an Index"
    if isinstance(value, np.ndarray):
        return "a NumPy array"
    if isinstance(value, str):
        return f"text ({short(value)})"
    if isinstance(
        value, (int, float, np.integer, np.floating, decimal.Decimal, fractions.Fraction)
    ):
        return f"a number ({short(value)})"
    if isinstance(value, (dt.date, np.datetime64)):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, tuple):
        return "a tuple"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if isinstance(value, dict):
        return "a dict"
    if hasattr(type(value), "__next__"):
        return "a generator (or other iterator)"
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def describe_value_safely(value: object) -> str:
    """describe_value, or "this value" for an object that cannot even say what it is."""
    try:
        return describe_value(value)
    except Exception:
        return "this value"
