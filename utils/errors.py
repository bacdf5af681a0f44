"""Errors written for learners and teachers: one line that says what to do next."""


class LearnerError(Exception):
    """An error whose message is meant to be read by a learner or teacher.

    In a notebook it is shown as its message alone, without a traceback.
    """


def show_learner_error(shell, etype, value, tb, tb_offset=None):
    """IPython custom-exception handler: print the message in one line."""
    print(f"{etype.__name__}: {value}")
    return None
