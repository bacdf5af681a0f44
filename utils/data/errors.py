"""DataError, and how its messages show a value, a JSON kind and a file of the package."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..errors import LearnerError


class DataError(LearnerError):
    """A table in data/ is missing or breaks one of its rules."""


def _shown(value, limit: int = 40) -> str:
    """A short printable form of any value, even one whose repr() fails or is huge."""
    if type(value) is str:
        text = repr(value)
    else:
        try:
            text = repr(value)
        except Exception:
            return f"a {type(value).__name__}"
        if type(text) is not str:
            return f"a {type(value).__name__}"
    text = " ".join(text[:1000].split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kind(value) -> str:
    """The JSON word for a value's kind (what a teacher sees in the file)."""
    return {
        dict: "an object",
        list: "a list",
        str: "a text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), "a value")


def _file(relative) -> str:
    """How a file in data/ is named in messages: data/<relative path>."""
    return "data/" + PurePosixPath(str(relative).replace("\\", "/")).as_posix()
