"""What an exercise is: its question, answer kind, reference, hints, worked solution and
common mistakes, in one definition."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

KIND_NAMES = ("number", "year", "date", "text", "choice", "set", "sequence", "frame", "series")
ITEM_KINDS = ("text", "country", "number", "year", "date")


@dataclass
class Mistake:
    """A common mistake and what to say about it.

    ``wrong(reference)`` returns the answer someone making this mistake would give (it may
    load data itself, e.g. a total that includes the wrong row); ``when(answer)`` is an
    alternative test on the learner's (already read) answer. ``say`` is the feedback.
    Mistakes apply to every kind except frame and series.
    """

    say: str
    wrong: Callable[[Any], Any] | None = None
    when: Callable[[Any], bool] | None = None
    rel_tol: float = 0.01  # how near a number must be to the wrong value (rounded answers)


def looks_like(factor: float, say: str) -> Mistake:
    """A mistake that gives the reference times ``factor`` (a unit or scale slip)."""
    return Mistake(say=say, wrong=lambda reference: reference * factor)


FRACTION_NOT_PERCENT = looks_like(
    0.01, "That looks like a fraction (0 to 1); the question asks for a percentage (0 to 100)."
)
MILES_NOT_KM = looks_like(0.621371, "That looks like miles; the question asks for kilometres.")


@dataclass(frozen=True)
class Solution:
    """A worked solution: ``code`` a learner would write in the answer cell (it assigns the
    answer variable) and ``why`` it works. Written as plain text, so the edition builder can
    read it without running anything and leave it out of the student edition."""

    code: str
    why: str


@dataclass
class Exercise:
    """One exercise: what it asks, how its answer is computed and compared, hints, a worked
    solution and common mistakes.

    id: "NN.K"; question: a one-line summary; kind: one of KIND_NAMES; reference: a function
    with no arguments that computes the expected answer from the data (via ``load``).
    Options: unit (shown in messages), abs_tol / rel_tol (numbers), aliases (extra accepted
    texts), country (text names a country), items (kind of the items of a set or sequence),
    options (for choice), columns / index / ordered (frames and series).
    """

    id: str
    question: str
    kind: str
    reference: Callable[[], Any] | None = None  # None only in the assessment edition
    hints: list[str] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    solution: Solution | None = None
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

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d\d\.\d+", str(self.id)):
            raise ValueError(f"exercise id {self.id!r} must look like 'NN.K', e.g. '01.2'")
        if self.kind not in KIND_NAMES:
            raise ValueError(f"{self.id}: kind {self.kind!r} is not one of {KIND_NAMES}")
        if self.items not in ITEM_KINDS:
            raise ValueError(f"{self.id}: items {self.items!r} is not one of {ITEM_KINDS}")
        if self.kind == "choice" and not self.options:
            raise ValueError(f"{self.id}: a choice exercise needs options")
        if self.country and self.kind not in ("text", "choice"):
            raise ValueError(f"{self.id}: country=True is for text; use items='country'")

    @property
    def notebook(self) -> str:
        """The notebook number, e.g. "01"."""
        return self.id.split(".")[0]

    @property
    def variable(self) -> str:
        """The answer variable the notebook uses, e.g. answer_01_2."""
        return "answer_" + self.id.replace(".", "_")

    @property
    def names_countries(self) -> bool:
        """True when answers are country names (checking them needs the country index)."""
        return self.country or self.items == "country"
