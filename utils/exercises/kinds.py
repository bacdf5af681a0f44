"""One class per answer kind: how to read an answer of that kind, how to read the expected
answer, when the two are the same, and what to say when they are not.

Every kind answers the same questions (see :class:`Kind`). This module holds the base class
and the kinds of one value (number, year, date, text, choice); ``lists`` holds set and
sequence, ``tables`` frame and series; ``judging.KINDS`` maps each kind's name to its class. The learner's value has already been checked for ``...`` and ``None``. ``countries`` is the
country index (:class:`utils.countries.CountryIndex`) for exercises that name countries, else None.
"""

from __future__ import annotations

import difflib
import math

from ..countries import CountryIndex, normalise_text
from .feedback import short
from .model import Exercise, Mistake
from .reading import Problem, as_date, as_number, as_text, as_year


def unknown_country(text: str, countries: CountryIndex | None) -> str:
    """What to say about a country name the index does not know."""
    suggestion = countries.closest_name(text) if countries else None
    if suggestion:
        return f"{short(text)} is not a country name I know; did you mean {suggestion!r}?"
    return (
        f"{short(text)} is not a country name I know (names, other names and ISO3 codes "
        "are in data/countries.csv)."
    )


class Kind:
    """An answer kind. ``verdict`` gives (status, message) for a read answer."""

    def read(self, exercise: Exercise, value, countries: CountryIndex | None):
        """The learner's answer in comparable form, or a Problem."""
        raise NotImplementedError

    def expected(self, exercise: Exercise, value, countries: CountryIndex | None):
        """The reference in comparable form (a Problem here is a problem of the data)."""
        return self.read(exercise, value, countries)

    def same(self, exercise: Exercise, answer, expected) -> bool:
        """Is the answer correct?"""
        return answer == expected

    def matches(self, exercise: Exercise, answer, target, rel_tol: float, countries) -> bool:
        """Does the answer equal ``target``, the answer a common mistake gives?"""
        return answer == self.expected(exercise, target, countries)

    def near_miss(self, exercise: Exercise, answer, expected, countries) -> tuple[str, str] | None:
        """(status, message) when the answer is close or wrong in a way worth naming."""
        return None

    def show(self, exercise: Exercise, answer, value) -> str:
        """How a correct answer is repeated back (``value`` is what the learner gave)."""
        unit = f" {exercise.unit}" if exercise.unit else ""
        shown = format(answer, ".6g") if isinstance(answer, float) else short(answer)
        return f"{shown}{unit}"

    def verdict(self, exercise: Exercise, answer, expected, value, countries) -> tuple[str, str]:
        """Correct, a named common mistake, a near miss, or plain wrong."""
        eid = exercise.id
        if self.same(exercise, answer, expected):
            return "correct", f"{self.show(exercise, answer, value)}."
        for mistake in exercise.mistakes:
            if self.made_mistake(exercise, mistake, answer, expected, countries):
                return "close", mistake.say
        near = self.near_miss(exercise, answer, expected, countries)
        if near:
            status, message = near
            return status, f"{message} Try hint({eid!r})."
        return "wrong", f"Not quite. Try again, or ask for a hint: hint({eid!r})."

    def made_mistake(
        self, exercise: Exercise, mistake: Mistake, answer, expected, countries
    ) -> bool:
        """Does the answer look like this common mistake? (A test that fails says no.)"""
        try:
            if mistake.when is not None and mistake.when(answer):
                return True
            if mistake.wrong is not None:
                target = mistake.wrong(expected)
                return self.matches(exercise, answer, target, mistake.rel_tol, countries)
        except Exception:
            return False
        return False


class NumberKind(Kind):
    def read(self, exercise, value, countries):
        return as_number(value, exercise.unit)

    def same(self, exercise, answer, expected):
        if isinstance(answer, int) and isinstance(expected, int) and answer == expected:
            return True
        try:
            return math.isclose(
                float(answer), float(expected), rel_tol=exercise.rel_tol, abs_tol=exercise.abs_tol
            )
        except OverflowError:
            return False

    def matches(self, exercise, answer, target, rel_tol, countries):
        if self.same(exercise, answer, as_number(target)):
            return True
        try:
            return math.isclose(float(answer), float(as_number(target)), rel_tol=rel_tol)
        except OverflowError:
            return False

    def near_miss(self, exercise, answer, expected, countries):
        if isinstance(answer, float) and math.isinf(answer):
            return "wrong", "Your answer is infinite: is there a division by zero?"
        try:
            reference = float(expected)
            off = abs(float(answer) - reference)
        except OverflowError:
            return "wrong", "Your number is far too large."
        if reference and off / abs(reference) <= 0.1:
            return "close", (
                "Near, but not within the accepted margin: check rounding and which rows you "
                "included."
            )
        return None


class YearKind(Kind):
    def read(self, exercise, value, countries):
        return as_year(value)

    def near_miss(self, exercise, answer, expected, countries):
        gap = abs(answer - expected)
        if answer != expected and gap <= 2:
            return "close", (
                f"Off by {gap} year{'s' if gap > 1 else ''}. Check which event the question "
                "asks about (signed, ratified, in force?)."
            )
        return None


class DateKind(Kind):
    def read(self, exercise, value, countries):
        return as_date(value)

    def near_miss(self, exercise, answer, expected, countries):
        if (answer.year, answer.month) == (expected.year, expected.month):
            return "close", "Right year and month, but not the right day."
        if (answer.year, answer.day, answer.month) == (expected.year, expected.month, expected.day):
            return "close", "Day and month look swapped: write dates as YYYY-MM-DD."
        if answer.year == expected.year:
            return "close", "Right year, but not the right month and day."
        return None

    def show(self, exercise, answer, value):
        return answer.isoformat()


class TextKind(Kind):
    """A name or short text; with ``country=True`` any name, other name or ISO3 code of a
    country, compared as its ISO3 code."""

    def read(self, exercise, value, countries):
        what = "a country name" if exercise.country else "a name or a short text"
        return self.answer_key(exercise, as_text(value, what), countries)

    def answer_key(self, exercise, text, countries):
        if exercise.country:
            code = countries.code(text) if countries else None
            if code is None:
                raise Problem("wrong", unknown_country(text, countries))
            return code
        return normalise_text(text)

    def expected(self, exercise, value, countries):
        text = as_text(value)
        if exercise.country:
            code = countries.code(text) if countries else None
            if code is None:
                raise Problem("data-problem", f"{short(text)} is not in data/countries.csv")
            return code
        return normalise_text(text)

    def same(self, exercise, answer, expected):
        return answer in {expected} | {normalise_text(a) for a in exercise.aliases}

    def near_miss(self, exercise, answer, expected, countries):
        if difflib.SequenceMatcher(None, answer, expected).ratio() >= 0.8:
            return "close", "Check the spelling."
        return None

    def show(self, exercise, answer, value):
        return short(value)


class ChoiceKind(TextKind):
    """One of the exercise's ``options``."""

    def read(self, exercise, value, countries):
        text = as_text(value, "one of the options")
        if normalise_text(text) not in {normalise_text(o) for o in exercise.options}:
            listed = ", ".join(repr(o) for o in exercise.options)
            raise Problem(
                "wrong-type", f"{short(text)} is not one of the options; choose one of: {listed}."
            )
        return self.answer_key(exercise, text, countries)

    def near_miss(self, exercise, answer, expected, countries):
        return None
