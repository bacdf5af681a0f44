"""The kinds of answer that are several items: a set (any order) and a sequence (in order).

Each item is read by the exercise's ``items`` kind (text, country, number, year or date).
"""

from __future__ import annotations

import math

from ..countries import normalise_text
from .kinds import Kind, unknown_country
from .model import Exercise
from .reading import MAX_ITEMS, Problem, as_date, as_items, as_number, as_text, as_year

# How one item of a set or sequence is read, by the exercise's ``items`` kind.


def _number_item(exercise: Exercise, value, countries):
    number = as_number(value, exercise.unit)
    try:
        number = float(number)
    except OverflowError:
        raise Problem("wrong-type", "That number is far too large.") from None
    return round(number, 6) if math.isfinite(number) else number


def _country_item(exercise: Exercise, value, countries):
    text = as_text(value)
    code = countries.code(text) if countries else None
    return code if code is not None else "?" + text  # "?" marks a name the index does not know


ITEM_KEYS = {
    "number": _number_item,
    "year": lambda exercise, value, countries: as_year(value),
    "date": lambda exercise, value, countries: as_date(value),
    "text": lambda exercise, value, countries: normalise_text(as_text(value)),
    "country": _country_item,
}


class SequenceKind(Kind):
    """A list of items in order; items of the exercise's ``items`` kind."""

    def read(self, exercise, value, countries):
        items = as_items(value)
        if any(item is ... for item in items):
            raise Problem(
                "unanswered",
                f"Replace every ... in {exercise.variable} with an item of your answer, then run "
                "the cell again.",
            )
        if len(items) > MAX_ITEMS:
            raise Problem("wrong-type", f"Your answer has {len(items)} items; far too many.")
        keys = []
        for position, item in enumerate(items, start=1):
            try:
                keys.append(ITEM_KEYS[exercise.items](exercise, item, countries))
            except Problem as problem:
                raise Problem(
                    "wrong-type", f"Item {position} of your list: {problem.message}"
                ) from None
        return keys

    def expected(self, exercise, value, countries):
        return [ITEM_KEYS[exercise.items](exercise, v, countries) for v in as_items(value)]

    def matches(self, exercise, answer, target, rel_tol, countries):
        return self.same(exercise, answer, self.expected(exercise, target, countries))

    def near_miss(self, exercise, answer, expected, countries):
        if sorted(map(repr, answer)) == sorted(map(repr, expected)):
            return "close", "The right items, but not in the right order."
        if len(answer) != len(expected):
            return "wrong", (
                f"Your list has {len(answer)} items; the expected one has {len(expected)}."
            )
        first = next(i for i, (a, r) in enumerate(zip(answer, expected)) if a != r)
        return "wrong", f"The first {first} item(s) are right; item {first + 1} is not."

    def show(self, exercise, answer, value):
        return f"all {len(answer)} items"


class SetKind(SequenceKind):
    """A collection of items in any order."""

    def same(self, exercise, answer, expected):
        return set(answer) == set(expected)

    def near_miss(self, exercise, answer, expected, countries):
        got, want = set(answer), set(expected)
        right, missing, extra = len(got & want), len(want - got), len(got - want)
        unknown = [k[1:] for k in got - want if isinstance(k, str) and k.startswith("?")]
        note = ""
        if unknown and exercise.items == "country":
            note = " " + unknown_country(unknown[0], countries)
        status = "close" if right else "wrong"
        return status, (
            f"{right} of {len(want)} right; {missing} missing, {extra} that do not belong.{note}"
        )
