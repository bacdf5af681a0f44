"""Exercises: check an answer, ask for a hint, see a worked solution, see your progress.

What a learner calls::

    check("01.2", answer_01_2)   # feedback on an answer (a result object, truthy when correct)
    hint("01.2")                 # the next hint; hint("01.2", 1) shows hint 1 again
    solution("01.2")             # the worked solution: code and reasoning (teacher edition)
    progress()                   # which exercises of this notebook are done (kept across sessions)
    reset_progress()             # forget the progress kept so far (or reset_progress("01"))

Ids are "NN.K": notebook NN, exercise K. No answer value, however odd, produces a traceback:
every problem becomes one line of feedback.

How an exercise sits in a notebook: a markdown cell with the question, then a code cell
tagged ``answer`` holding ``answer_NN_K = ...`` (the ``...`` is the placeholder the learner
replaces) and ending with ``check("NN.K", answer_NN_K)``. Each exercise is defined once, in
the course package (``utils/course/nbNN.py``): question, answer kind, reference, hints,
worked solution and common mistakes together (see :class:`Exercise`).

The engine, one module per job:

- ``model``: what an exercise is (:class:`Exercise`, :class:`Mistake`, :class:`Solution`);
- ``registry``: the exercises found and the session's progress (``SESSION``);
- ``reading``: reading a learner's value (a number, a year, a date, text, a list);
- ``kinds``: one class per answer kind (read, compare, say what is off);
- ``tables``: comparing DataFrame and Series answers;
- ``judging``: one answer against the expected one;
- ``feedback``: what the learner sees (:class:`CheckResult`, :class:`FeedbackNote`);
- ``store``: progress kept across kernel restarts, per user, outside the repository;
- ``recording``: the assessment edition's check, which records an answer and judges nothing.

It never imports the course: the ``utils`` package hands it over (:func:`use_course`).
"""

from __future__ import annotations

import re

from .. import countries
from . import store
from .feedback import (
    STATUSES,
    CheckResult,
    FeedbackNote,
    describe_value,
    describe_value_safely,
    short,
)
from .judging import data_problem, is_answered, judge
from .model import FRACTION_NOT_PERCENT, MILES_NOT_KM, Exercise, Mistake, Solution, looks_like
from .recording import MIME_TYPE, RecordedAnswer, as_json
from .registry import (
    SESSION,
    edition,
    exercises,
    find,
    load_problems,
    register,
    remember_notebook,
    reset_session,
    session_report,
    unregister,
    use_course,
)

__all__ = [
    "check", "hint", "solution", "progress", "reset_progress", "edition",
    "Exercise", "Mistake", "Solution", "looks_like", "FRACTION_NOT_PERCENT", "MILES_NOT_KM",
    "CheckResult", "FeedbackNote", "STATUSES", "NO_SOLUTIONS", "RecordedAnswer", "MIME_TYPE",
    "as_json",
    "use_course", "register", "unregister", "exercises", "load_problems",
    "reset_session", "session_report",
]  # fmt: skip

NO_SOLUTIONS = {
    "practice": "This is the practice edition: it has no worked solutions. Ask your teacher.",
    "assessment": "This is the assessment edition: it has no worked solutions or hints beyond "
    "those your teacher left in.",
}


def check(exercise_id: str, answer: object) -> CheckResult:
    """Check an answer and show feedback. The result is truthy when the answer is correct.

    In the assessment edition the answer is recorded instead (see ``recording``)."""
    try:
        exercise, problem = find(exercise_id)
    except Exception:  # an id nothing can read
        exercise, problem = None, 'Exercise ids are text in quotes, like check("01.2", ...).'
    if exercise is None:
        return CheckResult(short(exercise_id).strip("'\""), "unknown-id", problem)
    remember_notebook(exercise)
    store.load()
    try:
        if edition() == "assessment":
            result = RecordedAnswer(exercise, answer)
        else:
            result = _judge_with_data(exercise, answer)
    except RecursionError:
        result = CheckResult(
            exercise.id,
            "unreadable",
            "Your answer contains itself (a recursive structure); give a plain value.",
        )
    except Exception as err:  # the last safety net: a value nothing above could read
        result = CheckResult(
            exercise.id,
            "unreadable",
            f"Could not read {describe_value_safely(answer)} ({type(err).__name__}); give a plain "
            "value: a number, text in quotes, or a list.",
        )
    SESSION.status[exercise.id] = result.status
    SESSION.attempts[exercise.id] = SESSION.attempts.get(exercise.id, 0) + 1
    store.save(exercise.id)
    return result


def _judge_with_data(exercise: Exercise, answer: object) -> CheckResult:
    """judge(), with the country index of data/countries.csv when the exercise needs it."""
    index = None
    if is_answered(answer) and exercise.names_countries:
        try:
            index = countries.country_index()
        except Exception as err:  # a broken countries table
            return data_problem(exercise.id, err)
    return judge(exercise, answer, index)


def hint(exercise_id: str, number: int | None = None) -> FeedbackNote:
    """Show the next hint for an exercise (or hint ``number`` again)."""
    exercise, problem = find(exercise_id)
    if exercise is None:
        return FeedbackNote(problem)
    remember_notebook(exercise)
    store.load()
    hints, eid = exercise.hints, exercise.id
    if not hints:
        if edition() == "assessment":
            return FeedbackNote(f"Exercise {eid} has no hints in this edition.")
        return FeedbackNote(f"Exercise {eid} has no hints; see solution({eid!r}).")
    if number is not None:
        # type() and int.__index__, not isinstance() and comparisons: a value may lie about its
        # class or refuse to be compared, and the learner still gets one line.
        kind = type(number)
        level = int.__index__(number) if issubclass(kind, int) and kind is not bool else 0
        if not 1 <= level <= len(hints):
            return FeedbackNote(
                f"Exercise {eid} has hints 1 to {len(hints)}; hint({eid!r}, 1) shows the first."
            )
        return FeedbackNote(f"Hint {level} of {len(hints)} for {eid}", hints[level - 1])
    seen = SESSION.hints_seen.get(eid, 0)
    if seen >= len(hints):
        return FeedbackNote(
            f"No more hints for {eid}: you have seen all {len(hints)}. hint({eid!r}, 1) shows "
            f"the first again; solution({eid!r}) shows a worked solution."
        )
    SESSION.hints_seen[eid] = seen + 1
    store.save(eid)
    return FeedbackNote(f"Hint {seen + 1} of {len(hints)} for {eid}", hints[seen])


def solution(exercise_id: str) -> FeedbackNote:
    """Show the worked solution of an exercise: the code and why it works."""
    exercise, problem = find(exercise_id)
    if exercise is None:
        return FeedbackNote(problem)
    remember_notebook(exercise)
    if edition() in NO_SOLUTIONS:
        return FeedbackNote(NO_SOLUTIONS[edition()])
    if exercise.solution is None:
        return FeedbackNote(f"No worked solution is written for {exercise.id} yet.")
    store.load()
    SESSION.solutions_seen[exercise.id] = True
    store.save(exercise.id)
    return FeedbackNote(
        f"Worked solution for {exercise.id}: {exercise.question}",
        exercise.solution.why,
        exercise.solution.code,
    )


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
    return SESSION.last_notebook


def progress(notebook: str | int | None = None) -> FeedbackNote:
    """Which exercises of this notebook (or of notebook "NN") are done, in this session and
    (kept in the learner's progress file) in earlier ones."""
    try:
        return _progress(notebook)
    except Exception:
        return FeedbackNote('progress() takes a notebook number in quotes, like progress("01").')


def _progress(notebook: object) -> FeedbackNote:
    if notebook is None:
        notebook = _current_notebook()
        if notebook is None:
            return FeedbackNote('Say which notebook, e.g. progress("01").')
    if isinstance(notebook, int) and not isinstance(notebook, bool):
        notebook = f"{notebook:02d}"
    if not isinstance(notebook, str) or not re.fullmatch(r"\d{1,2}", notebook.strip()):
        return FeedbackNote(
            'progress() takes a notebook number in quotes, like progress("01"); '
            f"you gave {describe_value(notebook)}."
        )
    notebook = f"{int(notebook.strip()):02d}"
    listed = exercises(notebook)
    store.load()
    if not listed:
        problem = SESSION.load_problems.get(notebook)
        return FeedbackNote(problem or f"Notebook {notebook} has no registered exercises.")
    rows = [["exercise", "question", "state", "hints seen", "solution seen"]]
    done = 0
    for exercise in listed:
        status = SESSION.status.get(exercise.id)
        state = STATES.get(status, "tried" if status else "not tried")
        done += state in ("done", "answered")
        rows.append(
            [
                exercise.id,
                exercise.question,
                state,
                SESSION.hints_seen.get(exercise.id, 0),
                "yes" if SESSION.solutions_seen.get(exercise.id) else "no",
            ]
        )
    if SESSION.remembered & {e.id for e in listed}:
        when = "so far (earlier sessions included; reset_progress() starts afresh)"
    else:
        when = "in this session"
    return FeedbackNote(
        f"Notebook {notebook}: {done} of {len(listed)} exercises done {when}", rows=rows
    )


STATES = {"correct": "done", "recorded": "answered"}


def reset_progress(notebook: str | int | None = None) -> FeedbackNote:
    """Forget the progress kept so far: of every notebook, or of notebook "NN"."""
    store.load()
    if notebook is None:
        path = store.forget()
        return FeedbackNote(f"Progress of every notebook forgotten (it was kept in {path}).")
    text = str(notebook).strip() if isinstance(notebook, str | int) else ""
    if not re.fullmatch(r"\d{1,2}", text):
        return FeedbackNote('reset_progress() takes a notebook number, like reset_progress("01").')
    store.forget(f"{int(text):02d}")
    return FeedbackNote(f"Progress of notebook {int(text):02d} forgotten.")
