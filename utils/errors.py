"""Errors written for learners and teachers: one line that says what to do next."""


class LearnerError(Exception):
    """An error whose message is meant to be read by a learner or teacher.

    In a notebook it is shown as its message alone, without a traceback.
    """


def show_learner_error(shell, etype, value, tb, tb_offset=None):
    """IPython custom-exception handler: print the message in one line."""
    print(f"{etype.__name__}: {value}")
    return None


class UsageError(LearnerError, ValueError):
    """A helper was called with something it cannot use (a missing column, a bad value)."""


class NotATableError(LearnerError, TypeError):
    """A helper that needs a pandas DataFrame was given something else."""


def require_columns(frame, columns, what):
    """One-line error when `frame` is not a DataFrame with the columns `what` needs.

    type() rather than isinstance(), and only text labels compared: a value may lie about its
    class, and a label may refuse to be compared.
    """
    import pandas as pd

    if not issubclass(type(frame), pd.DataFrame):
        raise NotATableError(f"{what} needs a pandas DataFrame, got {type(frame).__name__}")
    labels = [label for label in frame.columns if type(label) is str]
    missing = [c for c in columns if type(c) is not str or c not in labels]
    if missing:
        shown = ", ".join(c if type(c) is str else f"a {type(c).__name__}" for c in missing)
        raise UsageError(
            f"{what} needs the column(s) {shown}; the table has "
            f"{', '.join(labels) or 'no column named with text'}"
        )
