"""Load the collection's tables from ``data/``: checked against their schema, typed, cached.

``load("borders")`` returns a pandas DataFrame in which dates are dates, numbers are numbers and
columns with a fixed list of values are categories. The whole data package is validated with the
Frictionless library against ``data/datapackage.json`` and the schemas in ``data/schemas/``
(types, required cells, allowed values, patterns, ranges, primary and foreign keys, a minimum
number of rows). Whatever is wrong, at whatever depth (the package file, a schema, a table's
path, the CSV's encoding or structure, one cell), the teacher who edited it gets one line that
names the file, the line and the column where they apply, what is wrong and what to do; never a
traceback from the library.

Validation takes seconds, so it runs once per state of the data, not once per kernel: a passing
verdict is remembered under the SHA-256 of every byte of the package (and of these rules) in a
per-user cache folder (``KZW_CACHE_DIR``, or the system's cache folder). Any edit to a CSV, a
schema or ``datapackage.json`` changes that hash, so the next ``load()`` validates again. Within a
validation, each table's passing verdict is also remembered under the hash of its own files, of
``datapackage.json`` and of the tables it refers to, so an edit to one table re-checks that
table and the tables that point at it, not all of them. Failures are never remembered.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import decimal
import difflib
import hashlib
import io
import json
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from .errors import LearnerError
from .paths import DATA

PACKAGE = DATA / "datapackage.json"

# The column types load() knows how to give (data/README.md); a schema may use only these.
FIELD_TYPES = ("boolean", "date", "integer", "number", "string", "year")


class DataError(LearnerError):
    """A table in data/ is missing or breaks one of its rules."""


# --------------------------------------------------------------------------- small helpers

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
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _kind(value) -> str:
    """The JSON word for a value's kind (what a teacher sees in the file)."""
    return {dict: "an object", list: "a list", str: "a text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def _file(relative) -> str:
    """How a file in data/ is named in messages: data/<relative path>."""
    return "data/" + PurePosixPath(str(relative).replace("\\", "/")).as_posix()


def _read_json(path: Path, shown: str) -> dict:
    """A JSON object from a file of the package; any fault is one line naming the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{shown}: the file is missing, so the data package cannot be read; "
                        f"restore it (git checkout {shown}) [missing-file]") from None
    except OSError as err:
        raise DataError(f"{shown}: the file cannot be read ({err.strerror or err}); check that "
                        f"it is a file you may read [missing-file]") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise DataError(f"{shown}, line {line}: byte 0x{raw[err.start]:02x} is not UTF-8 text; "
                        f"save the file as UTF-8 [encoding-error]") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(f"{shown}, line {err.lineno}, column {err.colno}: this is not valid JSON "
                        f"({err.msg}); look for a missing comma, quote or bracket there, or "
                        f"restore the file (git checkout {shown}) [json]") from None
    except RecursionError:
        raise DataError(f"{shown}: the JSON is nested too deeply to read; restore the file "
                        f"(git checkout {shown}) [json]") from None
    if type(value) is not dict:
        raise DataError(f"{shown}: the file holds {_kind(value)} where a JSON object {{...}} is "
                        f"expected; restore the file (git checkout {shown}) [json]")
    return value


# --------------------------------------------------------------------------- the package

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def _inside_data(value, where: str, key: str, example: str) -> None:
    """A path in the package must name a file inside data/: no URL, no absolute path, no '..'."""
    if value is None:
        raise DataError(f'{where}: there is no "{key}"; give the file in data/, like '
                        f'"{example}" [package]')
    if type(value) is not str or not value.strip():
        raise DataError(f'{where}: "{key}" is {_kind(value)} where the name of a file in data/ is '
                        f'expected, like "{example}" [package]')
    if "://" in value or _URL.match(value):
        raise DataError(f'{where}: "{key}" is the web address {_shown(value, 60)}; the collection '
                        f'reads only files in data/ and downloads nothing: put the file in data/ '
                        f'and write its name, like "{example}" [unsafe-path]')
    if (PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()
            or PureWindowsPath(value).drive or value.startswith(("~", "\\"))):
        raise DataError(f'{where}: "{key}" is the absolute path {_shown(value, 60)}; the '
                        f'collection reads only files in data/: write the path relative to data/, '
                        f'like "{example}" [unsafe-path]')
    parts = PureWindowsPath(value).parts
    resolved = (DATA / value).resolve()
    if ".." in parts or not resolved.is_relative_to(DATA.resolve()):
        raise DataError(f'{where}: "{key}" is {_shown(value, 60)}, which points outside data/; '
                        f'the collection reads only files in data/: write a path inside it, like '
                        f'"{example}" [unsafe-path]')
    if "$" in value or "%" in value:
        raise DataError(f'{where}: "{key}" is {_shown(value, 60)}; a file name in the package may '
                        f'not hold $ or %: rename the file, like "{example}" [unsafe-path]')


def _package() -> dict:
    """datapackage.json, read and checked: an object with a list of tables, each with a name, a
    path to a CSV file in data/ and a schema. Any fault is one line naming the file."""
    shown = "data/datapackage.json"
    package = _read_json(PACKAGE, shown)
    resources = package.get("resources")
    if resources is None:
        raise DataError(f'{shown}: there is no "resources" list, so no table is described; '
                        f'restore the file (git checkout {shown}) [package]')
    if type(resources) is not list or not resources:
        what = "an empty list" if resources == [] else _kind(resources)
        raise DataError(f'{shown}: "resources" is {what} where the list of tables is expected; '
                        f'restore the file (git checkout {shown}) [package]')
    names = set()
    for number, resource in enumerate(resources, 1):
        where = f"{shown}, resource {number}"
        if type(resource) is not dict:
            raise DataError(f'{where}: {_kind(resource)} where a table is expected; describe '
                            f'it as an object like {{"name": "borders", "path": "borders.csv", '
                            f'"schema": "schemas/borders.schema.json"}} [package]')
        name = resource.get("name")
        if type(name) is not str or not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
            what = "missing" if name is None else _shown(name)
            raise DataError(f'{where}: the table\'s "name" is {what}; give it a name in lower '
                            f'case, like "borders" [package]')
        where = f"{shown}, table {name!r}"
        if name in names:
            raise DataError(f"{where}: two tables have this name; give each its own name "
                            f"[package]")
        names.add(name)
        _inside_data(resource.get("path"), where, "path", f"{name}.csv")
        schema = resource.get("schema")
        if schema is None:
            raise DataError(f'{where}: there is no "schema", so nothing says what its columns '
                            f'hold; add "schema": "schemas/{name}.schema.json" [package]')
        if type(schema) is str:
            _inside_data(schema, where, "schema", f"schemas/{name}.schema.json")
        elif type(schema) is not dict:
            raise DataError(f'{where}: "schema" is {_kind(schema)} where the path of a schema file '
                            f'is expected, like "schemas/{name}.schema.json" [package]')
        rows = resource.get("minRows", 0)
        if type(rows) is not int or rows < 0:
            raise DataError(f'{where}: "minRows" is {_shown(rows)} where a number of rows is '
                            f'expected; write a whole number, like 1 [package]')
    return package


def _resource(name: str) -> dict:
    resources = {r["name"]: r for r in _package()["resources"]}
    if name not in resources:
        close = difflib.get_close_matches(str(name), resources, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(
            f"There is no table called {name!r}.{hint} Tables: {', '.join(sorted(resources))}.")
    return resources[name]


def _schema_name(resource: dict) -> str:
    schema = resource["schema"]
    if type(schema) is str:
        return _file(schema)
    return f"data/datapackage.json, table {resource['name']!r}, schema"


def _schema(resource: dict) -> dict:
    """A table's schema, read and checked: named fields of the types load() knows."""
    shown = _schema_name(resource)
    schema = resource["schema"]
    if type(schema) is str:
        schema = _read_json(DATA / schema, shown)
    fields = schema.get("fields")
    if type(fields) is not list or not fields:
        raise DataError(f'{shown}: there is no "fields" list, so the columns of '
                        f'{_file(resource["path"])} are not described; restore the file '
                        f'(git checkout {shown}) [schema]')
    names = []
    for number, field in enumerate(fields, 1):
        if type(field) is not dict or type(field.get("name")) is not str or not field["name"]:
            raise DataError(f'{shown}, field {number}: the field has no "name"; give it the '
                            f'column\'s header in the CSV, like "name": "note" [schema]')
        name = field["name"]
        if name in names:
            raise DataError(f"{shown}, field {name!r}: two fields have this name; give each "
                            f"column its own [schema]")
        names.append(name)
        kind = field.get("type", "string")
        if kind not in FIELD_TYPES:
            close = difflib.get_close_matches(str(kind), FIELD_TYPES, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DataError(f"{shown}, field {name!r}: the type {_shown(kind)} is not one the "
                            f"collection uses{hint}; use one of {', '.join(FIELD_TYPES)} [schema]")
        constraints = field.get("constraints", {})
        if type(constraints) is not dict:
            raise DataError(f'{shown}, field {name!r}: "constraints" is {_kind(constraints)} '
                            f'where an object is expected; write it like {{"required": true}} '
                            f'[schema]')
        pattern = constraints.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as err:
                raise DataError(f'{shown}, field {name!r}: the "pattern" {_shown(pattern, 60)} is '
                                f'not a valid regular expression ({err}); fix it [schema]') from None
        for bound in ("minimum", "maximum"):
            limit = constraints.get(bound)
            if limit is not None and not _fits(limit, kind):
                raise DataError(f'{shown}, field {name!r}: the "{bound}" {_shown(limit)} '
                                f'{_TYPES[kind][0]}, as a {kind} column needs; '
                                f'{_TYPES[kind][1]} [schema]')
        enum = constraints.get("enum")
        if enum is not None and (type(enum) is not list or not enum):
            raise DataError(f'{shown}, field {name!r}: "enum" is {_kind(enum)} where the list '
                            f'of allowed values is expected; write it like ["a", "b"] [schema]')
    for key in _key_fields(schema.get("primaryKey")):
        if key not in names:
            raise DataError(f'{shown}: the "primaryKey" names the column {_shown(key)}, which is '
                            f'not among the fields ({", ".join(names)}); fix the key [schema]')
    foreign_keys = schema.get("foreignKeys", [])
    if type(foreign_keys) is not list:
        raise DataError(f'{shown}: "foreignKeys" is {_kind(foreign_keys)} where a list is '
                        f'expected; restore the file (git checkout {shown}) [schema]')
    for key in foreign_keys:
        if (type(key) is not dict or type(key.get("reference")) is not dict
                or not _key_fields(key.get("fields"))):
            raise DataError(f'{shown}: a foreign key lacks its "fields" or its "reference"; '
                            f'write it like {{"fields": ["source_id"], "reference": {{"resource": '
                            f'"sources", "fields": ["source_id"]}}}} [schema]')
        for column in _key_fields(key["fields"]):
            if column not in names:
                raise DataError(f"{shown}: a foreign key names the column {_shown(column)}, which "
                                f"is not among the fields ({', '.join(names)}); fix the key "
                                f"[schema]")
    return schema


def _fits(limit, kind: str) -> bool:
    """Whether a schema's minimum or maximum is a value of the column's type."""
    if kind in ("number", "integer", "year"):
        return type(limit) in (int, float) and limit == limit and abs(limit) != float("inf") and (
            kind == "number" or type(limit) is int)
    if kind == "date":
        try:
            _dt.datetime.strptime(limit, "%Y-%m-%d")
            return True
        except (TypeError, ValueError):
            return False
    return False


def _key_fields(value) -> list:
    """The column names of a key: one name or a list of names (anything else: none)."""
    if type(value) is str:
        return [value]
    if type(value) is list and all(type(v) is str for v in value):
        return value
    return []


def _references(resource: dict, schema: dict) -> list[str]:
    """Names of the other tables this table's foreign keys point at."""
    names = []
    for key in schema.get("foreignKeys", []):
        other = key["reference"].get("resource", "")
        if other and other != resource["name"] and other not in names:
            names.append(other)
    return names


def _check_references(resources: list, schemas: dict) -> None:
    """Every foreign key points at a table of the package and at columns it has."""
    for resource in resources:
        schema = schemas[resource["name"]]
        for key in schema.get("foreignKeys", []):
            reference = key["reference"]
            other = reference.get("resource", "") or resource["name"]
            where = _schema_name(resource)
            if other not in schemas:
                raise DataError(f"{where}: a foreign key of column(s) "
                                f"{', '.join(_key_fields(key['fields']))} points at the table "
                                f"{_shown(other)}, which data/datapackage.json does not list; "
                                f"name one of its tables [schema]")
            columns = [f["name"] for f in schemas[other]["fields"]]
            wanted = _key_fields(reference.get("fields"))
            missing = [c for c in wanted if c not in columns]
            if not wanted or missing or len(wanted) != len(_key_fields(key["fields"])):
                raise DataError(f"{where}: a foreign key of column(s) "
                                f"{', '.join(_key_fields(key['fields']))} points at column(s) "
                                f"{', '.join(map(_shown, missing or wanted)) or 'none'} of the "
                                f"table {other!r}, which has {', '.join(columns)}; fix the "
                                f"reference [schema]")


def _package_files() -> list[Path]:
    """Every file the package is made of: datapackage.json, the CSVs and the schema files."""
    files = {PACKAGE, *DATA.glob("*.csv"), *(DATA / "schemas").glob("*.json")}
    try:
        for resource in _package().get("resources", []):
            for name in (resource.get("path"), resource.get("schema")):
                files.add(DATA / name)  # _package() refused any path outside data/
    except (DataError, AttributeError, TypeError, ValueError, OSError):
        pass  # a broken package is hashed as it is; validation names the fault
    return sorted(files)


@lru_cache(maxsize=1)
def _rules_bytes() -> bytes:
    """What judges the data: this module's code and the Frictionless version (read once)."""
    from importlib.metadata import version

    return Path(__file__).read_bytes() + version("frictionless").encode()


def _rules() -> hashlib._Hash:
    """A new hash that starts with the rules that judge the data."""
    return hashlib.sha256(_rules_bytes())


def _add_file(digest, path: Path) -> None:
    digest.update(b"\0" + path.relative_to(DATA).as_posix().encode() + b"\0")
    digest.update(path.read_bytes() if path.is_file() else b"<missing>")


def fingerprint() -> str:
    """SHA-256 of the package's bytes and of the rules that judge them: any edit changes it."""
    digest = _rules()
    for path in _package_files():
        _add_file(digest, path)
    return digest.hexdigest()


def _table_fingerprint(resource: dict, by_name: dict, schemas: dict) -> str:
    """SHA-256 of what one table's verdict rests on: the rules, datapackage.json, the table's
    CSV and schema, and the CSV and schema of every table its foreign keys point at."""
    digest = _rules()
    _add_file(digest, PACKAGE)
    for name in [resource["name"], *_references(resource, schemas[resource["name"]])]:
        other = by_name[name]
        for relative in (other["path"], other["schema"]):
            if type(relative) is str:
                _add_file(digest, DATA / relative)
    return digest.hexdigest()


def cache_folder() -> Path:
    """Where passing verdicts are remembered: $KZW_CACHE_DIR, or the user's cache folder."""
    chosen = os.environ.get("KZW_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir  # a dependency of jupyter_core

    return Path(user_cache_dir("kazakhstan-in-the-world", appauthor=False))


def _verdict_file(digest: str) -> Path:
    return cache_folder() / "validated" / f"{digest}.json"


def _table_verdict_file(digest: str) -> Path:
    return cache_folder() / "validated" / "tables" / f"{digest}.json"


def _remember_valid(digest: str, target: Path | None = None) -> None:
    """Record a passing verdict; a cache that cannot be written only costs time."""
    target = target or _verdict_file(digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"valid": True, "checked": _dt.datetime.now().isoformat(
            timespec="seconds"), "data": str(DATA)}), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass


# --------------------------------------------------------------------------- the CSV text

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
        raw = (DATA / resource["path"]).read_bytes()
    except FileNotFoundError:
        raise DataError(f"{shown}: the file is missing, though data/datapackage.json lists it "
                        f"as the table {resource['name']!r}; restore it (git checkout {shown}) "
                        f"or remove the table from datapackage.json [missing-file]") from None
    except OSError as err:
        raise DataError(f"{shown}: the file cannot be read ({err.strerror or err}); check that "
                        f"it is a file you may read [missing-file]") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            raw[:16].count(0) >= 4 and (raw[0:16:2].count(0) == 0 or raw[1:16:2].count(0) == 0)):
        raise DataError(f"{shown}, line 1: the file is saved as UTF-16 text; save it as "
                        f"CSV UTF-8 [encoding-error]")
    body = raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw
    if not body.strip():
        raise DataError(f"{shown}: the file is empty; it needs its header line and its rows: "
                        f"restore it (git checkout {shown}) [empty-file]")
    for number, line in enumerate(body.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as err:
            column = _column_at(line[:err.start].decode("utf-8", "replace"), names)
            raise DataError(f"{shown}, line {number}{column}: byte 0x{line[err.start]:02x} is not "
                            f"UTF-8 text (the file, or text pasted into it, was saved in another "
                            f"encoding such as Windows-1252); save the file as CSV UTF-8 and check "
                            f"the accented letters from this line on [encoding-error]") from None
    text = body.decode("utf-8")
    control = _CONTROL.search(text)
    if control:
        number = text.count("\n", 0, control.start()) + 1
        column = _column_at(text[text.rfind("\n", 0, control.start()) + 1:control.start()], names)
        raise DataError(f"{shown}, line {number}{column}: the text holds the control character "
                        f"U+{ord(control.group()):04X}, which is not a letter (a bad paste, or a "
                        f"file saved by a program that is not a text editor); retype the cell "
                        f"[control-character]")
    header = text.split("\n", 1)[0]
    delimiter = resource.get("dialect", {}).get("delimiter", ",")
    if delimiter not in header:
        for other, name in SEPARATORS.items():
            if other in header:
                raise DataError(
                    f"{shown}, line 1: the columns are separated by {name}, but "
                    f"the collection's tables use commas; save it as comma-separated CSV (UTF-8) "
                    f"[dialect]")
    _check_quotes(text, shown, names)


def _check_quotes(text: str, shown: str, names: list) -> None:
    """A double quote that opens a cell must close it, right before a comma or the line's end."""
    width = None
    try:
        for first, last, cells in _records(text):
            if width is None:
                width = len(cells)
            elif last > first and len(cells) != width:
                index = next((i for i, c in enumerate(cells) if "\n" in c or "\r" in c),
                             len(cells) - 1)
                column = names[index] if index < len(names) else str(index + 1)
                closed = (f"is only closed on line {last}" if last < text.count("\n") else
                          "is never closed")
                raise DataError(
                    f"{shown}, line {first}, column {column!r}: a double quote opens a cell here "
                    f"that {closed}, so the lines between are read as one cell; close the quote "
                    f"on line {first}, or write it twice (\"\") if it is part of the text "
                    f"[unbalanced-quote]")
    except csv.Error as err:
        raise DataError(f"{shown}: the file cannot be read as CSV ({err}); save it as "
                        f"comma-separated CSV UTF-8 [source-error]") from None
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
                f"quote, or write it twice (\"\") if it is part of the text "
                f"[unbalanced-quote]") from None
        raise DataError(
            f"{shown}, line {first}: a double quote closes a cell before its end (text follows "
            f"the closing quote); put the whole cell in quotes and write each quote inside it "
            f"twice (\"\") [unbalanced-quote]") from None


def _line_of(resource: dict, row: int) -> int:
    """The line of the file on which Frictionless's row number `row` starts (header: row 1)."""
    try:
        text = (DATA / resource["path"]).read_bytes().decode("utf-8-sig")
        starts = [first for first, _, _ in _records(text)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return row
    return starts[row - 1] if 0 < row <= len(starts) else row


def _has_quote(resource: dict, row: int | None) -> bool:
    """Whether the line on which row `row` starts holds a double quote."""
    try:
        lines = (DATA / resource["path"]).read_bytes().decode("utf-8-sig").splitlines()
        return bool(row) and '"' in lines[_line_of(resource, row) - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return False


# --------------------------------------------------------------------------- validation

_TYPES = {
    # type: (what the value is not, what to write)
    "number": ("is not a number", "write digits with a dot for decimals, without a unit, space "
               "or thousands separator, like 1782.8"),
    "integer": ("is not a whole number", "write digits only, like 1991"),
    "year": ("is not a year", "write the four digits of the year, like 1994"),
    "date": ("is not a date written YYYY-MM-DD", "write an existing day as YYYY-MM-DD, like "
             "1991-12-16 (for a month or a year alone, its first day)"),
    "boolean": ("is not true or false", "write true or false"),
    "string": ("is not text", "write the text"),
}

TEXT_PATTERN = r"^\S([\s\S]*\S)?$"

_PATTERNS = {
    # pattern in a schema: what a value must be, in words
    TEXT_PATTERN: "text that neither starts nor ends with a space",
    "^[A-Z]{3}$": "a three-letter ISO code in capitals, like RUS",
    "^[a-z0-9][a-z0-9-]*$": "an id of lower-case letters, digits and hyphens, like "
                            "factbook-2026-01",
    "^[A-Z][A-Z0-9]*$": "an id of capital letters and digits, like EAEU",
    "^[a-z0-9_]+$": "an id of lower-case letters, digits and underscores, like kz_area_total_km2",
    "^[0-9]{3}$": "three digits, like 398",
    "^https?://\\S+$": "a web address that starts with http:// or https:// and has no space",
}

_STRUCTURAL = ("incorrect-label", "missing-label", "extra-label", "duplicate-label",
               "blank-label", "encoding-error", "source-error", "scheme-error",
               "extra-cell", "missing-cell", "blank-row")


def _first(errors):
    """The error to report first: header faults, then the earliest line, structure first."""
    def rank(error):
        kind = getattr(error, "type", "")
        row = getattr(error, "row_number", None) or 0
        structural = kind in _STRUCTURAL
        return (row if row else -1, 0 if structural else 1)
    return min(errors, key=rank)


def _position(note: str) -> int | None:
    """The row number in a Frictionless note such as 'the same as in the row at position 3'."""
    found = re.search(r"position (\d+)", note)
    return int(found.group(1)) if found else None


def _describe_header(error, resource: dict, schema: dict) -> str:
    """One line for a faulty header: which column is missing, extra, repeated or misspelt."""
    kind = getattr(error, "type", "incorrect-label")
    names = [f["name"] for f in schema["fields"]]
    labels = [str(label) for label in (getattr(error, "labels", None) or [])]
    where = f"{_file(resource['path'])}, line 1"
    schema_file = _schema_name(resource)
    missing = [n for n in names if n not in labels]
    extra = [label for label in labels if label not in names and label.strip()]
    repeated = [label for label in dict.fromkeys(labels) if labels.count(label) > 1 and label.strip()]
    blank = [i for i, label in enumerate(labels) if not label.strip()]
    if blank:
        expected = f" where {names[blank[0]]!r} is expected" if blank[0] < len(names) else ""
        return (f"{where}, column {blank[0] + 1}: the header has an empty column name{expected}; "
                f"write the column's name [blank-label]")
    if repeated:
        return (f"{where}, column {repeated[0]!r}: the header names this column twice; each "
                f"column appears once ({', '.join(names)}) [duplicate-label]")
    if len(missing) == len(extra) == 1:
        return (f"{where}, column {extra[0]!r}: the header has {extra[0]!r} where {missing[0]!r} "
                f"is expected (a misspelt or renamed column); rename it {missing[0]!r} "
                f"[incorrect-label]")
    if missing:
        return (f"{where}, column {missing[0]!r}: the header lacks the column"
                f"{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} that "
                f"{schema_file} describes; add it back, with a cell in every line "
                f"[missing-label]")
    if extra:
        return (f"{where}, column {extra[0]!r}: the header has the column"
                f"{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))} that "
                f"{schema_file} does not describe; remove it, or describe it in the schema "
                f"[extra-label]")
    return (f"{where}: the columns are in another order than {schema_file} gives; put them "
            f"back in this order: {', '.join(names)} [{kind}]")


def _describe(error, resource: dict, schema: dict, by_name: dict) -> str:
    """One line for one Frictionless error: file, line, column, value, what is wrong, what to do."""
    kind = getattr(error, "type", "error")
    if kind.endswith("-label"):
        return _describe_header(error, resource, schema)
    shown = _file(resource["path"])
    note = " ".join(str(getattr(error, "note", "") or "").split())
    fields = {f["name"]: f for f in schema["fields"]}
    parts = [shown]
    row = getattr(error, "row_number", None)
    if row:
        parts.append(f"line {_line_of(resource, row)}")
    field = getattr(error, "field_name", None)
    if kind == "foreign-key":
        field = ", ".join(getattr(error, "field_names", None) or [])
    if field:
        parts.append(f"column {field!r}")
    where = ", ".join(parts)
    cell = getattr(error, "cell", None)
    value = f"value {cell!r}"
    spec = fields.get(field, {})
    constraints = spec.get("constraints", {})

    if kind == "type-error":
        wrong, fix = _TYPES.get(spec.get("type", "string"), _TYPES["string"])
        return f"{where}: {value} {wrong}; {fix} [type-error]"
    if kind == "constraint-error":
        found = re.match(r'constraint "(\w+)"', note)
        rule = found.group(1) if found else ""
        if rule == "required":
            return (f"{where}: the cell is empty, but this column must be filled in; fill it in "
                    f"[constraint-error]")
        if rule == "pattern" and cell is not None and not str(cell).strip():
            required = constraints.get("required")
            fix = ("write its text" if required
                   else "write its text, or leave it empty, without spaces, if it is unknown")
            return (f"{where}: the cell holds only spaces, which teach nothing; {fix} "
                    f"[constraint-error]")
        if rule == "pattern" and constraints.get("pattern") == TEXT_PATTERN:
            return (f"{where}: {value} starts or ends with a space (or a line break); remove it, "
                    f"so that the text matches what learners type [constraint-error]")
        if rule == "pattern":
            pattern = constraints.get("pattern", "")
            words = _PATTERNS.get(pattern, f"text that matches the pattern {pattern}")
            return f"{where}: {value} is not {words}; correct it [constraint-error]"
        if rule == "enum":
            allowed = [str(v) for v in constraints.get("enum", [])]
            close = difflib.get_close_matches(str(cell), allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return (f"{where}: {value} is not one of the allowed values{hint}; use one of "
                    f"{', '.join(allowed)}, spelled exactly so [constraint-error]")
        if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if str(cell).strip().lower().lstrip("+-") in ("nan", "snan", "inf", "infinity"):
                return (f"{where}: {value} is not a figure the notebooks can compute with; write "
                        f"the number, or leave the cell empty if it is unknown and the column "
                        f"allows it [constraint-error]")
            low, high = constraints.get("minimum"), constraints.get("maximum")
            span = (f"from {low} to {high}" if low is not None and high is not None
                    else f"at least {low}" if low is not None else f"at most {high}")
            check = ("the date (its year?)" if spec.get("type") == "date"
                     else "the figure (a sign, a digit or a unit?)")
            return (f"{where}: {value} is outside the range this column allows ({span}); check "
                    f"{check} [constraint-error]")
        return f"{where}: {value} breaks the rule {note or rule} of the schema [constraint-error]"
    if kind == "unique-error":
        first = _position(note)
        earlier = f" (first on line {_line_of(resource, first)})" if first else ""
        return (f"{where}: {value} appears twice in this column{earlier}; each value must be "
                f"unique: change or delete one of the rows [unique-error]")
    if kind == "primary-key":
        key = _key_fields(schema.get("primaryKey"))
        names = list(fields)
        cells = list(getattr(error, "cells", None) or [])
        values = [cells[names.index(k)] if names.index(k) < len(cells) else "" for k in key]
        if all(v == "" for v in values):
            return (f"{where}: the key column(s) {', '.join(key)} are empty; every row needs its "
                    f"key filled in [primary-key]")
        first = _position(note)
        earlier = f" (first on line {_line_of(resource, first)})" if first else ""
        pairs = ", ".join(f"{k} = {v!r}" for k, v in zip(key, values))
        return (f"{where}: the key {pairs} appears twice{earlier}; each row needs its own key "
                f"({', '.join(key)}): change or delete one of the two rows [primary-key]")
    if kind == "foreign-key":
        other = getattr(error, "reference_name", None) or resource["name"]
        target = by_name.get(other)
        target_file = _file(target["path"]) if target else repr(other)
        columns = ", ".join(getattr(error, "reference_field_names", None) or [])
        values = ", ".join(repr(v) for v in (getattr(error, "field_cells", None) or []))
        if not values:
            return f"{where}: {note or 'a foreign key cannot be checked'} [foreign-key]"
        return (f"{where}: value {values} is not found in {target_file} (column {columns}); use "
                f"a value that is there, or add its row to {target_file} first [foreign-key]")
    if kind == "blank-row":
        return f"{where}: the line is empty, or holds only commas; delete it [blank-row]"
    if kind in ("missing-cell", "extra-cell"):
        count, width = len(getattr(error, "cells", None) or []), len(fields)
        quotes = ("; check its double quotes too, a quote may open a cell in the wrong place"
                  if '"' in "".join(map(str, getattr(error, "cells", None) or [])) or
                  _has_quote(resource, row) else "")
        if kind == "missing-cell":
            return (f"{where}: the line has {count} cells where the header has {width} (a "
                    f"missing comma, or a cell lost?); add the missing cells, empty if unknown"
                    f"{quotes} [missing-cell]")
        return (f"{where}: the line has {count} cells where the header has {width} (a stray "
                f"comma?); put text that holds a comma in double quotes{quotes} [extra-cell]")
    if kind == "table-dimensions":
        found = re.search(r"number of rows is (\d+), the minimum is (\d+)", note)
        have, need = found.groups() if found else ("too few", resource.get("minRows", 1))
        return (f"{shown}, line 2: the table has {have} rows under its header where it needs at "
                f"least {need} (\"minRows\" in data/datapackage.json), so the notebooks would "
                f"compute from nothing; restore its rows (git checkout {shown}) [table-dimensions]")
    if kind in ("source-error", "scheme-error", "format-error", "encoding-error", "io-error"):
        return (f"{shown}: the file cannot be read as CSV ({note or kind}); save it as "
                f"comma-separated CSV UTF-8 [{kind}]")
    return f"{where}: {note or kind} [{kind}]"


def _library_line(err, resource: dict | None) -> str:
    """One line for a Frictionless exception (or metadata error), naming the file at fault."""
    error = getattr(err, "error", err)
    kind = getattr(error, "type", None) or "error"
    note = " ".join(str(getattr(error, "note", "") or err).split())[:300]
    if resource is None:
        where = "data/datapackage.json"
    elif kind in ("schema-error", "field-error") or kind.startswith("field"):
        where = _schema_name(resource)
    else:
        where = f"data/datapackage.json, table {resource['name']!r}"
    file = where.split(",")[0]
    return f"{where}: {note}; fix it, or restore the file (git checkout {file}) [{kind}]"


def _frictionless_package(resources: list, schemas: dict):
    """The package as Frictionless sees it, built from the descriptors and schemas read above."""
    from frictionless import FrictionlessException, Package, Resource

    built = []
    for resource in resources:
        descriptor = json.loads(json.dumps({**resource, "schema": schemas[resource["name"]]}))
        try:
            built.append(Resource.from_descriptor(descriptor, basepath=str(DATA)))
        except FrictionlessException as err:
            raise DataError(_library_line(err, resource)) from None
    try:
        return Package(resources=built, basepath=str(DATA))
    except FrictionlessException as err:
        raise DataError(_library_line(err, None)) from None


def _validate_table(package, resource: dict, schema: dict, by_name: dict) -> None:
    """Frictionless checks one table (and its foreign keys); the first fault is one line."""
    from frictionless import Checklist, FrictionlessException, checks

    rows = resource.get("minRows", 0)
    checklist = Checklist(checks=[checks.table_dimensions(min_rows=rows)] if rows else [])
    try:
        report = package.get_resource(resource["name"]).validate(checklist, limit_errors=50)
    except FrictionlessException as err:
        raise DataError(_library_line(err, resource)) from None
    except Exception as err:  # the library failed on what it should have reported
        _check_numbers(resource, schema)
        detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
        raise DataError(f"{_file(resource['path'])}: the file cannot be checked ({detail}); "
                        f"compare it with the collection's copy (git diff "
                        f"{_file(resource['path'])}) [validation]") from None
    if report.valid:
        return
    errors = [error for task in report.tasks for error in task.errors] or list(report.errors)
    first = _first(errors)
    if getattr(first, "type", "").endswith(("metadata-error", "resource-error", "schema-error",
                                            "field-error", "package-error")):
        raise DataError(_library_line(first, resource))
    raise DataError(_describe(first, resource, schema, by_name))


def _check_numbers(resource: dict, schema: dict) -> None:
    """Find a 'not a number' spelling (sNaN stops the library itself) and name its cell."""
    numeric = [f["name"] for f in schema["fields"] if f.get("type") == "number"]
    try:
        frame = _read_csv(resource)
    except Exception:
        return
    for field in [f for f in numeric if f in frame.columns]:
        for index, value in frame[field].items():
            if value.strip().lower().lstrip("+-") in ("nan", "snan", "inf", "infinity"):
                raise DataError(
                    f"{_file(resource['path'])}, line {_line_of(resource, index + 2)}, column "
                    f"{field!r}: value {value!r} is not a figure the notebooks can compute with; "
                    f"write the number, or leave the cell empty if it is unknown and the column "
                    f"allows it [constraint-error]")


def _check_dates(resource: dict, schema: dict) -> None:
    """A rule a Table Schema cannot say: no date after today."""
    today = _dt.date.today()
    date_fields = [f["name"] for f in schema["fields"] if f.get("type") == "date"]
    if not date_fields:
        return
    frame = _read_csv(resource)
    for field in date_fields:
        for index, value in frame[field].items():
            if value and _dt.datetime.strptime(value, "%Y-%m-%d").date() > today:
                raise DataError(
                    f"{_file(resource['path'])}, line {_line_of(resource, index + 2)}, column "
                    f"{field!r}: value {value!r}: the date is in the future; the data records "
                    f"what has happened, so check the year [no-future-date]")


@lru_cache(maxsize=4)
def _validated(digest: str) -> bool:
    """Validate the package once per content hash; raise DataError on the first fault.

    A passing verdict is kept in the cache folder, so a new kernel skips Frictionless (seconds)
    as long as no byte of the package has changed. Failures are never cached.
    """
    if _verdict_file(digest).is_file():
        return True
    _validate()
    _remember_valid(digest)
    return True


def _validate() -> None:
    """Run every check on the package as it is on disk; raise DataError on the first fault.

    The package file and the schemas are read and checked here first, then each table's text,
    then Frictionless checks each table whose files (or whose referenced tables' files) changed
    since its last passing verdict. The first fault, in the package's order, is the one reported.
    """
    package = _package()
    resources = package["resources"]
    by_name = {r["name"]: r for r in resources}
    schemas = {r["name"]: _schema(r) for r in resources}
    _check_references(resources, schemas)
    pending = [(r, _table_verdict_file(_table_fingerprint(r, by_name, schemas)))
               for r in resources]
    pending = [(r, verdict) for r, verdict in pending if not verdict.is_file()]
    if not pending:
        return
    for resource in resources:
        _check_text(resource, schemas[resource["name"]])
    library = _frictionless_package(resources, schemas)
    for resource, verdict in pending:
        schema = schemas[resource["name"]]
        _validate_table(library, resource, schema, by_name)
        _check_dates(resource, schema)
        _remember_valid("", verdict)


# --------------------------------------------------------------------------- typed tables

def _read_csv(resource: dict) -> pd.DataFrame:
    return pd.read_csv(DATA / resource["path"], dtype=str, keep_default_na=False,
                       encoding="utf-8-sig")


def _each(raw: pd.Series, convert) -> pd.Series:
    """Convert the cells one by one (the slow path, for spellings pandas does not read)."""
    return raw.map(lambda v: pd.NA if v is pd.NA else convert(v))


def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Typed columns. Validation has accepted every cell; spellings Frictionless accepts and
    pandas does not ("+5", "1_765", "1991-1-6") are read cell by cell as Frictionless reads them."""
    out = {}
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        raw = frame[name].replace("", pd.NA)
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            try:
                out[name] = pd.to_datetime(raw, format="%Y-%m-%d")
            except (ValueError, TypeError):
                out[name] = pd.to_datetime(_each(raw, lambda v: _dt.datetime.strptime(
                    v, "%Y-%m-%d")))
        elif kind in ("integer", "year"):
            try:
                out[name] = pd.to_numeric(raw).astype("Int64")
            except (ValueError, TypeError):
                out[name] = _each(raw, lambda v: int(v.strip())).astype("Int64")
        elif kind == "number":
            try:
                out[name] = pd.to_numeric(raw).astype("float64")
            except (ValueError, TypeError):
                out[name] = _each(raw, lambda v: float(decimal.Decimal(v.strip()))).astype("float64")
        elif kind == "boolean":
            truthy = field.get("trueValues", ["true", "True", "TRUE", "1"])
            out[name] = raw.map(lambda v: pd.NA if v is pd.NA else v in truthy).astype("boolean")
        elif enum:
            out[name] = pd.Categorical(raw, categories=enum)
        else:
            out[name] = raw.astype("string")
    return pd.DataFrame(out, index=frame.index)


@lru_cache(maxsize=64)
def _load_cached(name: str, digest: str) -> pd.DataFrame:
    _validated(digest)
    resource = _resource(name)
    try:
        return _typed(_read_csv(resource), _schema(resource))
    except DataError:
        raise
    except Exception as err:  # validation passed, so this is a gap in these rules
        detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
        raise DataError(f"{_file(resource['path'])}: the table passed its checks but cannot be "
                        f"read into typed columns ({detail}); compare it with the collection's "
                        f"copy (git diff {_file(resource['path'])}) [typing]") from None


def load(name: str) -> pd.DataFrame:
    """Return the table ``data/<name>.csv`` as a typed DataFrame (a fresh copy each call).

    >>> borders = load("borders")            # doctest: +SKIP
    """
    if not isinstance(name, str):
        raise DataError(f"load() takes a table name in quotes, like load('borders'); "
                        f"you gave a {type(name).__name__}.")
    _resource(name)  # a clear message for an unknown name, before any validation
    return _load_cached(name, fingerprint()).copy()


def tables() -> pd.DataFrame:
    """List the tables: name, what each holds, and its number of rows."""
    _validated(fingerprint())
    rows = []
    for resource in _package()["resources"]:
        rows.append({"table": resource["name"],
                     "holds": resource.get("description", resource.get("title", "")),
                     "rows": len(_read_csv(resource))})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- citing

_CONTAINERS = (list, tuple, set, frozenset)
_MOST_IDS = 100_000


def _source_ids(things) -> list:
    """Every source id in `things` (ids, lists of them, tables with source_id columns), in order.

    Anything that is not a source id, a list or a table is kept as it is, so that cite() names
    it as an unknown id; a list that contains itself is walked once.
    """
    found, seen = [], set()
    stack = [iter(things)]
    while stack and len(found) < _MOST_IDS:
        thing = next(stack[-1], _END)
        if thing is _END:
            stack.pop()
            continue
        kind = type(thing)
        if issubclass(kind, str):
            found.append(str.__str__(thing))
        elif issubclass(kind, pd.DataFrame):
            found.extend(_frame_ids(thing))
        elif issubclass(kind, (pd.Series, pd.Index, *_CONTAINERS)) or kind.__module__ == "numpy":
            if id(thing) in seen:
                found.append(thing)
                continue
            seen.add(id(thing))
            items = _listed(thing, None if issubclass(kind, _CONTAINERS) else "tolist")
            if len(items) == 1 and items[0] is thing:
                found.append(thing)
            else:
                stack.append(iter(items))
        else:
            found.append(thing)
    return found


_END = object()


def _listed(thing, method) -> list:
    """The items of a container, or [thing] itself when it refuses to give them."""
    try:
        if method:
            items = getattr(thing, method)()
            return items if type(items) is list else [thing]
        base = next(b for b in type(thing).__mro__ if b in _CONTAINERS)
        return list(base.__iter__(thing))
    except Exception:
        return [thing]


def _frame_ids(frame: pd.DataFrame) -> list:
    """The values of every source_id column of a table (empty cells left out)."""
    try:
        ids = []
        for position, column in enumerate(frame.columns):
            if type(column) is str and "source_id" in column:
                for value in frame.iloc[:, position].tolist():
                    if value is None or value is pd.NA or (type(value) is float and value != value):
                        continue
                    ids.append(value)
        return ids
    except Exception:
        return [frame]


def cite(*things) -> pd.DataFrame:
    """The source records (publisher, title, URL, edition, date read) behind some rows.

    Give source ids, lists of them, or DataFrames with ``source_id`` columns, in any mix:
    ``cite(borders, "factbook-2026-01")``.
    """
    found = _source_ids(things)
    sources = load("sources").set_index("source_id")
    known = set(sources.index)
    wanted = list(dict.fromkeys(s for s in found if type(s) is str and s in known))
    unknown = [s for s in found if type(s) is not str or s not in known]
    if unknown:
        shown = list(dict.fromkeys(s if type(s) is str and s.isprintable() else _shown(s, 60)
                                   for s in unknown))
        more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
        quoted = ("" if all(type(s) is str for s in unknown) else
                  " (a source id is text in quotes, like 'factbook-2026-01')")
        raise DataError(f"Unknown source id(s): {', '.join(s[:60] for s in shown[:5])}{more}"
                        f"{quoted}. See data/sources.csv.")
    columns = [c for c in ["publisher", "title", "url", "edition", "accessed"]
               if c in sources.columns]
    table = sources.loc[wanted, columns].reset_index()
    if "accessed" in table:
        table["accessed"] = table["accessed"].dt.strftime("%Y-%m-%d")
    return table.fillna("")
