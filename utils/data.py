"""Load the collection's tables from ``data/``: checked against their schema, typed, cached.

``load("borders")`` returns a pandas DataFrame in which dates are dates, numbers are numbers and
columns with a fixed list of values are categories. The whole data package is validated with the
Frictionless library against ``data/datapackage.json`` (types, required cells, allowed values,
patterns, primary and foreign keys). A broken file is reported in one line that names the file,
the line, the column and the rule, so a teacher who edited a CSV knows exactly what to fix.

Validation takes seconds, so it runs once per state of the data, not once per kernel: a passing
verdict is remembered under the SHA-256 of every byte of the package (and of these rules) in a
per-user cache folder (``KZW_CACHE_DIR``, or the system's cache folder). Any edit to a CSV, a
schema or ``datapackage.json`` changes that hash, so the next ``load()`` validates again.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import LearnerError
from .paths import DATA

PACKAGE = DATA / "datapackage.json"


class DataError(LearnerError):
    """A table in data/ is missing or breaks one of its rules."""


# --------------------------------------------------------------------------- the package

def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{_show(path)} is missing; the data package cannot be read.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataError(f"{_show(path)} is not valid JSON ({err}).") from None


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(DATA.parent).as_posix()
    except ValueError:
        return str(path)


def _package() -> dict:
    return _read_json(PACKAGE)


def _resource(name: str) -> dict:
    resources = {r["name"]: r for r in _package()["resources"]}
    if name not in resources:
        close = difflib.get_close_matches(str(name), resources, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(
            f"There is no table called {name!r}.{hint} Tables: {', '.join(sorted(resources))}.")
    return resources[name]


def _schema(resource: dict) -> dict:
    schema = resource["schema"]
    return _read_json(DATA / schema) if isinstance(schema, str) else schema


def _package_files() -> list[Path]:
    """Every file the package is made of: datapackage.json, the CSVs and the schema files."""
    files = {PACKAGE, *DATA.glob("*.csv"), *(DATA / "schemas").glob("*.json")}
    try:
        for resource in _package().get("resources", []):
            for name in (resource.get("path"), resource.get("schema")):
                if isinstance(name, str) and _inside_data(name):
                    files.add(DATA / name)
    except (DataError, AttributeError, TypeError):
        pass  # a broken package is hashed as it is; validation names the fault
    return sorted(files)


def _inside_data(name: str) -> bool:
    """A relative path that stays inside data/ (no URL, no absolute path, no '..')."""
    path = Path(name)
    return "://" not in name and not path.is_absolute() and ".." not in path.parts


@lru_cache(maxsize=1)
def _rules() -> bytes:
    """What judges the data: this module's code and the Frictionless version."""
    from importlib.metadata import version

    return Path(__file__).read_bytes() + version("frictionless").encode()


def fingerprint() -> str:
    """SHA-256 of the package's bytes and of the rules that judge them: any edit changes it."""
    digest = hashlib.sha256(_rules())
    for path in _package_files():
        digest.update(b"\0" + path.relative_to(DATA).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
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


def _remember_valid(digest: str) -> None:
    """Record a passing verdict; a cache that cannot be written only costs time."""
    target = _verdict_file(digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"valid": True, "checked": _dt.datetime.now().isoformat(
            timespec="seconds"), "data": str(DATA)}), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass


# --------------------------------------------------------------------------- validation

_RULES = {
    "type-error": "the value is not of the column's type",
    "constraint-error": "the value breaks a constraint",
    "missing-cell": "the line has fewer cells than the header (a missing comma or cell?)",
    "extra-cell": "the line has more cells than the header (a stray comma? quote text "
                  "that contains commas)",
    "blank-row": "the line is empty",
    "primary-key": "the key value appears twice",
    "foreign-key": "the value is not found in the table it refers to",
    "incorrect-label": "the header has a wrong column name",
    "missing-label": "the header lacks a column",
    "extra-label": "the header has an unexpected column",
    "duplicate-label": "the header repeats a column name",
    "blank-label": "the header has an empty column name",
    "encoding-error": "the file is not UTF-8 text",
    "source-error": "the file cannot be read as CSV",
    "scheme-error": "the file cannot be opened",
    "unique-error": "the value must be unique but appears twice",
    "row-constraint": "the line breaks a rule that spans columns",
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


def _describe(error, path: str) -> str:
    """One line for one Frictionless error: file, line, column, value and rule."""
    kind = getattr(error, "type", "error")
    parts = [path]
    row = getattr(error, "row_number", None)
    if row:
        parts.append(f"line {row}")
    field = getattr(error, "field_name", None)
    label = getattr(error, "label", None)
    if kind.endswith("-label") and label is not None and field and label != field:
        parts.append(f"header {label!r} where column {field!r} is expected")
    elif field or label:
        parts.append(f"column {field or label!r}")
    where = ", ".join(parts)
    cell = getattr(error, "cell", None)
    value = f" value {cell!r}" if cell not in (None, "") else ""
    note = getattr(error, "note", "") or ""
    rule = _RULES.get(kind, kind)
    detail = f" ({note})" if note else ""
    return f"{where}:{value} {rule} [{kind}]{detail}".replace(":  ", ": ")


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
    """Run every check on the package as it is on disk; raise DataError on the first fault."""
    from frictionless import Package  # imported here: it is slow to import

    _check_delimiters()
    package = Package(str(PACKAGE))
    report = package.validate()
    if report.valid:
        _check_extra_rules()
        return
    for task in report.tasks:
        if task.errors:
            raise DataError(_describe(_first(task.errors), f"data/{Path(task.place).name}"))
    for error in report.errors:
        raise DataError(_describe(error, "data/datapackage.json"))
    raise DataError("data/datapackage.json: the package is not valid.")


SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _check_delimiters() -> None:
    """A table saved with another separator (spreadsheets in many languages use ';') gets one line.

    datapackage.json states the one CSV dialect of the collection (comma, double quote, header).
    """
    for resource in _package()["resources"]:
        delimiter = resource.get("dialect", {}).get("delimiter", ",")
        try:
            with open(DATA / resource["path"], encoding="utf-8", newline="") as handle:
                header = handle.readline()
        except (OSError, UnicodeDecodeError):
            continue  # Frictionless reports a missing or unreadable file with its own rule
        if delimiter in header:
            continue
        for other, name in SEPARATORS.items():
            if other in header:
                raise DataError(
                    f"data/{resource['path']}, line 1: the columns are separated by {name}, but "
                    f"the collection's tables use commas; save it as comma-separated CSV (UTF-8) "
                    f"[dialect]")


def _check_extra_rules() -> None:
    """Rules a Table Schema cannot say: no date after today."""
    today = _dt.date.today().isoformat()
    for resource in _package()["resources"]:
        schema = _schema(resource)
        date_fields = [f["name"] for f in schema["fields"] if f.get("type") == "date"]
        if not date_fields:
            continue
        frame = _read_csv(resource)
        for field in date_fields:
            for index, value in frame[field].items():
                if value and value > today:
                    raise DataError(
                        f"data/{resource['path']}, line {index + 2}, column {field!r}: value "
                        f"{value!r}: the date is in the future [no-future-date]")


# --------------------------------------------------------------------------- typed tables

def _read_csv(resource: dict) -> pd.DataFrame:
    return pd.read_csv(DATA / resource["path"], dtype=str, keep_default_na=False,
                       encoding="utf-8")


def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    out = {}
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        raw = frame[name].replace("", pd.NA)
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            out[name] = pd.to_datetime(raw, format="%Y-%m-%d")
        elif kind in ("integer", "year"):
            out[name] = pd.to_numeric(raw).astype("Int64")
        elif kind == "number":
            out[name] = pd.to_numeric(raw).astype("float64")
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
    return _typed(_read_csv(resource), _schema(resource))


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
    rows = []
    for resource in _package()["resources"]:
        rows.append({"table": resource["name"],
                     "holds": resource.get("description", resource.get("title", "")),
                     "rows": len(_read_csv(resource))})
    return pd.DataFrame(rows)


def _source_ids(thing) -> list:
    if isinstance(thing, pd.DataFrame):
        columns = [c for c in thing.columns if "source_id" in c]
        return [v for c in columns for v in thing[c].dropna().tolist()]
    if isinstance(thing, str):
        return [thing]
    return [v for item in thing for v in _source_ids(item)]


def cite(*things) -> pd.DataFrame:
    """The source records (publisher, title, URL, edition, date read) behind some rows.

    Give source ids, lists of them, or DataFrames with ``source_id`` columns, in any mix:
    ``cite(borders, "factbook-2026-01")``.
    """
    wanted = list(dict.fromkeys(str(s) for thing in things for s in _source_ids(thing)))
    sources = load("sources").set_index("source_id")
    unknown = [s for s in wanted if s not in sources.index]
    if unknown:
        raise DataError(f"Unknown source id(s): {', '.join(unknown)}. See data/sources.csv.")
    columns = [c for c in ["publisher", "title", "url", "edition", "accessed"]
               if c in sources.columns]
    table = sources.loc[wanted, columns].reset_index()
    if "accessed" in table:
        table["accessed"] = table["accessed"].dt.strftime("%Y-%m-%d")
    return table.fillna("")
