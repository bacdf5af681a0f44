"""A catalogue of the faults a careless editor can put into data/, each refused in one line.

Every corruption is applied, one at a time, to a fresh copy of the REAL data/ folder, and
``load()`` is called on the result. Each must raise a DataError whose message is one line that
starts with the file at fault and names, where they apply, the line and the column, then says
what is wrong and what to do, and ends with the rule's tag in brackets. Acceptable variants (a
UTF-8 byte-order mark, CRLF line endings) must load the same data as the pristine copy.

Speed: the pristine copy is validated once per session into a shared cache folder (verdicts are
kept per table under the hash of the table's files), so each corruption re-checks only the
tables it touches. The number of corruptions and, with -v, every message are printed at the end.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import utils.data as data
from utils.data import DataError

REAL = data.DATA
MESSAGES: dict[str, str] = {}


# --------------------------------------------------------------------------- editing a copy


def text(folder: Path, file: str) -> str:
    return (folder / file).read_text(encoding="utf-8")


def write(folder: Path, file: str, content: str) -> None:
    (folder / file).write_text(content, encoding="utf-8")


def replace(file, old, new):
    """Replace the first occurrence of `old` (which must be there) by `new`."""

    def edit(folder):
        content = text(folder, file)
        assert old in content, f"{file}: {old!r} not found"
        write(folder, file, content.replace(old, new, 1))

    return edit


def set_cell(file, line, column, value, raw=False):
    """Write `value` into one cell of one line; `raw` writes it without CSV quoting."""

    def edit(folder):
        lines = text(folder, file).split("\n")
        header = next(csv.reader([lines[0]]))
        cells = next(csv.reader([lines[line - 1]]))
        cells[header.index(column)] = value
        if raw:
            lines[line - 1] = ",".join(cells)
        else:
            out = io.StringIO()
            csv.writer(out, lineterminator="").writerow(cells)
            lines[line - 1] = out.getvalue()
        write(folder, file, "\n".join(lines))

    return edit


def edit_lines(file, change):
    """Apply `change` to the list of lines (the last, empty one after the final newline kept)."""

    def edit(folder):
        lines = text(folder, file).split("\n")
        write(folder, file, "\n".join(change(lines)))

    return edit


def append_copy_of_line(file, line):
    def change(lines):
        return lines[:-1] + [lines[line - 1], ""]

    return edit_lines(file, change)


def drop_column(file, column):
    def edit(folder):
        rows = list(csv.reader(io.StringIO(text(folder, file), newline="")))
        index = rows[0].index(column)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:index] + r[index + 1 :] for r in rows])
        write(folder, file, out.getvalue())

    return edit


def on_bytes(file, change):
    def edit(folder):
        path = folder / file
        path.write_bytes(change(path.read_bytes()))

    return edit


def on_json(file, change):
    def edit(folder):
        value = json.loads(text(folder, file))
        write(folder, file, json.dumps(change(value), indent=2))

    return edit


def on_resource(name, change):
    def each(package):
        for resource in package["resources"]:
            if resource["name"] == name:
                change(resource)
        return package

    return on_json("datapackage.json", each)


def on_field(table, field, change):
    def each(schema):
        for spec in schema["fields"]:
            if spec["name"] == field:
                change(spec)
        return schema

    return on_json(f"schemas/{table}.schema.json", each)


def delete(file):
    def edit(folder):
        (folder / file).unlink()

    return edit


def lines_of(file) -> int:
    """Number of lines of a real CSV (header included)."""
    return len((REAL / file).read_text(encoding="utf-8").splitlines())


def line_of(file, start) -> int:
    """The line of a real CSV that starts with `start`."""
    for number, line in enumerate((REAL / file).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(start):
            return number
    raise AssertionError(f"{file}: no line starts with {start!r}")


def source_used_only_by_countries() -> str:
    """A source id that countries.csv uses: deleting its row breaks a foreign key."""
    return "factbook-2026-01"


# --------------------------------------------------------------------------- the catalogue


@dataclass
class Fault:
    edit: Callable[[Path], None]
    file: str  # the file the message must start with (under data/)
    kind: str  # the rule's tag, [kind]
    line: int | None = None  # the line the message must name, where one applies
    column: str | int | None = None  # the column it must name, where one applies


ROWS = "organization_members.csv"
SHARE = line_of("trade.csv", "2025-12-11,2023,export,CHN")
LAST_SOURCE = lines_of("sources.csv")

CATALOGUE: dict[str, Fault] = {
    # ------------------------------------------------------------ datapackage.json
    "package: not valid JSON (truncated)": Fault(
        on_bytes("datapackage.json", lambda b: b[:200]),
        "datapackage.json",
        "json",
        line=(REAL / "datapackage.json").read_bytes()[:200].count(b"\n") + 1,
    ),
    "package: a list instead of an object": Fault(
        on_json("datapackage.json", lambda p: [p]), "datapackage.json", "json"
    ),
    "package: no resources": Fault(
        on_json("datapackage.json", lambda p: {"name": p["name"]}), "datapackage.json", "package"
    ),
    "package: resources is an empty list": Fault(
        on_json("datapackage.json", lambda p: {**p, "resources": []}), "datapackage.json", "package"
    ),
    "package: a resource is a string": Fault(
        on_json("datapackage.json", lambda p: {**p, "resources": p["resources"] + ["facts.csv"]}),
        "datapackage.json",
        "package",
    ),
    "package: a resource without a name": Fault(
        on_resource("facts", lambda r: r.pop("name")), "datapackage.json", "package"
    ),
    "package: two resources with one name": Fault(
        on_resource("facts", lambda r: r.update(name="borders")), "datapackage.json", "package"
    ),
    "package: a resource without a schema": Fault(
        on_resource("facts", lambda r: r.pop("schema")), "datapackage.json", "package"
    ),
    "package: a resource without a path": Fault(
        on_resource("facts", lambda r: r.pop("path")), "datapackage.json", "package"
    ),
    "package: minRows is not a number": Fault(
        on_resource("facts", lambda r: r.update(minRows="one")), "datapackage.json", "package"
    ),
    "package: the file is deleted": Fault(
        delete("datapackage.json"), "datapackage.json", "missing-file"
    ),
    "package: the file is not UTF-8": Fault(
        on_bytes("datapackage.json", lambda b: b.replace(b"Sourced tables", b"Sourc\xe9d tables")),
        "datapackage.json",
        "encoding-error",
        line=4,
    ),
    # ------------------------------------------------------------ paths out of data/
    "path: ../../etc/passwd": Fault(
        on_resource("facts", lambda r: r.update(path="../../etc/passwd")),
        "datapackage.json",
        "unsafe-path",
    ),
    "path: absolute /etc/passwd": Fault(
        on_resource("facts", lambda r: r.update(path="/etc/passwd")),
        "datapackage.json",
        "unsafe-path",
    ),
    "path: https URL": Fault(
        on_resource("facts", lambda r: r.update(path="https://example.org/facts.csv")),
        "datapackage.json",
        "unsafe-path",
    ),
    "path: file:// URL": Fault(
        on_resource("facts", lambda r: r.update(path="file:///etc/passwd")),
        "datapackage.json",
        "unsafe-path",
    ),
    "path: Windows drive": Fault(
        on_resource("facts", lambda r: r.update(path="C:\\data\\facts.csv")),
        "datapackage.json",
        "unsafe-path",
    ),
    "path: a schema outside data/": Fault(
        on_resource("facts", lambda r: r.update(schema="../../etc/passwd")),
        "datapackage.json",
        "unsafe-path",
    ),
    "path: names a file that is not there": Fault(
        on_resource("facts", lambda r: r.update(path="fact.csv")), "fact.csv", "missing-file"
    ),
    # ------------------------------------------------------------ schema files
    "schema: file deleted": Fault(
        delete("schemas/facts.schema.json"), "schemas/facts.schema.json", "missing-file"
    ),
    "schema: not valid JSON": Fault(
        replace("schemas/facts.schema.json", '"fields": [', '"fields": [,'),
        "schemas/facts.schema.json",
        "json",
        line=3,
    ),
    "schema: a list instead of an object": Fault(
        on_json("schemas/facts.schema.json", lambda s: s["fields"]),
        "schemas/facts.schema.json",
        "json",
    ),
    "schema: no fields": Fault(
        on_json("schemas/facts.schema.json", lambda s: {"primaryKey": s["primaryKey"]}),
        "schemas/facts.schema.json",
        "schema",
    ),
    "schema: unknown field type": Fault(
        on_field("facts", "value", lambda f: f.update(type="numeric")),
        "schemas/facts.schema.json",
        "schema",
        column="value",
    ),
    "schema: a field without a name": Fault(
        on_field("facts", "note", lambda f: f.pop("name")), "schemas/facts.schema.json", "schema"
    ),
    "schema: a pattern that is not a regular expression": Fault(
        on_field(
            "borders", "neighbour_iso3", lambda f: f["constraints"].update(pattern="^[A-Z{3}$")
        ),
        "schemas/borders.schema.json",
        "schema",
        column="neighbour_iso3",
    ),
    "schema: enum is not a list": Fault(
        on_field("countries", "region", lambda f: f["constraints"].update(enum="europe")),
        "schemas/countries.schema.json",
        "schema",
        column="region",
    ),
    "schema: a minimum that is not a number": Fault(
        on_field("borders", "length_km", lambda f: f["constraints"].update(minimum="zero")),
        "schemas/borders.schema.json",
        "schema",
        column="length_km",
    ),
    "schema: primary key names an unknown column": Fault(
        on_json("schemas/borders.schema.json", lambda s: {**s, "primaryKey": ["neighbour"]}),
        "schemas/borders.schema.json",
        "schema",
    ),
    "schema: foreign key to an unknown table": Fault(
        replace("schemas/borders.schema.json", '"resource": "countries"', '"resource": "nations"'),
        "schemas/borders.schema.json",
        "schema",
    ),
    "schema: foreign key to an unknown column": Fault(
        replace("schemas/borders.schema.json", '"iso3"\n', '"iso_3"\n'),
        "schemas/borders.schema.json",
        "schema",
    ),
    # ------------------------------------------------------------ CSV structure
    "csv: the file is deleted": Fault(delete("borders.csv"), "borders.csv", "missing-file"),
    "csv: the file is empty": Fault(
        on_bytes("borders.csv", lambda b: b""), "borders.csv", "empty-file"
    ),
    "csv: header and no rows": Fault(
        edit_lines("facts.csv", lambda lines: lines[:1] + [""]),
        "facts.csv",
        "table-dimensions",
        line=2,
    ),
    "csv: a column left out (length_km)": Fault(
        drop_column("borders.csv", "length_km"),
        "borders.csv",
        "missing-label",
        line=1,
        column="length_km",
    ),
    "csv: a misspelt column name": Fault(
        replace("borders.csv", "length_km", "lenght_km"),
        "borders.csv",
        "incorrect-label",
        line=1,
        column="lenght_km",
    ),
    "csv: an extra column": Fault(
        edit_lines(
            "borders.csv",
            lambda lines: (
                [lines[0] + ",remark"] + [line + "," if line else line for line in lines[1:]]
            ),
        ),
        "borders.csv",
        "extra-label",
        line=1,
        column="remark",
    ),
    "csv: a column name repeated": Fault(
        replace("borders.csv", "length_km,source_id", "length_km,length_km"),
        "borders.csv",
        "duplicate-label",
        line=1,
        column="length_km",
    ),
    "csv: an empty column name": Fault(
        replace("borders.csv", "length_km,source_id", ",source_id"),
        "borders.csv",
        "blank-label",
        line=1,
        column=2,
    ),
    "csv: two columns swapped in the header": Fault(
        replace("borders.csv", "length_km,source_id", "source_id,length_km"),
        "borders.csv",
        "incorrect-label",
        line=1,
    ),
    "csv: a stray comma (7,644)": Fault(
        set_cell("borders.csv", 4, "length_km", "7,644", raw=True),
        "borders.csv",
        "extra-cell",
        line=4,
    ),
    "csv: a cell left out": Fault(
        edit_lines(
            "borders.csv", lambda lines: lines[:2] + [lines[2].rsplit(",", 1)[0]] + lines[3:]
        ),
        "borders.csv",
        "missing-cell",
        line=3,
        column="note",
    ),
    "csv: an empty line in the middle": Fault(
        edit_lines("borders.csv", lambda lines: lines[:5] + [""] + lines[5:]),
        "borders.csv",
        "blank-row",
        line=6,
    ),
    "csv: a line of commas only": Fault(
        edit_lines("borders.csv", lambda lines: lines[:5] + [",,,,"] + lines[5:]),
        "borders.csv",
        "blank-row",
        line=6,
    ),
    "csv: saved with semicolons": Fault(
        on_bytes("borders.csv", lambda b: b.replace(b",", b";")), "borders.csv", "dialect", line=1
    ),
    "csv: saved with tabs": Fault(
        on_bytes("borders.csv", lambda b: b.replace(b",", b"\t")), "borders.csv", "dialect", line=1
    ),
    "csv: a quote opened and never closed": Fault(
        set_cell("borders.csv", lines_of("borders.csv"), "note", '"Geography', raw=True),
        "borders.csv",
        "unbalanced-quote",
        line=lines_of("borders.csv"),
        column="note",
    ),
    "csv: a quote opened and closed lines later": Fault(
        set_cell("facts.csv", 2, "label", '"Kazakhstan: total area', raw=True),
        "facts.csv",
        "unbalanced-quote",
        line=2,
        column="label",
    ),
    "csv: a quote that swallows the line's commas": Fault(
        replace("facts.csv", "kz_area_rank_mfa_kg,Kazakhstan", 'kz_area_rank_mfa_kg,"Kazakhstan'),
        "facts.csv",
        "unbalanced-quote",
        line=line_of("facts.csv", "kz_area_rank_mfa_kg,"),
    ),
    "csv: text after a closing quote": Fault(
        replace(
            "facts.csv",
            "kz_area_rank_mfa_kg,Kazakhstan: rank by area (Kyrgyz MFA page)",
            'kz_area_rank_mfa_kg,"Kazakhstan: rank by area" (Kyrgyz MFA page)',
        ),
        "facts.csv",
        "unbalanced-quote",
        line=line_of("facts.csv", "kz_area_rank_mfa_kg,"),
    ),
    # ------------------------------------------------------------ encodings and bytes
    "encoding: a Latin-1 accent in a cell": Fault(
        on_bytes("countries.csv", lambda b: b.replace(b"Aruba,Country", b"Arub\xe1,Country")),
        "countries.csv",
        "encoding-error",
        line=2,
        column="name",
    ),
    "encoding: Windows-1252 curly quotes": Fault(
        on_bytes("facts.csv", lambda b: b.replace(b"ranks 9th", b"\x93ranks 9th\x94")),
        "facts.csv",
        "encoding-error",
        line=6,
        column="note",
    ),
    "encoding: a UTF-8 letter cut in half": Fault(
        on_bytes(
            "countries.csv",
            lambda b: b.replace("TUR,792,Turkey,Türkiye".encode(), b"TUR,792,Turkey,T\xc3rkiye", 1),
        ),
        "countries.csv",
        "encoding-error",
        line=line_of("countries.csv", "TUR,"),
        column="aliases",
    ),
    "encoding: saved as UTF-16 with a byte-order mark": Fault(
        on_bytes("facts.csv", lambda b: b.decode("utf-8").encode("utf-16")),
        "facts.csv",
        "encoding-error",
        line=1,
    ),
    "encoding: saved as UTF-16 without a byte-order mark": Fault(
        on_bytes("facts.csv", lambda b: b.decode("utf-8").encode("utf-16-le")),
        "facts.csv",
        "encoding-error",
        line=1,
    ),
    "encoding: a NUL byte in a cell": Fault(
        on_bytes("facts.csv", lambda b: b.replace(b"total area", b"total\x00area")),
        "facts.csv",
        "control-character",
        line=2,
        column="label",
    ),
    # ------------------------------------------------------------ cells: number
    "number: with a unit": Fault(
        set_cell("borders.csv", 2, "length_km", "1765 km"),
        "borders.csv",
        "type-error",
        line=2,
        column="length_km",
    ),
    "number: thousands separator": Fault(
        set_cell("borders.csv", 2, "length_km", "1,765"),
        "borders.csv",
        "type-error",
        line=2,
        column="length_km",
    ),
    "number: decimal comma": Fault(
        set_cell("trade.csv", SHARE, "share_pct", "16,5"),
        "trade.csv",
        "type-error",
        line=SHARE,
        column="share_pct",
    ),
    "number: below the minimum": Fault(
        set_cell("borders.csv", 2, "length_km", "-1765"),
        "borders.csv",
        "constraint-error",
        line=2,
        column="length_km",
    ),
    "number: above the maximum (a share of 160 %)": Fault(
        set_cell("trade.csv", SHARE, "share_pct", "160"),
        "trade.csv",
        "constraint-error",
        line=SHARE,
        column="share_pct",
    ),
    "number: NaN": Fault(
        set_cell("facts.csv", 2, "value", "NaN"),
        "facts.csv",
        "constraint-error",
        line=2,
        column="value",
    ),
    "number: Infinity": Fault(
        set_cell("borders.csv", 2, "length_km", "Infinity"),
        "borders.csv",
        "constraint-error",
        line=2,
        column="length_km",
    ),
    "number: sNaN (the library itself trips on it)": Fault(
        set_cell("facts.csv", 3, "value", "sNaN"),
        "facts.csv",
        "constraint-error",
        line=3,
        column="value",
    ),
    "number: latitude out of range": Fault(
        set_cell("places.csv", 2, "lat", "151.1801"),
        "places.csv",
        "constraint-error",
        line=2,
        column="lat",
    ),
    # ------------------------------------------------------------ cells: integer and year
    "integer: a decimal year": Fault(
        set_cell("trade.csv", SHARE, "data_year", "2023.5"),
        "trade.csv",
        "type-error",
        line=SHARE,
        column="data_year",
    ),
    "integer: out of range": Fault(
        set_cell("memberships.csv", 2, "joined_year", "1892"),
        "memberships.csv",
        "constraint-error",
        line=2,
        column="joined_year",
    ),
    "year: in words": Fault(
        set_cell("nuclear_figures.csv", 2, "as_of", "nineteen ninety-one"),
        "nuclear_figures.csv",
        "type-error",
        line=2,
        column="as_of",
    ),
    # ------------------------------------------------------------ cells: date
    "date: in words": Fault(
        set_cell("leaders.csv", 3, "start", "20 March 2019"),
        "leaders.csv",
        "type-error",
        line=3,
        column="start",
    ),
    "date: day and month swapped": Fault(
        set_cell("leaders.csv", 3, "start", "2019-20-03"),
        "leaders.csv",
        "type-error",
        line=3,
        column="start",
    ),
    "date: a day that does not exist": Fault(
        set_cell("leaders.csv", 2, "end", "2019-02-30"),
        "leaders.csv",
        "type-error",
        line=2,
        column="end",
    ),
    "date: before the schema's minimum": Fault(
        set_cell("diplomatic_relations.csv", 2, "recognised", "1990-12-16"),
        "diplomatic_relations.csv",
        "constraint-error",
        line=2,
        column="recognised",
    ),
    "date: in the future": Fault(
        set_cell("leaders.csv", 3, "start", "2999-03-20"),
        "leaders.csv",
        "no-future-date",
        line=3,
        column="start",
    ),
    # ------------------------------------------------------------ cells: boolean
    "boolean: yes instead of true": Fault(
        set_cell("borders.csv", 2, "preferred", "yes"),
        "borders.csv",
        "type-error",
        line=2,
        column="preferred",
    ),
    # ------------------------------------------------------------ cells: text
    "text: a required cell left empty": Fault(
        set_cell("borders.csv", 2, "source_id", ""),
        "borders.csv",
        "constraint-error",
        line=2,
        column="source_id",
    ),
    "text: a required cell holding only spaces": Fault(
        set_cell("sources.csv", 3, "title", "   "),
        "sources.csv",
        "constraint-error",
        line=3,
        column="title",
    ),
    "text: a country name holding only spaces": Fault(
        set_cell("countries.csv", 3, "name", "  "),
        "countries.csv",
        "constraint-error",
        line=3,
        column="name",
    ),
    "text: an optional note holding only spaces": Fault(
        set_cell("borders.csv", 2, "note", " "),
        "borders.csv",
        "constraint-error",
        line=2,
        column="note",
    ),
    "text: a name with a leading space": Fault(
        set_cell("places.csv", 2, "name", " Astana"),
        "places.csv",
        "constraint-error",
        line=2,
        column="name",
    ),
    "text: a value not in the list (capitalised)": Fault(
        set_cell("countries.csv", 2, "region", "Central America"),
        "countries.csv",
        "constraint-error",
        line=2,
        column="region",
    ),
    "text: an ISO code in lower case": Fault(
        set_cell("borders.csv", 2, "neighbour_iso3", "chn"),
        "borders.csv",
        "constraint-error",
        line=2,
        column="neighbour_iso3",
    ),
    "text: a source id with a space": Fault(
        set_cell("borders.csv", 2, "source_id", "factbook 2026-01"),
        "borders.csv",
        "constraint-error",
        line=2,
        column="source_id",
    ),
    "text: a URL without its scheme": Fault(
        set_cell("sources.csv", 2, "url", "github.com/factbook/factbook.json"),
        "sources.csv",
        "constraint-error",
        line=2,
        column="url",
    ),
    "text: a unique name used twice": Fault(
        set_cell("countries.csv", 3, "name", "Aruba"),
        "countries.csv",
        "unique-error",
        line=3,
        column="name",
    ),
    # ------------------------------------------------------------ keys
    "key: a duplicated id (single-column key)": Fault(
        append_copy_of_line("facts.csv", 3),
        "facts.csv",
        "unique-error",
        line=lines_of("facts.csv") + 1,
        column="fact_id",
    ),
    "key: a duplicated two-column key": Fault(
        append_copy_of_line("borders.csv", 2),
        "borders.csv",
        "primary-key",
        line=lines_of("borders.csv") + 1,
    ),
    "key: a duplicated three-column key": Fault(
        append_copy_of_line("trade.csv", SHARE),
        "trade.csv",
        "primary-key",
        line=lines_of("trade.csv") + 1,
    ),
    "key: a member listed twice in one organisation": Fault(
        append_copy_of_line(ROWS, 2), ROWS, "primary-key", line=lines_of(ROWS) + 1
    ),
    "foreign key: an unknown country code": Fault(
        set_cell("borders.csv", 2, "neighbour_iso3", "CHX"),
        "borders.csv",
        "foreign-key",
        line=2,
        column="neighbour_iso3",
    ),
    "foreign key: an unknown source id": Fault(
        set_cell("borders.csv", 3, "source_id", "factbook-2099-01"),
        "borders.csv",
        "foreign-key",
        line=3,
        column="source_id",
    ),
    "foreign key: the source row is deleted": Fault(
        edit_lines(
            "sources.csv",
            lambda lines: [
                line for line in lines if not line.startswith(source_used_only_by_countries() + ",")
            ],
        ),
        "countries.csv",
        "foreign-key",
        line=2,
        column="source_id",
    ),
    "foreign key: an organisation id renamed": Fault(
        replace("organizations.csv", "\nCSTO,", "\nODKB,"),
        "memberships.csv",
        "foreign-key",
        line=line_of("memberships.csv", "CSTO,"),
        column="org_id",
    ),
    "foreign key: an unknown place in a milestone": Fault(
        set_cell("milestones.csv", 3, "place", "semipalatinsk"),
        "milestones.csv",
        "foreign-key",
        line=3,
        column="place",
    ),
    "foreign key: an unknown waypoint in a route": Fault(
        set_cell("routes.csv", 2, "place_id", "tengiz-field"),
        "routes.csv",
        "foreign-key",
        line=2,
        column="place_id",
    ),
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def pristine(tmp_path_factory):
    """One copy of the real data/ (without the map geometry), validated once."""
    root = tmp_path_factory.mktemp("pristine")
    folder = root / "data"
    shutil.copytree(REAL, folder, ignore=shutil.ignore_patterns("geo"))
    cache = root / "cache"
    with pytest.MonkeyPatch.context() as patch:
        use(patch, folder, cache)
        tables = {name: data.load(name) for name in table_names(folder)}
    return folder, cache, tables


def table_names(folder: Path) -> list[str]:
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return [r["name"] for r in package["resources"]]


def use(patch, folder: Path, cache: Path) -> None:
    patch.setattr(data.folder, "DATA", folder)
    patch.setenv("KZW_CACHE_DIR", str(cache))


@pytest.fixture
def copy(pristine, tmp_path, monkeypatch):
    """A fresh copy of the pristine folder, in use by utils.data for this test."""
    source, cache, _ = pristine
    folder = tmp_path / "data"
    shutil.copytree(source, folder)
    use(monkeypatch, folder, cache)
    return folder


@pytest.fixture(scope="module", autouse=True)
def report(request):
    yield
    line = f"data corruptions: {len(MESSAGES)} of {len(CATALOGUE)} refused in one line"
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    lines = [line]
    if request.config.option.verbose > 0:
        lines += [f"  {name}: {message}" for name, message in MESSAGES.items()]
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            for text_line in lines:
                reporter.write_line(text_line)


# --------------------------------------------------------------------------- the tests


def test_the_catalogue_is_large_and_distinct():
    assert len(CATALOGUE) >= 50
    kinds = {fault.kind for fault in CATALOGUE.values()}
    assert len(kinds) >= 20, sorted(kinds)


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_a_corruption_gets_one_line(copy, name):
    fault = CATALOGUE[name]
    fault.edit(copy)
    with pytest.raises(DataError) as info:
        data.load("borders")
    message = str(info.value)
    MESSAGES[name] = message
    assert "\n" not in message and "\r" not in message, message
    assert "Traceback" not in message and len(message) < 600, message
    assert message.startswith(f"data/{fault.file}"), message
    assert message.endswith(f"[{fault.kind}]"), message
    where, _, rest = message.partition(": ")
    assert rest and ";" in rest, f"says what is wrong and what to do: {message}"
    if fault.line is not None:
        assert f", line {fault.line}" in where, message
    if fault.column is not None:
        shown = repr(fault.column) if isinstance(fault.column, str) else str(fault.column)
        assert f"column {shown}" in where or f"field {shown}" in where, message


def test_the_edit_is_not_remembered_as_valid(copy):
    """After a refused edit, restoring the file loads again; the refusal left nothing behind."""
    original = (copy / "borders.csv").read_bytes()
    CATALOGUE["number: with a unit"].edit(copy)
    with pytest.raises(DataError):
        data.load("borders")
    (copy / "borders.csv").write_bytes(original)
    assert len(data.load("borders")) == lines_of("borders.csv") - 1


# Tables no other table refers to: changing one re-checks only itself (fast). The last variant
# is applied to every table.
LEAVES = ["borders", "facts", "trade"]
VARIANTS = {
    "a UTF-8 byte-order mark": (lambda b: b"\xef\xbb\xbf" + b, LEAVES),
    "CRLF line endings": (lambda b: b.replace(b"\n", b"\r\n"), LEAVES),
    "no newline after the last line": (lambda b: b.rstrip(b"\n"), LEAVES),
    "a byte-order mark and CRLF line endings on every table": (
        lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
        None,
    ),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_an_acceptable_variant_loads_the_same_data(copy, pristine, variant):
    change, names = VARIANTS[variant]
    _, _, tables = pristine
    for name in names or tables:
        path = copy / f"{name}.csv"
        path.write_bytes(change(path.read_bytes()))
    for name in names or tables:
        pd.testing.assert_frame_equal(data.load(name), tables[name], obj=f"{name} ({variant})")


def test_a_byte_order_mark_on_the_json_files_is_accepted(copy, pristine):
    for path in [copy / "datapackage.json", copy / "schemas" / "borders.schema.json"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, _, tables = pristine
    pd.testing.assert_frame_equal(data.load("borders"), tables["borders"])
