"""Frictionless's errors turned into one line each: file, line, column, value, what is wrong
and what to do, ending with the rule's tag in brackets."""

from __future__ import annotations

import difflib
import re

from .errors import _file
from .package import _schema_name
from .schemas import _TYPES, _key_fields
from .text import _has_quote, _line_of

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

_STRUCTURAL = (
    "incorrect-label",
    "missing-label",
    "extra-label",
    "duplicate-label",
    "blank-label",
    "encoding-error",
    "source-error",
    "scheme-error",
    "extra-cell",
    "missing-cell",
    "blank-row",
)


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
    repeated = [
        label for label in dict.fromkeys(labels) if labels.count(label) > 1 and label.strip()
    ]
    blank = [i for i, label in enumerate(labels) if not label.strip()]
    if blank:
        expected = f" where {names[blank[0]]!r} is expected" if blank[0] < len(names) else ""
        return (
            f"{where}, column {blank[0] + 1}: the header has an empty column name{expected}; "
            f"write the column's name [blank-label]"
        )
    if repeated:
        return (
            f"{where}, column {repeated[0]!r}: the header names this column twice; each "
            f"column appears once ({', '.join(names)}) [duplicate-label]"
        )
    if len(missing) == len(extra) == 1:
        return (
            f"{where}, column {extra[0]!r}: the header has {extra[0]!r} where {missing[0]!r} "
            f"is expected (a misspelt or renamed column); rename it {missing[0]!r} "
            f"[incorrect-label]"
        )
    if missing:
        return (
            f"{where}, column {missing[0]!r}: the header lacks the column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} that "
            f"{schema_file} describes; add it back, with a cell in every line "
            f"[missing-label]"
        )
    if extra:
        return (
            f"{where}, column {extra[0]!r}: the header has the column"
            f"{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))} that "
            f"{schema_file} does not describe; remove it, or describe it in the schema "
            f"[extra-label]"
        )
    return (
        f"{where}: the columns are in another order than {schema_file} gives; put them "
        f"back in this order: {', '.join(names)} [{kind}]"
    )


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
            return (
                f"{where}: the cell is empty, but this column must be filled in; fill it in "
                f"[constraint-error]"
            )
        if rule == "pattern" and cell is not None and not str(cell).strip():
            required = constraints.get("required")
            fix = (
                "write its text"
                if required
                else "write its text, or leave it empty, without spaces, if it is unknown"
            )
            return (
                f"{where}: the cell holds only spaces, which teach nothing; {fix} "
                f"[constraint-error]"
            )
        if rule == "pattern" and constraints.get("pattern") == TEXT_PATTERN:
            return (
                f"{where}: {value} starts or ends with a space (or a line break); remove it, "
                f"so that the text matches what learners type [constraint-error]"
            )
        if rule == "pattern":
            pattern = constraints.get("pattern", "")
            words = _PATTERNS.get(pattern, f"text that matches the pattern {pattern}")
            return f"{where}: {value} is not {words}; correct it [constraint-error]"
        if rule == "enum":
            allowed = [str(v) for v in constraints.get("enum", [])]
            close = difflib.get_close_matches(str(cell), allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return (
                f"{where}: {value} is not one of the allowed values{hint}; use one of "
                f"{', '.join(allowed)}, spelled exactly so [constraint-error]"
            )
        if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if str(cell).strip().lower().lstrip("+-") in ("nan", "snan", "inf", "infinity"):
                return (
                    f"{where}: {value} is not a figure the notebooks can compute with; write "
                    f"the number, or leave the cell empty if it is unknown and the column "
                    f"allows it [constraint-error]"
                )
            low, high = constraints.get("minimum"), constraints.get("maximum")
            span = (
                f"from {low} to {high}"
                if low is not None and high is not None
                else f"at least {low}"
                if low is not None
                else f"at most {high}"
            )
            check = (
                "the date (its year?)"
                if spec.get("type") == "date"
                else "the figure (a sign, a digit or a unit?)"
            )
            return (
                f"{where}: {value} is outside the range this column allows ({span}); check "
                f"{check} [constraint-error]"
            )
        return f"{where}: {value} breaks the rule {note or rule} of the schema [constraint-error]"
    if kind == "unique-error":
        first = _position(note)
        earlier = f" (first on line {_line_of(resource, first)})" if first else ""
        return (
            f"{where}: {value} appears twice in this column{earlier}; each value must be "
            f"unique: change or delete one of the rows [unique-error]"
        )
    if kind == "primary-key":
        key = _key_fields(schema.get("primaryKey"))
        names = list(fields)
        cells = list(getattr(error, "cells", None) or [])
        values = [cells[names.index(k)] if names.index(k) < len(cells) else "" for k in key]
        if all(v == "" for v in values):
            return (
                f"{where}: the key column(s) {', '.join(key)} are empty; every row needs its "
                f"key filled in [primary-key]"
            )
        first = _position(note)
        earlier = f" (first on line {_line_of(resource, first)})" if first else ""
        pairs = ", ".join(f"{k} = {v!r}" for k, v in zip(key, values))
        return (
            f"{where}: the key {pairs} appears twice{earlier}; each row needs its own key "
            f"({', '.join(key)}): change or delete one of the two rows [primary-key]"
        )
    if kind == "foreign-key":
        other = getattr(error, "reference_name", None) or resource["name"]
        target = by_name.get(other)
        target_file = _file(target["path"]) if target else repr(other)
        columns = ", ".join(getattr(error, "reference_field_names", None) or [])
        values = ", ".join(repr(v) for v in (getattr(error, "field_cells", None) or []))
        if not values:
            return f"{where}: {note or 'a foreign key cannot be checked'} [foreign-key]"
        return (
            f"{where}: value {values} is not found in {target_file} (column {columns}); use "
            f"a value that is there, or add its row to {target_file} first [foreign-key]"
        )
    if kind == "blank-row":
        return f"{where}: the line is empty, or holds only commas; delete it [blank-row]"
    if kind in ("missing-cell", "extra-cell"):
        count, width = len(getattr(error, "cells", None) or []), len(fields)
        quotes = (
            "; check its double quotes too, a quote may open a cell in the wrong place"
            if '"' in "".join(map(str, getattr(error, "cells", None) or []))
            or _has_quote(resource, row)
            else ""
        )
        if kind == "missing-cell":
            return (
                f"{where}: the line has {count} cells where the header has {width} (a "
                f"missing comma, or a cell lost?); add the missing cells, empty if unknown"
                f"{quotes} [missing-cell]"
            )
        return (
            f"{where}: the line has {count} cells where the header has {width} (a stray "
            f"comma?); put text that holds a comma in double quotes{quotes} [extra-cell]"
        )
    if kind == "table-dimensions":
        found = re.search(r"number of rows is (\d+), the minimum is (\d+)", note)
        have, need = found.groups() if found else ("too few", resource.get("minRows", 1))
        return (
            f"{shown}, line 2: the table has {have} rows under its header where it needs at "
            f'least {need} ("minRows" in data/datapackage.json), so the notebooks would '
            f"compute from nothing; restore its rows (git checkout {shown}) [table-dimensions]"
        )
    if kind in ("source-error", "scheme-error", "format-error", "encoding-error", "io-error"):
        return (
            f"{shown}: the file cannot be read as CSV ({note or kind}); save it as "
            f"comma-separated CSV UTF-8 [{kind}]"
        )
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
