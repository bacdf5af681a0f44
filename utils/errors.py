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
    """One-line error when `frame` is not a DataFrame with the columns `what` needs."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise NotATableError(f"{what} needs a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(f"{what} needs the column(s) {', '.join(map(str, missing))}; "
                         f"the table has {', '.join(map(str, frame.columns))}")
