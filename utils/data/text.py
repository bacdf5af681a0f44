"""Checks of a table's raw text, before any rule of its schema: the file is there, is UTF-8,
holds no control character, is separated by commas and closes its double quotes."""

from __future__ import annotations

import codecs
import csv
import io
import re

import pandas as pd

from .errors import DataError, _file
from .folder import data_folder

SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _column_at(prefix: str, names: list) -> str:
    """', column <name>' for the cell a line's text `prefix` ends in ('' if it cannot tell)."""
    try:
        cells = next(csv.reader([prefix]), [""])
    except csv.Error:
        return ""
    index = max(0, len(cells) - 1)
    if index < len(names):
        return f", column {names[index]!r}"
    return f", column {index + 1}"


def _records(text: str):
    """(first line, last line, cells) for each record of a CSV text, header included."""
    reader = csv.reader(io.StringIO(text, newline=""))
    previous = 0
    for cells in reader:
        yield previous + 1, reader.line_num, cells
        previous = reader.line_num


def _check_text(resource: dict, schema: dict) -> None:
    """A table's file exists and is comma-separated UTF-8 text with balanced quotes.

    These faults come before any rule of the schema: Frictionless would report them without a
    line (an encoding), far from where the damage starts (a quote) or not at all (a NUL byte).
    """
    shown = _file(resource["path"])
    names = [f["name"] for f in schema["fields"]]
    try:
        raw = (data_folder() / resource["path"]).read_bytes()
    except FileNotFoundError:
        raise DataError(
            f"{shown}: the file is missing, though data/datapackage.json lists it "
            f"as the table {resource['name']!r}; restore it (git checkout {shown}) "
            f"or remove the table from datapackage.json [missing-file]"
        ) from None
    except OSError as err:
        raise DataError(
            f"{shown}: the file cannot be read ({err.strerror or err}); check that "
            f"it is a file you may read [missing-file]"
        ) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        raw[:16].count(0) >= 4 and (raw[0:16:2].count(0) == 0 or raw[1:16:2].count(0) == 0)
    ):
        raise DataError(
            f"{shown}, line 1: the file is saved as UTF-16 text; save it as "
            f"CSV UTF-8 [encoding-error]"
        )
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    if not body.strip():
        raise DataError(
            f"{shown}: the file is empty; it needs its header line and its rows: "
            f"restore it (git checkout {shown}) [empty-file]"
        )
    for number, line in enumerate(body.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            column = _column_at(line[: err.start].decode("utf-8", "replace"), names)
            raise DataError(
                f"{shown}, line {number}{column}: byte 0x{line[err.start]:02x} is not "
                f"UTF-8 text (the file, or text pasted into it, was saved in another "
                f"encoding such as Windows-1252); save the file as CSV UTF-8 and check "
                f"the accented letters from this line on [encoding-error]"
            ) from None
    text = body.decode("utf-8")
    control = _CONTROL.search(text)
    if control:
        number = text.count("\n", 0, control.start()) + 1
        column = _column_at(text[text.rfind("\n", 0, control.start()) + 1 : control.start()], names)
        raise DataError(
            f"{shown}, line {number}{column}: the text holds the control character "
            f"U+{ord(control.group()):04X}, which is not a letter (a bad paste, or a "
            f"file saved by a program that is not a text editor); retype the cell "
            f"[control-character]"
        )
    header = text.split("\n", 1)[0]
    delimiter = resource.get("dialect", {}).get("delimiter", ",")
    if delimiter not in header:
        for other, name in SEPARATORS.items():
            if other in header:
                raise DataError(
                    f"{shown}, line 1: the columns are separated by {name}, but "
                    f"the collection's tables use commas; save it as comma-separated CSV (UTF-8) "
                    f"[dialect]"
                )
    _check_quotes(text, shown, names)


def _check_quotes(text: str, shown: str, names: list) -> None:
    """A double quote that opens a cell must close it, right before a comma or the line's end."""
    width = None
    try:
        for first, last, cells in _records(text):
            if width is None:
                width = len(cells)
            elif last > first and len(cells) != width:
                index = next(
                    (i for i, c in enumerate(cells) if "\n" in c or "\r" in c), len(cells) - 1
                )
                column = names[index] if index < len(names) else str(index + 1)
                closed = (
                    f"is only closed on line {last}"
                    if last < text.count("\n")
                    else "is never closed"
                )
                raise DataError(
                    f"{shown}, line {first}, column {column!r}: a double quote opens a cell here "
                    f"that {closed}, so the lines between are read as one cell; close the quote "
                    f'on line {first}, or write it twice ("") if it is part of the text '
                    f"[unbalanced-quote]"
                )
    except csv.Error as err:
        raise DataError(
            f"{shown}: the file cannot be read as CSV ({err}); save it as "
            f"comma-separated CSV UTF-8 [source-error]"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    try:
        for _ in reader:
            previous = reader.line_num
    except csv.Error as err:
        first = previous + 1
        if "end of data" in str(err):
            cells = next((c for f, _, c in _records(text) if f == first), [""])
            index = len(cells) - 1
            column = names[index] if 0 <= index < len(names) else str(index + 1)
            raise DataError(
                f"{shown}, line {first}, column {column!r}: a double quote opens a cell here "
                f"that is never closed, so the rest of the file is read as one cell; close the "
                f'quote, or write it twice ("") if it is part of the text '
                f"[unbalanced-quote]"
            ) from None
        raise DataError(
            f"{shown}, line {first}: a double quote closes a cell before its end (text follows "
            f"the closing quote); put the whole cell in quotes and write each quote inside it "
            f'twice ("") [unbalanced-quote]'
        ) from None


def _line_of(resource: dict, row: int) -> int:
    """The line of the file on which Frictionless's row number `row` starts (header: row 1)."""
    try:
        text = (data_folder() / resource["path"]).read_bytes().decode("utf-8-sig")
        starts = [first for first, _, _ in _records(text)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return row
    return starts[row - 1] if 0 < row <= len(starts) else row


def _has_quote(resource: dict, row: int | None) -> bool:
    """Whether the line on which row `row` starts holds a double quote."""
    try:
        lines = (data_folder() / resource["path"]).read_bytes().decode("utf-8-sig").splitlines()
        return bool(row) and '"' in lines[_line_of(resource, row) - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return False


def _read_csv(resource: dict) -> pd.DataFrame:
    return pd.read_csv(
        data_folder() / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
