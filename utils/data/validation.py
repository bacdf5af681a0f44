"""Validating the whole package: the checks of this package, then Frictionless, table by table.

The package file and the schemas are read and checked first, then each table's text, then
Frictionless checks types, required cells, allowed values, patterns, ranges, primary and
foreign keys and a minimum number of rows. The first fault is one line (``messages``), never a
traceback from the library. A passing verdict is kept (``verdicts``); a failure never is.
"""

from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache

from .errors import DataError, _file
from .folder import data_folder
from .messages import _describe, _first, _library_line
from .package import _package
from .schemas import _check_references, _schema
from .text import _check_text, _line_of, _read_csv
from .verdicts import _remember_valid, _table_fingerprint, _table_verdict_file, _verdict_file


def _frictionless_package(resources: list, schemas: dict):
    """The package as Frictionless sees it, built from the descriptors and schemas we checked."""
    from frictionless import FrictionlessException, Package, Resource

    built = []
    for resource in resources:
        descriptor = json.loads(json.dumps({**resource, "schema": schemas[resource["name"]]}))
        try:
            built.append(Resource.from_descriptor(descriptor, basepath=str(data_folder())))
        except FrictionlessException as err:
            raise DataError(_library_line(err, resource)) from None
    try:
        return Package(resources=built, basepath=str(data_folder()))
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
        raise DataError(
            f"{_file(resource['path'])}: the file cannot be checked ({detail}); "
            f"compare it with the collection's copy (git diff "
            f"{_file(resource['path'])}) [validation]"
        ) from None
    if report.valid:
        return
    errors = [error for task in report.tasks for error in task.errors] or list(report.errors)
    first = _first(errors)
    if getattr(first, "type", "").endswith(
        ("metadata-error", "resource-error", "schema-error", "field-error", "package-error")
    ):
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
                    f"allows it [constraint-error]"
                )


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
                    f"what has happened, so check the year [no-future-date]"
                )


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
    pending = [(r, _table_verdict_file(_table_fingerprint(r, by_name, schemas))) for r in resources]
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
