"""Reading and checking a table's schema: its fields use the types load() knows, its patterns
compile, its bounds fit its types and its keys name its columns and tables."""

from __future__ import annotations

import datetime as _dt
import difflib
import re

from .errors import DataError, _file, _kind, _shown
from .folder import data_folder
from .package import _read_json, _schema_name

# The column types load() knows how to give (data/README.md); a schema may use only these.
FIELD_TYPES = ("boolean", "date", "integer", "number", "string", "year")

_TYPES = {
    # type: (what the value is not, what to write)
    "number": (
        "is not a number",
        "write digits with a dot for decimals, without a unit, space "
        "or thousands separator, like 1782.8",
    ),
    "integer": ("is not a whole number", "write digits only, like 1991"),
    "year": ("is not a year", "write the four digits of the year, like 1994"),
    "date": (
        "is not a date written YYYY-MM-DD",
        "write an existing day as YYYY-MM-DD, like "
        "1991-12-16 (for a month or a year alone, its first day)",
    ),
    "boolean": ("is not true or false", "write true or false"),
    "string": ("is not text", "write the text"),
}


def _schema(resource: dict) -> dict:
    """A table's schema, read and checked: named fields of the types load() knows."""
    shown = _schema_name(resource)
    schema = resource["schema"]
    if type(schema) is str:
        schema = _read_json(data_folder() / schema, shown)
    fields = schema.get("fields")
    if type(fields) is not list or not fields:
        raise DataError(
            f'{shown}: there is no "fields" list, so the columns of '
            f"{_file(resource['path'])} are not described; restore the file "
            f"(git checkout {shown}) [schema]"
        )
    names = []
    for number, field in enumerate(fields, 1):
        if type(field) is not dict or type(field.get("name")) is not str or not field["name"]:
            raise DataError(
                f'{shown}, field {number}: the field has no "name"; give it the '
                f'column\'s header in the CSV, like "name": "note" [schema]'
            )
        name = field["name"]
        if name in names:
            raise DataError(
                f"{shown}, field {name!r}: two fields have this name; give each "
                f"column its own [schema]"
            )
        names.append(name)
        kind = field.get("type", "string")
        if kind not in FIELD_TYPES:
            close = difflib.get_close_matches(str(kind), FIELD_TYPES, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DataError(
                f"{shown}, field {name!r}: the type {_shown(kind)} is not one the "
                f"collection uses{hint}; use one of {', '.join(FIELD_TYPES)} [schema]"
            )
        constraints = field.get("constraints", {})
        if type(constraints) is not dict:
            raise DataError(
                f'{shown}, field {name!r}: "constraints" is {_kind(constraints)} '
                f'where an object is expected; write it like {{"required": true}} '
                f"[schema]"
            )
        pattern = constraints.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as err:
                raise DataError(
                    f'{shown}, field {name!r}: the "pattern" {_shown(pattern, 60)} is '
                    f"not a valid regular expression ({err}); fix it [schema]"
                ) from None
        for bound in ("minimum", "maximum"):
            limit = constraints.get(bound)
            if limit is not None and not _fits(limit, kind):
                raise DataError(
                    f'{shown}, field {name!r}: the "{bound}" {_shown(limit)} '
                    f"{_TYPES[kind][0]}, as a {kind} column needs; "
                    f"{_TYPES[kind][1]} [schema]"
                )
        enum = constraints.get("enum")
        if enum is not None and (type(enum) is not list or not enum):
            raise DataError(
                f'{shown}, field {name!r}: "enum" is {_kind(enum)} where the list '
                f'of allowed values is expected; write it like ["a", "b"] [schema]'
            )
    for key in _key_fields(schema.get("primaryKey")):
        if key not in names:
            raise DataError(
                f'{shown}: the "primaryKey" names the column {_shown(key)}, which is '
                f"not among the fields ({', '.join(names)}); fix the key [schema]"
            )
    foreign_keys = schema.get("foreignKeys", [])
    if type(foreign_keys) is not list:
        raise DataError(
            f'{shown}: "foreignKeys" is {_kind(foreign_keys)} where a list is '
            f"expected; restore the file (git checkout {shown}) [schema]"
        )
    for key in foreign_keys:
        if (
            type(key) is not dict
            or type(key.get("reference")) is not dict
            or not _key_fields(key.get("fields"))
        ):
            raise DataError(
                f'{shown}: a foreign key lacks its "fields" or its "reference"; '
                f'write it like {{"fields": ["source_id"], "reference": {{"resource": '
                f'"sources", "fields": ["source_id"]}}}} [schema]'
            )
        for column in _key_fields(key["fields"]):
            if column not in names:
                raise DataError(
                    f"{shown}: a foreign key names the column {_shown(column)}, which "
                    f"is not among the fields ({', '.join(names)}); fix the key "
                    f"[schema]"
                )
    return schema


def _fits(limit, kind: str) -> bool:
    """Whether a schema's minimum or maximum is a value of the column's type."""
    if kind in ("number", "integer", "year"):
        return (
            type(limit) in (int, float)
            and limit == limit
            and abs(limit) != float("inf")
            and (kind == "number" or type(limit) is int)
        )
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
                raise DataError(
                    f"{where}: a foreign key of column(s) "
                    f"{', '.join(_key_fields(key['fields']))} points at the table "
                    f"{_shown(other)}, which data/datapackage.json does not list; "
                    f"name one of its tables [schema]"
                )
            columns = [f["name"] for f in schemas[other]["fields"]]
            wanted = _key_fields(reference.get("fields"))
            missing = [c for c in wanted if c not in columns]
            if not wanted or missing or len(wanted) != len(_key_fields(key["fields"])):
                raise DataError(
                    f"{where}: a foreign key of column(s) "
                    f"{', '.join(_key_fields(key['fields']))} points at column(s) "
                    f"{', '.join(map(_shown, missing or wanted)) or 'none'} of the "
                    f"table {other!r}, which has {', '.join(columns)}; fix the "
                    f"reference [schema]"
                )
