"""Exercises: check an answer, ask for a hint, see a worked solution, see your progress.

What a learner calls::

    check("01.2", answer_01_2)   # feedback on an answer (a result object, truthy when correct)
    hint("01.2")                 # the next hint; hint("01.2", 1) shows hint 1 again
    solution("01.2")             # the worked solution: code and reasoning (teacher edition)
    progress()                   # which exercises of this notebook are done in this session

Ids are "NN.K": notebook NN, exercise K.

How an exercise sits in a notebook
----------------------------------
1. A markdown cell with the question, tagged ``exercise``.
2. A code cell tagged ``answer`` holding ``answer_NN_K = ...`` lines (the ``...`` is the
   placeholder the learner replaces), ending with ``check("NN.K", answer_NN_K)``::

       answer_01_2 = ...
       check("01.2", answer_01_2)

3. Learners may call ``hint``/``solution`` in cells of their own. Code cells tagged
   ``hint-demo`` may show hints on purpose (notebook 00 does).

Where exercises are defined
---------------------------
``utils/answers/nbNN.py`` holds a module-level list ``EXERCISES`` of :class:`Exercise` objects
for notebook NN. Each one says what kind of answer it wants and *computes* the expected answer
from the data (``reference``), so a corrected data row never leaves a stale answer key.
Worked solutions are plain data in ``utils/solutions/nbNN.py`` (``SOLUTIONS = {id: {"code",
"why"}}``); the student edition ships without them.

Answer kinds: ``number``, ``year``, ``date``, ``text`` (``country=True`` accepts any name,
alias or ISO3 code from ``data/countries.csv``), ``choice``, ``set`` (order ignored),
``sequence`` (order matters), ``frame`` (DataFrame) and ``series``.

No answer value, however odd, produces a traceback: every problem becomes one line of
feedback.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import difflib
import fractions
import html
import importlib
import math
import pkgutil
import re
import reprlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

ROOT_UTILS = Path(__file__).resolve().parent
KINDS = ("number", "year", "date", "text", "choice", "set", "sequence", "frame", "series")
ITEM_KINDS = ("text", "country", "number", "year", "date")
MAX_TEXT = 500          # characters; longer text is not a short answer
MAX_ITEMS = 10_000      # items in a set or sequence answer
MAX_ROWS = 1_000_000    # rows in a frame or series answer

# --------------------------------------------------------------------------- definitions


@dataclass
class Mistake:
    """A common mistake and what to say about it.

    ``wrong(reference)`` returns the answer someone making this mistake would give (it may
    load data itself, e.g. a total that includes the wrong row); ``when(answer)`` is an
    alternative test on the learner's (already cleaned) answer. ``say`` is the feedback.
    Mistakes apply to every kind except frame and series.
    """

    say: str
    wrong: Callable[[Any], Any] | None = None
    when: Callable[[Any], bool] | None = None
    rel_tol: float = 0.01   # how near a number must be to the wrong value (rounded answers)


def looks_like(factor: float, say: str) -> Mistake:
    """A mistake that gives the reference times ``factor`` (a unit or scale slip)."""
    return Mistake(say=say, wrong=lambda reference: reference * factor)


FRACTION_NOT_PERCENT = looks_like(
    0.01, "That looks like a fraction (0 to 1); the question asks for a percentage (0 to 100).")
PERCENT_NOT_FRACTION = looks_like(
    100, "That looks like a percentage; the question asks for a fraction between 0 and 1.")
MILES_NOT_KM = looks_like(
    0.621371, "That looks like miles; the question asks for kilometres.")


@dataclass
class Exercise:
    """One exercise: what it asks, how its answer is computed and compared, and its hints.

    id: "NN.K"; question: a one-line summary; kind: one of KINDS; reference: a function
    with no arguments that computes the expected answer from the data (via ``load``).
    Options: unit (shown in messages), abs_tol / rel_tol (numbers), aliases (extra accepted
    texts), country (text names a country), items (kind of the items of a set or sequence),
    options (for choice), columns / index / ordered (frames and series), hints, mistakes.
    """

    id: str
    question: str
    kind: str
    reference: Callable[[], Any]
    hints: list[str] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    unit: str = ""
    abs_tol: float = 1e-9
    rel_tol: float = 1e-9
    aliases: list[str] = field(default_factory=list)
    country: bool = False
    items: str = "text"
    options: list[str] = field(default_factory=list)
    columns: list[str] | None = None
    index: bool = False
    ordered: bool = True

    def __post_init__(self):
        if not re.fullmatch(r"\d\d\.\d+", str(self.id)):
            raise ValueError(f"exercise id {self.id!r} must look like 'NN.K', e.g. '01.2'")
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: kind {self.kind!r} is not one of {KINDS}")
        if self.items not in ITEM_KINDS:
            raise ValueError(f"{self.id}: items {self.items!r} is not one of {ITEM_KINDS}")
        if self.kind == "choice" and not self.options:
            raise ValueError(f"{self.id}: a choice exercise needs options")
        if self.country and self.kind not in ("text", "choice"):
            raise ValueError(f"{self.id}: country=True is for text; use items='country'")
        if self.kind in ("set", "sequence") and self.country:
            self.items = "country"

    @property
    def notebook(self) -> str:
        return self.id.split(".")[0]

    @property
    def variable(self) -> str:
        """The answer variable the notebook uses, e.g. answer_01_2."""
        return "answer_" + self.id.replace(".", "_")


# --------------------------------------------------------------------------- the registry

_REGISTRY: dict[str, Exercise] = {}
_LOAD_PROBLEMS: dict[str, str] = {}
_loaded = False


def register(*exercises: Exercise, replace: bool = False) -> None:
    """Add exercises to the registry (answer modules do this through their EXERCISES list)."""
    for exercise in exercises:
        if not isinstance(exercise, Exercise):
            raise TypeError(f"register() takes Exercise objects, not {type(exercise).__name__}")
        if exercise.id in _REGISTRY and not replace and _REGISTRY[exercise.id] is not exercise:
            raise ValueError(f"exercise {exercise.id} is registered twice")
        _REGISTRY[exercise.id] = exercise


def unregister(*ids: str) -> None:
    """Remove exercises from the registry (used by tests that register their own)."""
    for exercise_id in ids:
        _REGISTRY.pop(exercise_id, None)


def answer_modules() -> list[str]:
    """Names of the modules in utils/answers that define exercises (nb00, nb01, ...)."""
    from . import answers
    return sorted(m.name for m in pkgutil.iter_modules(answers.__path__)
                  if re.fullmatch(r"nb\d\d", m.name))


def load_answers() -> None:
    """Import every utils/answers/nbNN.py once and register its EXERCISES."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in answer_modules():
        try:
            module = importlib.import_module(f"{__package__}.answers.{name}")
            register(*getattr(module, "EXERCISES", []))
        except Exception as err:  # a teacher's edit broke the file: say so, do not crash
            _LOAD_PROBLEMS[name[2:]] = (f"utils/answers/{name}.py could not be loaded "
                                        f"({type(err).__name__}: {_one_line(err)}).")


def exercises(notebook: str | None = None) -> list[Exercise]:
    """All registered exercises, or those of one notebook ("01"), in id order."""
    load_answers()
    found = [e for e in _REGISTRY.values() if notebook is None or e.notebook == notebook]
    return sorted(found, key=lambda e: (e.notebook, int(e.id.split(".")[1])))


def _normalise_id(exercise_id) -> str | None:
    if not isinstance(exercise_id, str):
        return None
    text = str.__str__(exercise_id).strip()[:20]
    match = re.fullmatch(r"(\d{1,2})\.(\d+)", text)
    return f"{int(match[1]):02d}.{int(match[2])}" if match else text


def _find(exercise_id) -> tuple[Exercise | None, str]:
    """The exercise for an id, or None and a one-line message with the nearest ids."""
    load_answers()
    try:
        key = _normalise_id(exercise_id)
    except Exception:  # an object that cannot even say what type it is
        key = None
    if key is None:
        return None, (f"Exercise ids are text in quotes, like check(\"01.2\", answer_01_2); "
                      f"you gave {_a_safe(exercise_id)}.")
    if key in _REGISTRY:
        return _REGISTRY[key], ""
    problem = _LOAD_PROBLEMS.get(key.split(".")[0])
    if problem:
        return None, f"Exercise {key} is not available: {problem}"
    close = difflib.get_close_matches(key, sorted(_REGISTRY), n=3, cutoff=0.5)
    near = f" Nearest: {', '.join(close)}." if close else ""
    return None, f"There is no exercise {_short(key)}.{near}"


# --------------------------------------------------------------------------- session state

_STATE: dict[str, dict] = {"status": {}, "attempts": {}, "hints": {}, "solutions": {}}
_LAST_NOTEBOOK: list[str] = []


def reset_session() -> None:
    """Forget this session's progress (tests use this)."""
    for value in _STATE.values():
        value.clear()
    _LAST_NOTEBOOK.clear()


def session_report() -> dict[str, str]:
    """The last status of every exercise checked in this session (the edition builder reads it)."""
    return dict(sorted(_STATE["status"].items()))


def _seen(exercise: Exercise) -> None:
    _LAST_NOTEBOOK[:] = [exercise.notebook]


# --------------------------------------------------------------------------- display objects

_STYLE = {  # status: (icon, label, colour); Okabe-Ito colours, and never colour alone
    "correct": ("✔", "Correct", "#009E73"),
    "close": ("≈", "Close", "#E69F00"),
    "wrong": ("✘", "Not yet", "#D55E00"),
    "wrong-type": ("?", "Wrong kind of answer", "#0072B2"),
    "unanswered": ("…", "Not answered yet", "#777777"),
    "unknown-id": ("?", "Unknown exercise", "#0072B2"),
    "data-problem": ("!", "Cannot check now", "#CC79A7"),
    "unreadable": ("?", "Cannot read this answer", "#0072B2"),
}
STATUSES = tuple(_STYLE)


class CheckResult:
    """The feedback on one answer. Truthy when the answer is correct."""

    def __init__(self, exercise_id: str, status: str, message: str):
        self.exercise_id = exercise_id
        self.status = status
        self.message = _one_line(message)

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        icon, label, _ = _STYLE[self.status]
        return f"{icon} {self.exercise_id} {label}: {self.message}"

    def _repr_html_(self) -> str:
        icon, label, colour = _STYLE[self.status]
        return (f'<div class="kzw-feedback kzw-{self.status}" '
                f'data-kzw-check="{html.escape(self.exercise_id)}" '
                f'data-kzw-status="{self.status}" role="status" '
                f'style="border-left:5px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<strong>{icon} {html.escape(self.exercise_id)} · {label}.</strong> '
                f'{html.escape(self.message)}</div>')


class Note:
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
        out = [f'<div class="kzw-note" style="border-left:5px solid #56B4E9;'
               f'padding:4px 10px;margin:4px 0"><strong>{html.escape(self.title)}</strong>']
        if self.code:
            out.append(f"<pre><code>{html.escape(self.code.rstrip())}</code></pre>")
        if self.text:
            out.append(f"<p>{html.escape(self.text)}</p>")
        if self.rows:
            head, *body = self.rows
            out.append("<table><thead><tr>" + "".join(f"<th>{html.escape(str(c))}</th>"
                                                       for c in head) + "</tr></thead><tbody>")
            for row in body:
                out.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row)
                           + "</tr>")
            out.append("</tbody></table>")
        out.append("</div>")
        return "".join(out)


# --------------------------------------------------------------------------- small helpers

_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = 4
_REPR.maxlevel = 2


def _one_line(text) -> str:
    try:
        text = str(text)
    except Exception:
        text = "(message cannot be shown)"
    text = " ".join(text.split())
    return text if len(text) <= 400 else text[:397] + "..."


def _short(value) -> str:
    """A short, safe repr of any value (never raises)."""
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            value = int.__int__(value)
            if abs(value) > 10 ** 30:
                return "a very large number"
        elif isinstance(value, str):
            value = str.__str__(value)
        text = _REPR.repr(value)
    except Exception:
        return "(a value that cannot be shown)"
    return re.sub(r" (object )?at 0x[0-9a-fA-F]+", "", text)  # no memory addresses


def _a(value) -> str:
    """Describe what kind of value something is, for a learner."""
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
        return f"text ({_short(value)})"
    if isinstance(value, (int, float, np.integer, np.floating, decimal.Decimal,
                          fractions.Fraction)):
        return f"a number ({_short(value)})"
    if isinstance(value, (_dt.date, np.datetime64)):
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


def _a_safe(value) -> str:
    try:
        return _a(value)
    except Exception:
        return "this value"


def normalise_text(text: str) -> str:
    """Text compared without case, accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[‐-―\-_/]+", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


class _Problem(Exception):
    """Internal: an answer that cannot be compared; carries status and message."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class _DataProblem(Exception):
    """Internal: the expected answer could not be computed from the data."""


# --------------------------------------------------------------------------- reading answers

def _as_number(value, unit: str = "") -> int | float:
    """A plain int or float from a learner's value, or a _Problem."""
    in_unit = f" (in {unit})" if unit else ""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if value is pd.NA or value is pd.NaT:
        raise _Problem("wrong-type", "Your answer is a missing value (NA); this asks for one "
                       "number. Did a filter select no rows?")
    if isinstance(value, (bool, np.bool_)):
        raise _Problem("wrong-type", f"You gave True/False; this asks for one number{in_unit}.")
    if isinstance(value, (int, np.integer)):
        return int.__int__(value) if isinstance(value, int) else int(value)
    if isinstance(value, (float, np.floating)):
        number = float.__float__(value) if isinstance(value, float) else float(value)
        if math.isnan(number):
            raise _Problem("wrong-type", "Your answer is NaN (not a number), often the result "
                           "of a calculation on no rows or on missing values.")
        return number
    if isinstance(value, (decimal.Decimal, fractions.Fraction)):
        try:
            number = float(value)
        except (OverflowError, ValueError):
            raise _Problem("wrong-type", "That number cannot be read as an ordinary "
                           "number.") from None
        if math.isnan(number):
            raise _Problem("wrong-type", "Your answer is NaN (not a number).")
        return number
    if isinstance(value, str):
        text = str.__str__(value)
        tip = " and without the unit" if unit and unit in text[:MAX_TEXT] else ""
        raise _Problem("wrong-type", f"You gave text ({_short(text)}); this asks for a "
                       f"number{in_unit}: write it without quotes{tip}.")
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray, list, tuple, pd.Index)):
        raise _Problem("wrong-type", f"You gave {_a(value)}; this asks for one number"
                       f"{in_unit}. If it holds a single value, take it out (e.g. .iloc[0]), "
                       "or count with len(...) or .nunique().")
    raise _Problem("wrong-type", f"You gave {_a(value)}; this asks for one number{in_unit}.")


def _as_year(value) -> int:
    if isinstance(value, (_dt.date, np.datetime64)):
        raise _Problem("wrong-type", "You gave a full date; this asks for just the year, "
                       "e.g. 1991 (a date's year is date.year).")
    if isinstance(value, str):
        raise _Problem("wrong-type", f"You gave text ({_short(value)}); this asks for a year "
                       "as a number, without quotes, e.g. 1991.")
    try:
        number = _as_number(value)
    except _Problem as problem:
        raise _Problem(problem.status, problem.message.replace("one number", "a year")) from None
    if isinstance(number, float) and not (math.isfinite(number) and number.is_integer()):
        raise _Problem("wrong-type", f"You gave {_short(number)}; a year is a whole number, "
                       "e.g. 1991.")
    return int(number)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _as_date(value) -> _dt.date:
    if value is pd.NaT or value is pd.NA:
        raise _Problem("wrong-type", "Your answer is a missing date (NaT).")
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            raise _Problem("wrong-type", "Your answer is a missing date (NaT).")
        value = pd.Timestamp(value)
    if isinstance(value, _dt.datetime):  # includes pandas Timestamp
        return _dt.date(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return _dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = str.__str__(value).strip()[:MAX_TEXT]
        if _ISO_DATE.fullmatch(text):
            try:
                return _dt.date.fromisoformat(text)
            except ValueError:
                raise _Problem("wrong-type", f"{_short(text)} is not a real calendar date.") \
                    from None
        raise _Problem("wrong-type", f"You gave text ({_short(text)}); write the date as "
                       "'YYYY-MM-DD' (e.g. '1991-12-16') or datetime.date(1991, 12, 16).")
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        raise _Problem("wrong-type", "You gave a number; this asks for a full date, e.g. "
                       "'1991-12-16'.")
    raise _Problem("wrong-type", f"You gave {_a(value)}; this asks for a date, e.g. "
                   "'1991-12-16' or datetime.date(1991, 12, 16).")


def _as_text(value, what: str = "a name or a short text") -> str:
    if isinstance(value, str):
        text = str.__str__(value)
        if len(text) > MAX_TEXT:
            raise _Problem("wrong-type", f"Your text is {len(text)} characters long; this asks "
                           f"for {what}.")
        return text
    if isinstance(value, (list, tuple, pd.Series, np.ndarray, set)):
        raise _Problem("wrong-type", f"You gave {_a(value)}; this asks for {what}, as text in "
                       "quotes. If it holds one value, take it out (e.g. [0] or .iloc[0]).")
    raise _Problem("wrong-type", f"You gave {_a(value)}; this asks for {what}, as text in "
                   "quotes.")


def _as_items(value) -> list:
    """The items of a list-like answer (never exhausts an iterator, never calls overrides)."""
    if isinstance(value, str):
        raise _Problem("wrong-type", f"You gave one text ({_short(value)}); this asks for "
                       "several items in a list, e.g. ['Russia', 'China'].")
    if isinstance(value, pd.DataFrame):
        raise _Problem("wrong-type", "You gave a DataFrame (a table); this asks for a list of "
                       "items: take one column, e.g. frame['name'].tolist().")
    if isinstance(value, dict):
        raise _Problem("wrong-type", "You gave a dict; this asks for a list of items, e.g. "
                       "['Russia', 'China'] (list(d) gives a dict's keys).")
    if isinstance(value, (pd.Series, pd.Index)):
        if len(value) > MAX_ITEMS:
            raise _Problem("wrong-type", f"Your answer has {len(value)} items; far too many.")
        return list(value.array)
    if isinstance(value, np.ndarray):
        if value.ndim != 1:
            raise _Problem("wrong-type", f"You gave a {value.ndim}-dimensional array; this "
                           "asks for a flat list of items.")
        if value.size > MAX_ITEMS:
            raise _Problem("wrong-type", f"Your answer has {value.size} items; far too many.")
        return list(value.tolist())
    for base in (list, tuple, set, frozenset):
        if isinstance(value, base):
            size = base.__len__(value)
            if size > MAX_ITEMS:
                raise _Problem("wrong-type", f"Your answer has {size} items; far too many.")
            return list(base.__iter__(value))
    if isinstance(value, (type({}.keys()), type({}.values()))):
        return list(value)[:MAX_ITEMS + 1]
    if hasattr(type(value), "__next__"):
        raise _Problem("wrong-type", "You gave a generator (or other iterator); turn it into "
                       "a list first: list(...).")
    raise _Problem("wrong-type", f"You gave {_a(value)}; this asks for a list of items, e.g. "
                   "['Russia', 'China'].")


# --------------------------------------------------------------------------- countries

_COUNTRY_CACHE: dict = {}


def build_country_index(countries: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """From the countries table: (normalised name, alias or ISO3 -> ISO3, ISO3 -> short name)."""
    index: dict[str, str] = {}
    names: dict[str, str] = {}
    has_aliases = "aliases" in countries.columns
    for iso3, name, aliases in zip(countries["iso3"], countries["name"],
                                   countries["aliases"] if has_aliases else [None] * len(
                                       countries)):
        iso3, name = str(iso3), str(name)
        names[iso3] = name
        candidates = [iso3, name]
        if isinstance(aliases, str):
            candidates += [a for a in aliases.split(";") if a.strip()]
        for candidate in candidates:
            index.setdefault(normalise_text(candidate), iso3)
    return index, names


def _country_index() -> tuple[dict[str, str], dict[str, str]]:
    """The country index for the current state of data/countries.csv (cached per state)."""
    from . import data
    try:
        stamp = data.fingerprint()
    except Exception:
        stamp = None
    if stamp is not None and stamp in _COUNTRY_CACHE:
        return _COUNTRY_CACHE[stamp]
    built = build_country_index(data.load("countries"))
    _COUNTRY_CACHE.clear()
    if stamp is not None:
        _COUNTRY_CACHE[stamp] = built
    return built


def _country_code(text: str, index: dict[str, str]) -> str | None:
    return index.get(normalise_text(text))


def _unknown_country(text: str) -> str:
    index = _COUNTRIES_NOW.get("index") or {}
    names = _COUNTRIES_NOW.get("names") or {}
    close = difflib.get_close_matches(normalise_text(text), list(index), n=1, cutoff=0.75)
    if close:
        suggestion = names.get(index[close[0]], close[0])
        return f"{_short(text)} is not a country name I know; did you mean {suggestion!r}?"
    return (f"{_short(text)} is not a country name I know (names, other names and ISO3 codes "
            "are in data/countries.csv).")


# --------------------------------------------------------------------------- comparing

def _key(exercise: Exercise, kind: str, value, countries: dict | None):
    """A comparable form of one value (raises _Problem for a learner value it cannot read)."""
    if kind == "number":
        number = _as_number(value, exercise.unit)
        try:
            number = float(number)
        except OverflowError:
            raise _Problem("wrong-type", "That number is far too large.") from None
        return round(number, 6) if math.isfinite(number) else number
    if kind == "year":
        return _as_year(value)
    if kind == "date":
        return _as_date(value)
    text = _as_text(value)
    if kind == "country":
        code = _country_code(text, countries or {})
        return code if code is not None else "?" + text
    return normalise_text(text)


def _same_number(exercise: Exercise, answer, reference) -> bool:
    if isinstance(answer, int) and isinstance(reference, int):
        if answer == reference:
            return True
    try:
        return math.isclose(float(answer), float(reference), rel_tol=exercise.rel_tol,
                            abs_tol=exercise.abs_tol)
    except OverflowError:
        return False


def _matches(exercise: Exercise, answer, target, rel_tol: float = 0.0) -> bool:
    """Does a (cleaned) answer equal a target value of the exercise's kind?"""
    kind = exercise.kind
    if kind == "number":
        if _same_number(exercise, answer, _as_number(target)):
            return True
        try:
            return math.isclose(float(answer), float(_as_number(target)), rel_tol=rel_tol)
        except OverflowError:
            return False
    if kind == "year":
        return answer == _as_year(target)
    if kind == "date":
        return answer == _as_date(target)
    if kind in ("text", "choice"):
        return answer == _text_key(exercise, target)
    if kind in ("set", "sequence"):
        keys = [_key(exercise, exercise.items, v, _COUNTRIES_NOW.get("index"))
                for v in _as_items(target)]
        return (set(answer) == set(keys)) if kind == "set" else (answer == keys)
    return False


# The country index of the check in progress ("index": name -> ISO3, "names": ISO3 -> name),
# loaded once per check by _judge for exercises that name countries.
_COUNTRIES_NOW: dict = {}


def _text_key(exercise: Exercise, value) -> str:
    """The comparable form of an expected text (an ISO3 code when it names a country)."""
    text = _as_text(value)
    if exercise.country:
        code = _country_code(text, _COUNTRIES_NOW.get("index") or {})
        if code is None:
            raise _Problem("data-problem", f"{_short(text)} is not in data/countries.csv")
        return code
    return normalise_text(text)


def _clean_answer(exercise: Exercise, answer):
    """The learner's answer in comparable form, or a _Problem."""
    kind = exercise.kind
    if kind == "number":
        return _as_number(answer, exercise.unit)
    if kind == "year":
        return _as_year(answer)
    if kind == "date":
        return _as_date(answer)
    if kind in ("text", "choice"):
        what = "one of the options" if kind == "choice" else (
            "a country name" if exercise.country else "a name or a short text")
        text = _as_text(answer, what)
        if kind == "choice":
            options = {normalise_text(o): o for o in exercise.options}
            if normalise_text(text) not in options:
                listed = ", ".join(repr(o) for o in exercise.options)
                raise _Problem("wrong-type", f"{_short(text)} is not one of the options; "
                               f"choose one of: {listed}.")
        if exercise.country:
            index = _COUNTRIES_NOW.get("index") or {}
            code = _country_code(text, index)
            if code is None:
                raise _Problem("wrong", _unknown_country(text))
            return code
        return normalise_text(text)
    if kind in ("set", "sequence"):
        items = _as_items(answer)
        if any(item is ... for item in items):
            raise _Problem("unanswered", f"Replace every ... in {exercise.variable} with an "
                           "item of your answer, then run the cell again.")
        if len(items) > MAX_ITEMS:
            raise _Problem("wrong-type", f"Your answer has {len(items)} items; far too many.")
        keys = []
        for position, item in enumerate(items, start=1):
            try:
                keys.append(_key(exercise, exercise.items, item, _COUNTRIES_NOW.get("index")))
            except _Problem as problem:
                raise _Problem("wrong-type", f"Item {position} of your list: "
                               f"{problem.message}") from None
        return keys
    if kind == "frame":
        if isinstance(answer, pd.Series):
            raise _Problem("wrong-type", "You gave a Series (one column); this asks for a table "
                           "(DataFrame): use double brackets, frame[['a', 'b']], or "
                           ".to_frame().")
        if not isinstance(answer, pd.DataFrame):
            raise _Problem("wrong-type", f"You gave {_a(answer)}; this asks for a table "
                           "(a DataFrame).")
        if len(answer) > MAX_ROWS:
            raise _Problem("wrong-type", f"Your table has {len(answer)} rows; far too many.")
        return answer
    if kind == "series":
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            raise _Problem("wrong-type", "You gave a one-column DataFrame; this asks for a "
                           "Series: use single brackets, frame['a'].")
        if not isinstance(answer, pd.Series):
            raise _Problem("wrong-type", f"You gave {_a(answer)}; this asks for a Series "
                           "(one column of values).")
        if len(answer) > MAX_ROWS:
            raise _Problem("wrong-type", f"Your Series has {len(answer)} values; far too many.")
        return answer
    raise _Problem("unreadable", f"Unknown answer kind {kind!r}.")


def _clean_reference(exercise: Exercise, reference):
    """The expected answer in comparable form; a problem here is a data problem."""
    try:
        if exercise.kind in ("frame", "series"):
            wanted = pd.DataFrame if exercise.kind == "frame" else pd.Series
            if not isinstance(reference, wanted):
                raise _Problem("data-problem", f"expected {wanted.__name__}")
            return reference
        if exercise.kind in ("text", "choice"):
            return _text_key(exercise, reference)
        if exercise.kind in ("set", "sequence"):
            return [_key(exercise, exercise.items, v, _COUNTRIES_NOW.get("index"))
                    for v in _as_items(reference)]
        return _clean_answer(exercise, reference)
    except _Problem as problem:
        raise _DataProblem(f"the expected answer is not usable ({problem.message})") from None


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with lenient, comparable dtypes: numbers as float, dates as dates, rest as text."""
    out = {}
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position]
        out[position] = _plain_values(column)
    result = pd.DataFrame(out)
    result.columns = [str(c) for c in frame.columns]
    return result


def _plain_values(values: pd.Series) -> pd.Series:
    values = pd.Series(values.array, dtype=values.dtype).reset_index(drop=True)
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) in (
            "integer", "floating", "mixed-integer-float", "decimal"):
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
    if isinstance(value, (_dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return repr(round(float(value), 6))
    return type(value).__name__


def _compare_frames(exercise: Exercise, answer, reference) -> tuple[str, str]:
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
        return "wrong", (f"Your answer has {len(answer)} rows; the expected one has "
                         f"{len(reference)}. Check your filter.")
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
        pd.testing.assert_series_equal(a.reset_index(drop=True), r.reset_index(drop=True),
                                       check_dtype=False, check_names=False, check_exact=False,
                                       rtol=max(exercise.rel_tol, 1e-9),
                                       atol=max(exercise.abs_tol, 1e-9),
                                       check_categorical=False, check_index_type=False)
        return True
    except Exception:  # AssertionError, or values that cannot be compared at all
        return False


def _near_miss(exercise: Exercise, answer, reference) -> tuple[str, str] | None:
    """Generic "close but off" feedback by kind, or None."""
    kind = exercise.kind
    if kind == "number":
        if isinstance(answer, float) and math.isinf(answer):
            return "wrong", "Your answer is infinite: is there a division by zero?"
        try:
            ref = float(reference)
            off = abs(float(answer) - ref)
        except OverflowError:
            return "wrong", "Your number is far too large."
        if ref and off / abs(ref) <= 0.1:
            return "close", ("Near, but not within the accepted margin: check rounding and "
                             "which rows you included.")
        return None
    if kind == "year" and answer != reference and abs(answer - reference) <= 2:
        gap = abs(answer - reference)
        return "close", (f"Off by {gap} year{'s' if gap > 1 else ''}. Check which "
                         "event the question asks about (signed, ratified, in force?).")
    if kind == "date":
        if (answer.year, answer.month) == (reference.year, reference.month):
            return "close", "Right year and month, but not the right day."
        if (answer.year, answer.day, answer.month) == (reference.year, reference.month,
                                                       reference.day):
            return "close", "Day and month look swapped: write dates as YYYY-MM-DD."
        if answer.year == reference.year:
            return "close", "Right year, but not the right month and day."
        return None
    if kind == "text":
        if difflib.SequenceMatcher(None, answer, reference).ratio() >= 0.8:
            return "close", "Check the spelling."
        return None
    if kind == "set":
        got, want = set(answer), set(reference)
        right, missing, extra = len(got & want), len(want - got), len(got - want)
        unknown = [k[1:] for k in got - want if isinstance(k, str) and k.startswith("?")]
        note = ""
        if unknown and exercise.items == "country":
            note = " " + _unknown_country(unknown[0])
        status = "close" if right else "wrong"
        return status, (f"{right} of {len(want)} right; {missing} missing, {extra} that do "
                        f"not belong.{note}")
    if kind == "sequence":
        if sorted(map(repr, answer)) == sorted(map(repr, reference)):
            return "close", "The right items, but not in the right order."
        if len(answer) != len(reference):
            return "wrong", (f"Your list has {len(answer)} items; the expected one has "
                             f"{len(reference)}.")
        first = next(i for i, (a, r) in enumerate(zip(answer, reference)) if a != r)
        return "wrong", f"The first {first} item(s) are right; item {first + 1} is not."
    return None


def _judge(exercise: Exercise, answer) -> CheckResult:
    """Compare one answer with the expected one; every outcome is a CheckResult."""
    eid = exercise.id
    if answer is ... or answer is None:
        return CheckResult(eid, "unanswered", f"Replace the ... after {exercise.variable} = "
                           "with your answer, then run the cell again.")
    try:
        if exercise.country or exercise.items == "country":
            _COUNTRIES_NOW["index"], _COUNTRIES_NOW["names"] = _country_index()
    except Exception as err:  # a broken countries table
        return CheckResult(eid, "data-problem", f"Cannot check {eid}: the data has a problem: "
                           f"{_one_line(err) or type(err).__name__}")
    try:
        cleaned = _clean_answer(exercise, answer)
    except _Problem as problem:
        return CheckResult(eid, problem.status, problem.message)
    try:
        reference = _clean_reference(exercise, exercise.reference())
    except _DataProblem as err:
        return CheckResult(eid, "data-problem", f"Cannot check {eid}: {err}. The data in data/ "
                           "may have changed; tell your teacher.")
    except Exception as err:  # a broken data file (DataError) or an unexpected shape
        return CheckResult(eid, "data-problem", f"Cannot check {eid}: the data has a problem: "
                           f"{_one_line(err) or type(err).__name__}")
    if exercise.kind in ("frame", "series"):
        status, message = _compare_frames(exercise, cleaned, reference)
        if status != "correct":
            message += f" Try hint({eid!r})."
        return CheckResult(eid, status, message)
    if _correct(exercise, cleaned, reference):
        return CheckResult(eid, "correct", f"{_shown(exercise, cleaned, answer)}.")
    for mistake in exercise.mistakes:
        if _made(exercise, mistake, cleaned, reference):
            return CheckResult(eid, "close", mistake.say)
    near = _near_miss(exercise, cleaned, reference)
    if near:
        status, message = near
        return CheckResult(eid, status, f"{message} Try hint({eid!r}).")
    return CheckResult(eid, "wrong", f"Not quite. Try again, or ask for a hint: hint({eid!r}).")


def _correct(exercise: Exercise, answer, reference) -> bool:
    if exercise.kind == "number":
        return _same_number(exercise, answer, reference)
    if exercise.kind == "set":
        return set(answer) == set(reference)
    if exercise.kind in ("text", "choice"):
        accepted = {reference} | {normalise_text(a) for a in exercise.aliases}
        return answer in accepted
    return answer == reference


def _made(exercise: Exercise, mistake: Mistake, answer, reference) -> bool:
    try:
        if mistake.when is not None and mistake.when(answer):
            return True
        if mistake.wrong is not None:
            return _matches(exercise, answer, mistake.wrong(reference), mistake.rel_tol)
    except Exception:  # a mistake test that cannot run says nothing
        return False
    return False


def _shown(exercise: Exercise, cleaned, answer) -> str:
    if exercise.kind in ("set", "sequence"):
        return f"all {len(cleaned)} items"
    if exercise.kind == "date":
        return cleaned.isoformat()
    if exercise.kind in ("text", "choice"):
        return _short(answer)
    unit = f" {exercise.unit}" if exercise.unit else ""
    shown = format(cleaned, ".6g") if isinstance(cleaned, float) else _short(cleaned)
    return f"{shown}{unit}"


# --------------------------------------------------------------------------- the learner API

def check(exercise_id, answer) -> CheckResult:
    """Check an answer and show feedback. The result is truthy when the answer is correct."""
    try:
        exercise, problem = _find(exercise_id)
    except Exception:  # an id nothing can read
        exercise, problem = None, "Exercise ids are text in quotes, like check(\"01.2\", ...)."
    if exercise is None:
        return CheckResult(_short(exercise_id).strip("'\""), "unknown-id", problem)
    _seen(exercise)
    try:
        result = _judge(exercise, answer)
    except RecursionError:
        result = CheckResult(exercise.id, "unreadable", "Your answer contains itself (a "
                             "recursive structure); give a plain value.")
    except Exception as err:  # the last safety net: a value nothing above could read
        result = CheckResult(exercise.id, "unreadable", f"Could not read {_a_safe(answer)} "
                             f"({type(err).__name__}); give a plain value: a number, text in "
                             "quotes, or a list.")
    _STATE["status"][exercise.id] = result.status
    _STATE["attempts"][exercise.id] = _STATE["attempts"].get(exercise.id, 0) + 1
    return result


def hint(exercise_id, number: int | None = None) -> Note:
    """Show the next hint for an exercise (or hint ``number`` again)."""
    exercise, problem = _find(exercise_id)
    if exercise is None:
        return Note(problem)
    _seen(exercise)
    hints, eid = exercise.hints, exercise.id
    if not hints:
        return Note(f"Exercise {eid} has no hints; see solution({eid!r}).")
    if number is not None:
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(
                hints):
            return Note(f"Exercise {eid} has hints 1 to {len(hints)}; "
                        f"hint({eid!r}, 1) shows the first.")
        return Note(f"Hint {number} of {len(hints)} for {eid}", hints[number - 1])
    seen = _STATE["hints"].get(eid, 0)
    if seen >= len(hints):
        return Note(f"No more hints for {eid}: you have seen all {len(hints)}. "
                    f"hint({eid!r}, 1) shows the first again; solution({eid!r}) shows a "
                    "worked solution.")
    _STATE["hints"][eid] = seen + 1
    return Note(f"Hint {seen + 1} of {len(hints)} for {eid}", hints[seen])


STUDENT_MESSAGE = ("This is the student edition: it has no worked solutions. Ask your teacher.")


def solutions_for(notebook: str) -> dict:
    """The worked solutions of one notebook ({} when there are none, or in the student edition)."""
    try:
        package = importlib.import_module(f"{__package__}.solutions")
        if getattr(package, "STUDENT_EDITION", False):
            return {}
        module = importlib.import_module(f"{__package__}.solutions.nb{notebook}")
    except ImportError:
        return {}
    return dict(getattr(module, "SOLUTIONS", {}))


def solution(exercise_id) -> Note:
    """Show the worked solution of an exercise: the code and why it works."""
    exercise, problem = _find(exercise_id)
    if exercise is None:
        return Note(problem)
    _seen(exercise)
    try:
        package = importlib.import_module(f"{__package__}.solutions")
        student = getattr(package, "STUDENT_EDITION", False)
    except ImportError:
        student = True
    if student:
        return Note(STUDENT_MESSAGE)
    try:
        entry = solutions_for(exercise.notebook).get(exercise.id)
    except Exception as err:
        return Note(f"utils/solutions/nb{exercise.notebook}.py could not be loaded "
                    f"({type(err).__name__}: {_one_line(err)}).")
    if not entry:
        return Note(f"No worked solution is written for {exercise.id} yet.")
    _STATE["solutions"][exercise.id] = True
    return Note(f"Worked solution for {exercise.id}: {exercise.question}",
                entry.get("why", ""), entry.get("code", ""))


def _current_notebook() -> str | None:
    """NN of the notebook being run: from JupyterLab's __session__, else the last one used."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
        session = shell.user_ns.get("__session__") if shell is not None else None
        if isinstance(session, str):
            match = re.match(r"(\d\d)-", session.replace("\\", "/").rsplit("/", 1)[-1])
            if match:
                return match[1]
    except Exception:
        pass
    return _LAST_NOTEBOOK[0] if _LAST_NOTEBOOK else None


def progress(notebook=None) -> Note:
    """Which exercises of this notebook (or of notebook "NN") are done in this session."""
    try:
        return _progress(notebook)
    except Exception:
        return Note('progress() takes a notebook number in quotes, like progress("01").')


def _progress(notebook) -> Note:
    if notebook is None:
        notebook = _current_notebook()
        if notebook is None:
            return Note('Say which notebook, e.g. progress("01").')
    if isinstance(notebook, int) and not isinstance(notebook, bool):
        notebook = f"{notebook:02d}"
    if not isinstance(notebook, str) or not re.fullmatch(r"\d{1,2}", notebook.strip()):
        return Note(f'progress() takes a notebook number in quotes, like progress("01"); '
                    f"you gave {_a(notebook)}.")
    notebook = f"{int(notebook.strip()):02d}"
    listed = exercises(notebook)
    if not listed:
        problem = _LOAD_PROBLEMS.get(notebook)
        return Note(problem or f"Notebook {notebook} has no registered exercises.")
    rows = [["exercise", "question", "state", "hints seen", "solution seen"]]
    done = 0
    for exercise in listed:
        status = _STATE["status"].get(exercise.id)
        state = "done" if status == "correct" else ("tried" if status else "not tried")
        done += state == "done"
        rows.append([exercise.id, exercise.question, state,
                     _STATE["hints"].get(exercise.id, 0),
                     "yes" if _STATE["solutions"].get(exercise.id) else "no"])
    return Note(f"Notebook {notebook}: {done} of {len(listed)} exercises done in this session",
                rows=rows)
