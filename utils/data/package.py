"""Reading and checking ``datapackage.json``: each table has a name, a CSV and a schema, and
every path names a file inside ``data/`` (no web address, absolute path or ``..``)."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import DataError, _file, _kind, _shown
from .folder import data_folder, package_file


def _read_json(path: Path, shown: str) -> dict:
    """A JSON object from a file of the package; any fault is one line naming the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            f"{shown}: the file is missing, so the data package cannot be read; "
            f"restore it (git checkout {shown}) [missing-file]"
        ) from None
    except OSError as err:
        raise DataError(
            f"{shown}: the file cannot be read ({err.strerror or err}); check that "
            f"it is a file you may read [missing-file]"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            f"{shown}, line {line}: byte 0x{raw[err.start]:02x} is not UTF-8 text; "
            f"save the file as UTF-8 [encoding-error]"
        ) from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(
            f"{shown}, line {err.lineno}, column {err.colno}: this is not valid JSON "
            f"({err.msg}); look for a missing comma, quote or bracket there, or "
            f"restore the file (git checkout {shown}) [json]"
        ) from None
    except RecursionError:
        raise DataError(
            f"{shown}: the JSON is nested too deeply to read; restore the file "
            f"(git checkout {shown}) [json]"
        ) from None
    if type(value) is not dict:
        raise DataError(
            f"{shown}: the file holds {_kind(value)} where a JSON object {{...}} is "
            f"expected; restore the file (git checkout {shown}) [json]"
        )
    return value


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def _inside_data(value, where: str, key: str, example: str) -> None:
    """A path in the package must name a file inside data/: no URL, no absolute path, no '..'."""
    if value is None:
        raise DataError(
            f'{where}: there is no "{key}"; give the file in data/, like "{example}" [package]'
        )
    if type(value) is not str or not value.strip():
        raise DataError(
            f'{where}: "{key}" is {_kind(value)} where the name of a file in data/ is '
            f'expected, like "{example}" [package]'
        )
    if "://" in value or _URL.match(value):
        raise DataError(
            f'{where}: "{key}" is the web address {_shown(value, 60)}; the collection '
            f"reads only files in data/ and downloads nothing: put the file in data/ "
            f'and write its name, like "{example}" [unsafe-path]'
        )
    if (
        PurePosixPath(value).is_absolute()
        or PureWindowsPath(value).is_absolute()
        or PureWindowsPath(value).drive
        or value.startswith(("~", "\\"))
    ):
        raise DataError(
            f'{where}: "{key}" is the absolute path {_shown(value, 60)}; the '
            f"collection reads only files in data/: write the path relative to data/, "
            f'like "{example}" [unsafe-path]'
        )
    parts = PureWindowsPath(value).parts
    folder = data_folder()
    resolved = (folder / value).resolve()
    if ".." in parts or not resolved.is_relative_to(folder.resolve()):
        raise DataError(
            f'{where}: "{key}" is {_shown(value, 60)}, which points outside data/; '
            f"the collection reads only files in data/: write a path inside it, like "
            f'"{example}" [unsafe-path]'
        )
    if "$" in value or "%" in value:
        raise DataError(
            f'{where}: "{key}" is {_shown(value, 60)}; a file name in the package may '
            f'not hold $ or %: rename the file, like "{example}" [unsafe-path]'
        )


def _package() -> dict:
    """datapackage.json, read and checked: an object with a list of tables, each with a name, a
    path to a CSV file in data/ and a schema. Any fault is one line naming the file."""
    shown = "data/datapackage.json"
    package = _read_json(package_file(), shown)
    resources = package.get("resources")
    if resources is None:
        raise DataError(
            f'{shown}: there is no "resources" list, so no table is described; '
            f"restore the file (git checkout {shown}) [package]"
        )
    if type(resources) is not list or not resources:
        what = "an empty list" if resources == [] else _kind(resources)
        raise DataError(
            f'{shown}: "resources" is {what} where the list of tables is expected; '
            f"restore the file (git checkout {shown}) [package]"
        )
    names = set()
    for number, resource in enumerate(resources, 1):
        where = f"{shown}, resource {number}"
        if type(resource) is not dict:
            raise DataError(
                f"{where}: {_kind(resource)} where a table is expected; describe "
                f'it as an object like {{"name": "borders", "path": "borders.csv", '
                f'"schema": "schemas/borders.schema.json"}} [package]'
            )
        name = resource.get("name")
        if type(name) is not str or not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", name):
            what = "missing" if name is None else _shown(name)
            raise DataError(
                f'{where}: the table\'s "name" is {what}; give it a name in lower '
                f'case, like "borders" [package]'
            )
        where = f"{shown}, table {name!r}"
        if name in names:
            raise DataError(f"{where}: two tables have this name; give each its own name [package]")
        names.add(name)
        _inside_data(resource.get("path"), where, "path", f"{name}.csv")
        schema = resource.get("schema")
        if schema is None:
            raise DataError(
                f'{where}: there is no "schema", so nothing says what its columns '
                f'hold; add "schema": "schemas/{name}.schema.json" [package]'
            )
        if type(schema) is str:
            _inside_data(schema, where, "schema", f"schemas/{name}.schema.json")
        elif type(schema) is not dict:
            raise DataError(
                f'{where}: "schema" is {_kind(schema)} where the path of a schema file '
                f'is expected, like "schemas/{name}.schema.json" [package]'
            )
        rows = resource.get("minRows", 0)
        if type(rows) is not int or rows < 0:
            raise DataError(
                f'{where}: "minRows" is {_shown(rows)} where a number of rows is '
                f"expected; write a whole number, like 1 [package]"
            )
    return package


def _resource(name: str) -> dict:
    resources = {r["name"]: r for r in _package()["resources"]}
    if name not in resources:
        close = difflib.get_close_matches(str(name), resources, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(
            f"There is no table called {name!r}.{hint} Tables: {', '.join(sorted(resources))}."
        )
    return resources[name]


def _schema_name(resource: dict) -> str:
    schema = resource["schema"]
    if type(schema) is str:
        return _file(schema)
    return f"data/datapackage.json, table {resource['name']!r}, schema"
