"""Judging one answer: read it, compute the expected answer from the data, compare them.

Every outcome is a :class:`CheckResult`; a problem with the learner's value or with the data
becomes one line of feedback, never a traceback.
"""

from __future__ import annotations

from ..countries import CountryIndex
from .feedback import CheckResult, one_line
from .kinds import ChoiceKind, DateKind, Kind, NumberKind, TextKind, YearKind
from .lists import SequenceKind, SetKind
from .model import Exercise
from .reading import Problem
from .tables import FrameKind, SeriesKind

KINDS: dict[str, Kind] = {
    "number": NumberKind(),
    "year": YearKind(),
    "date": DateKind(),
    "text": TextKind(),
    "choice": ChoiceKind(),
    "set": SetKind(),
    "sequence": SequenceKind(),
    "frame": FrameKind(),
    "series": SeriesKind(),
}


def is_answered(answer: object) -> bool:
    """False for the placeholder ``...`` and for None."""
    return not (answer is ... or answer is None)


def judge(exercise: Exercise, answer: object, countries: CountryIndex | None) -> CheckResult:
    """Compare one answer with the expected one.

    ``countries`` is the country index, needed when the exercise names countries
    (``exercise.names_countries``); pass None otherwise.
    """
    eid = exercise.id
    if not is_answered(answer):
        return CheckResult(
            eid,
            "unanswered",
            f"Replace the ... after {exercise.variable} = with your answer, then run the cell again.",
        )
    kind = KINDS[exercise.kind]
    try:
        cleaned = kind.read(exercise, answer, countries)
    except Problem as problem:
        return CheckResult(eid, problem.status, problem.message)
    try:
        expected = kind.expected(exercise, exercise.reference(), countries)
    except Problem as problem:
        return CheckResult(
            eid,
            "data-problem",
            f"Cannot check {eid}: the expected answer is not usable ({problem.message}). The data "
            "in data/ may have changed; tell your teacher.",
        )
    except Exception as err:  # a broken data file (DataError) or an unexpected shape
        return data_problem(eid, err)
    status, message = kind.verdict(exercise, cleaned, expected, answer, countries)
    return CheckResult(eid, status, message)


def data_problem(exercise_id: str, err: Exception) -> CheckResult:
    """The result when the data needed to check an answer cannot be read."""
    return CheckResult(
        exercise_id,
        "data-problem",
        f"Cannot check {exercise_id}: the data has a problem: {one_line(err) or type(err).__name__}",
    )
