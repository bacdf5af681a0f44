"""The registry of exercises and what this session remembers about them.

The engine does not know where the exercises are written: the package that holds them (the
course, ``utils.course``) is handed over with :func:`use_course`, and its modules ``nbNN``
are read the first time an exercise is looked up. Each such module lists ``EXERCISES``.

``SESSION`` is the one thing that changes while a kernel runs: the exercises found, the
modules that could not be read, and the learner's progress (status, attempts, hints and
solutions seen, the notebook last used), with what ``store`` brought in from earlier sessions.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from dataclasses import dataclass, field

from .feedback import describe_value_safely, one_line, short
from .model import Exercise


@dataclass
class Session:
    """Everything the engine remembers while a kernel runs."""

    course: str | None = None  # the package the exercises are read from
    course_read: bool = False
    exercises: dict[str, Exercise] = field(default_factory=dict)
    load_problems: dict[str, str] = field(default_factory=dict)  # notebook -> one line
    status: dict[str, str] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    hints_seen: dict[str, int] = field(default_factory=dict)
    solutions_seen: dict[str, bool] = field(default_factory=dict)
    last_notebook: str | None = None
    store_path: object = None  # the progress file read into this session (see store.py)
    remembered: set[str] = field(default_factory=set)  # ids whose status came from that file
    store_problems: set[str] = field(default_factory=set)  # problems already reported


SESSION = Session()


def use_course(package: str) -> None:
    """Read exercises from ``package`` (a package name such as "utils.course")."""
    if SESSION.course != package:
        SESSION.course, SESSION.course_read = package, False


def course_modules() -> list[str]:
    """Names of the course modules that define exercises (nb00, nb01, ...)."""
    if SESSION.course is None:
        return []
    package = importlib.import_module(SESSION.course)
    return sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if re.fullmatch(r"nb\d\d", m.name)
    )


def read_course() -> None:
    """Import every course module once and register its EXERCISES."""
    if SESSION.course_read or SESSION.course is None:
        return
    SESSION.course_read = True
    for name in course_modules():
        try:
            module = importlib.import_module(f"{SESSION.course}.{name}")
            register(*getattr(module, "EXERCISES", []))
        except Exception as err:  # a teacher's edit broke the file: say so, do not crash
            path = SESSION.course.replace(".", "/")
            SESSION.load_problems[name[2:]] = (
                f"{path}/{name}.py could not be loaded ({type(err).__name__}: {one_line(err)})."
            )


def edition() -> str:
    """The edition the course says it is: "full" (the project itself), "teacher", "practice"
    or "assessment" (set by tools/build_editions.py)."""
    if SESSION.course is None:
        return "full"
    return str(getattr(importlib.import_module(SESSION.course), "EDITION", "full"))


def register(*exercises: Exercise, replace: bool = False) -> None:
    """Add exercises to the registry (course modules do this through their EXERCISES list)."""
    for exercise in exercises:
        if not isinstance(exercise, Exercise):
            raise TypeError(f"register() takes Exercise objects, not {type(exercise).__name__}")
        known = SESSION.exercises.get(exercise.id)
        if known is not None and not replace and known is not exercise:
            raise ValueError(f"exercise {exercise.id} is registered twice")
        SESSION.exercises[exercise.id] = exercise


def unregister(*ids: str) -> None:
    """Remove exercises from the registry (used by tests that register their own)."""
    for exercise_id in ids:
        SESSION.exercises.pop(exercise_id, None)


def exercises(notebook: str | None = None) -> list[Exercise]:
    """All registered exercises, or those of one notebook ("01"), in id order."""
    read_course()
    found = [e for e in SESSION.exercises.values() if notebook is None or e.notebook == notebook]
    return sorted(found, key=lambda e: (e.notebook, int(e.id.split(".")[1])))


def load_problems() -> dict[str, str]:
    """Course modules that could not be read: {notebook: one-line reason}."""
    read_course()
    return dict(SESSION.load_problems)


def _normalise_id(exercise_id: object) -> str | None:
    if not isinstance(exercise_id, str):
        return None
    text = str.__str__(exercise_id).strip()[:20]
    match = re.fullmatch(r"(\d{1,2})\.(\d+)", text)
    return f"{int(match[1]):02d}.{int(match[2])}" if match else text


def find(exercise_id: object) -> tuple[Exercise | None, str]:
    """The exercise for an id, or None and a one-line message with the nearest ids."""
    read_course()
    try:
        key = _normalise_id(exercise_id)
    except Exception:  # an object that cannot even say what type it is
        key = None
    if key is None:
        return None, (
            'Exercise ids are text in quotes, like check("01.2", answer_01_2); '
            f"you gave {describe_value_safely(exercise_id)}."
        )
    if key in SESSION.exercises:
        return SESSION.exercises[key], ""
    problem = SESSION.load_problems.get(key.split(".")[0])
    if problem:
        return None, f"Exercise {key} is not available: {problem}"
    close = difflib.get_close_matches(key, sorted(SESSION.exercises), n=3, cutoff=0.5)
    near = f" Nearest: {', '.join(close)}." if close else ""
    return None, f"There is no exercise {short(key)}.{near}"


def remember_notebook(exercise: Exercise) -> None:
    """Note the notebook of the exercise last used (progress() falls back on it)."""
    SESSION.last_notebook = exercise.notebook


def reset_session() -> None:
    """Forget this session's progress (tests use this); the registry and the file stay."""
    SESSION.status.clear()
    SESSION.remembered.clear()
    SESSION.store_path = None
    SESSION.attempts.clear()
    SESSION.hints_seen.clear()
    SESSION.solutions_seen.clear()
    SESSION.last_notebook = None


def session_report() -> dict[str, str]:
    """The last status of every exercise checked in this session (the edition builder reads it)."""
    return dict(sorted(SESSION.status.items()))
