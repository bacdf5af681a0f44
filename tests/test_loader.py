"""The loader: typed tables, and one-line messages for every kind of broken CSV.

These tests build a tiny data package of their own in a temporary folder, so they check the
loader, not today's data (tests/test_data.py checks the data).
"""

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import utils.data as data
from utils.data import DataError

SCHEMAS = {
    "sources": {
        "fields": [
            {"name": "source_id", "type": "string", "constraints": {"required": True}},
            {"name": "title", "type": "string"},
            {"name": "accessed", "type": "date"},
        ],
        "primaryKey": ["source_id"],
    },
    "countries": {
        "fields": [
            {
                "name": "iso3",
                "type": "string",
                "constraints": {"required": True, "pattern": "[A-Z]{3}"},
            },
            {"name": "name", "type": "string", "constraints": {"required": True}},
            {
                "name": "region",
                "type": "string",
                "constraints": {"enum": ["central-asia", "europe", "east-n-southeast-asia"]},
            },
            {"name": "source_id", "type": "string"},
        ],
        "primaryKey": ["iso3"],
        "foreignKeys": [
            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
        ],
    },
    "borders": {
        "fields": [
            {"name": "neighbour_iso3", "type": "string", "constraints": {"required": True}},
            {"name": "length_km", "type": "number", "constraints": {"minimum": 0}},
            {"name": "preferred", "type": "boolean"},
            {"name": "since", "type": "date"},
            {"name": "source_id", "type": "string", "constraints": {"required": True}},
        ],
        "primaryKey": ["neighbour_iso3", "source_id"],
        "foreignKeys": [
            {
                "fields": ["neighbour_iso3"],
                "reference": {"resource": "countries", "fields": ["iso3"]},
            },
            {
                "fields": ["source_id"],
                "reference": {"resource": "sources", "fields": ["source_id"]},
            },
        ],
    },
}

CSV = {
    "sources": "source_id,title,accessed\nfb,The World Factbook,2026-11-28\nenc,An encyclopaedia,2026-11-28\n",
    "countries": (
        "iso3,name,region,source_id\nKAZ,Kazakhstan,central-asia,fb\n"
        "RUS,Russia,europe,fb\nCHN,China,east-n-southeast-asia,fb\n"
    ),
    "borders": (
        "neighbour_iso3,length_km,preferred,since,source_id\n"
        "RUS,7644,true,1991-12-16,fb\nCHN,1765,true,1991-12-16,fb\n"
        "CHN,1782.8,false,,enc\n"
    ),
}


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A small valid package; returns a function that rewrites one of its files."""
    (tmp_path / "schemas").mkdir()
    resources = []
    for name, schema in SCHEMAS.items():
        (tmp_path / "schemas" / f"{name}.schema.json").write_text(json.dumps(schema))
        (tmp_path / f"{name}.csv").write_text(CSV[name], encoding="utf-8")
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": f"schemas/{name}.schema.json",
            }
        )
    (tmp_path / "datapackage.json").write_text(json.dumps({"name": "t", "resources": resources}))
    monkeypatch.setattr(data.folder, "DATA", tmp_path)
    monkeypatch.setenv("KZW_CACHE_DIR", str(tmp_path.parent / f"{tmp_path.name}-cache"))

    def write(file, text=None, raw=None):
        path = tmp_path / file
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(text, encoding="utf-8")

    return write


def message(exc_info) -> str:
    text = str(exc_info.value)
    assert "\n" not in text, "the message should be one line"
    return text


def test_typed_table(package):
    borders = data.load("borders")
    assert str(borders["length_km"].dtype) == "float64"
    assert str(borders["preferred"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(borders["since"])
    assert borders["since"].isna().sum() == 1
    countries = data.load("countries")
    assert isinstance(countries["region"].dtype, pd.CategoricalDtype)
    assert borders.loc[0, "length_km"] == 7644


def test_each_call_gives_a_fresh_copy(package):
    first = data.load("borders")
    first.loc[0, "length_km"] = -1
    assert data.load("borders").loc[0, "length_km"] == 7644


def test_an_edit_is_picked_up(package):
    data.load("borders")
    package("borders.csv", CSV["borders"].replace("7644", "7591"))
    assert data.load("borders").loc[0, "length_km"] == 7591


def corrupt(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


B, C = CSV["borders"], CSV["countries"]
CORRUPTIONS = {
    # kind: (file, new text, things the message must name)
    "bad date": (
        "borders.csv",
        corrupt(B, "1991-12-16", "1991-13-16"),
        ["borders.csv", "line 2", "'since'", "type"],
    ),
    "date in words": (
        "borders.csv",
        corrupt(B, "1991-12-16", "16 Dec 1991"),
        ["borders.csv", "line 2", "'since'"],
    ),
    "unknown country code": (
        "borders.csv",
        corrupt(B, "RUS,", "RUX,"),
        ["borders.csv", "line 2", "foreign-key"],
    ),
    "missing source": (
        "borders.csv",
        corrupt(B, "false,,enc", "false,,wiki"),
        ["borders.csv", "line 4", "foreign-key"],
    ),
    "wrong column name": (
        "borders.csv",
        corrupt(B, "length_km", "lenght_km"),
        ["borders.csv", "lenght_km", "label"],
    ),
    "stray comma": (
        "borders.csv",
        corrupt(B, "7644,", "7,644,"),
        ["borders.csv", "line 2", "extra-cell"],
    ),
    "missing cell": (
        "borders.csv",
        corrupt(B, "CHN,1765,true,1991-12-16,fb", "CHN,1765,true,fb"),
        ["borders.csv", "line 3", "missing-cell"],
    ),
    "required value empty": (
        "countries.csv",
        corrupt(C, "Russia", ""),
        ["countries.csv", "line 3", "'name'", "constraint"],
    ),
    "value not in list": (
        "countries.csv",
        corrupt(C, "europe", "Europe"),
        ["countries.csv", "line 3", "'region'", "constraint"],
    ),
    "pattern broken": (
        "countries.csv",
        corrupt(C, "CHN,China", "chn,China"),
        ["countries.csv", "line 4", "'iso3'", "constraint"],
    ),
    "number out of range": (
        "borders.csv",
        corrupt(B, "7644", "-7644"),
        ["borders.csv", "line 2", "'length_km'", "constraint"],
    ),
    "number with unit": (
        "borders.csv",
        corrupt(B, "7644", "7644 km"),
        ["borders.csv", "line 2", "'length_km'", "type"],
    ),
    "boolean misspelt": (
        "borders.csv",
        corrupt(B, "true", "yes please"),
        ["borders.csv", "line 2", "'preferred'", "type"],
    ),
    "duplicate key": (
        "countries.csv",
        C + "KAZ,Kazakhstan again,central-asia,fb\n",
        ["countries.csv", "line 5", "primary-key"],
    ),
    "blank line": (
        "borders.csv",
        corrupt(B, "\nCHN,1765", "\n,,,,\nCHN,1765"),
        ["borders.csv", "line 3", "blank-row"],
    ),
    "missing column": (
        "borders.csv",
        B.replace(",preferred", "").replace(",true", "").replace(",false", ""),
        ["borders.csv", "label"],
    ),
    "date in the future": (
        "borders.csv",
        corrupt(B, "1991-12-16", "2999-01-01"),
        ["borders.csv", "line 2", "'since'", "future"],
    ),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_corruption_gets_one_clear_line(package, kind):
    file, text, expected = CORRUPTIONS[kind]
    package(file, text)
    with pytest.raises(DataError) as exc_info:
        data.load("borders")
    text = message(exc_info)
    for part in expected:
        assert part in text, f"{kind}: {part!r} not in {text!r}"


def test_not_utf8(package):
    package(
        "countries.csv", raw=CSV["countries"].replace("Russia", "Rossiya\xe9").encode("latin-1")
    )
    with pytest.raises(DataError) as exc_info:
        data.load("countries")
    assert "countries.csv" in message(exc_info)


def test_missing_file(package, tmp_path):
    (tmp_path / "borders.csv").unlink()
    with pytest.raises(DataError) as exc_info:
        data.load("countries")
    assert "borders.csv" in message(exc_info)


def test_broken_package_json(package):
    package("datapackage.json", '{"resources": [')
    with pytest.raises(DataError) as exc_info:
        data.load("borders")
    assert "datapackage.json" in message(exc_info)


def test_unknown_table_suggests_a_name(package):
    with pytest.raises(DataError) as exc_info:
        data.load("boarders")
    assert "'borders'" in message(exc_info)


def test_table_name_not_a_string(package):
    with pytest.raises(DataError) as exc_info:
        data.load(3)
    assert "in quotes" in message(exc_info)


def test_cite(package):
    frame = data.cite(data.load("borders"), "fb")
    assert list(frame["source_id"]) == ["fb", "enc"]
    with pytest.raises(DataError):
        data.cite(["nope"])


def test_tables(package):
    assert set(data.tables()["table"]) == {"sources", "countries", "borders"}


@pytest.mark.parametrize("separator, name", [(";", "semicolons"), ("\t", "tabs")])
def test_a_table_saved_with_another_separator_is_named(package, separator, name):
    """Spreadsheets in many languages save CSV with semicolons; say so instead of a KeyError."""
    package("borders.csv", CSV["borders"].replace(",", separator))
    with pytest.raises(DataError) as exc_info:
        data.load("borders")
    text = message(exc_info)
    assert "borders.csv, line 1" in text and name in text and "commas" in text


def test_the_real_package_states_its_csv_dialect():
    package = json.loads((data.PACKAGE).read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert resource["dialect"] == {
            "delimiter": ",",
            "quoteChar": '"',
            "doubleQuote": True,
            "header": True,
        }, resource["name"]


# --------------------------------------------------------------------------- the cached verdict


def new_kernel():
    """Forget everything this process knows, as a new kernel would; keep the cache folder."""
    data.validation._validated.cache_clear()
    data.loading._load_cached.cache_clear()


def test_a_passing_verdict_is_kept_and_reused(package, monkeypatch):
    new_kernel()  # an earlier test may have loaded the same bytes in this process
    data.load("borders")
    assert (data.cache_folder() / "validated" / f"{data.fingerprint()}.json").is_file()
    new_kernel()

    def must_not_run():
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(data.validation, "_validate", must_not_run)
    assert data.load("borders").loc[0, "length_km"] == 7644


def test_the_verdicts_rest_on_every_module_of_the_loader():
    """A change to any rule, in any module of utils.data, must invalidate the cached verdicts."""
    rules = data.verdicts._rules_bytes()
    modules = sorted(data.DATA.parent.joinpath("utils", "data").glob("*.py"))
    assert len(modules) > 1 and all(module.read_bytes() in rules for module in modules)


def test_a_failing_verdict_is_never_kept(package):
    package("borders.csv", CSV["borders"].replace("7644", "many"))
    with pytest.raises(DataError):
        data.load("borders")
    assert not list((data.cache_folder() / "validated").glob("*.json"))


@pytest.mark.parametrize(
    "file, old, new",
    [
        ("borders.csv", "7644", "-764"),  # a CSV cell
        ("schemas/borders.schema.json", '"minimum": 0', '"maximum": 0'),  # a schema rule
        ("datapackage.json", "schemas/borders.schema", "schemas/sources.schema"),  # the package
    ],
)
def test_an_edit_after_a_cached_verdict_is_caught(package, tmp_path, file, old, new):
    """Same size, same modification time: only the content changed, and that is enough."""
    new_kernel()
    data.load("borders")
    assert list((data.cache_folder() / "validated").glob("*.json"))
    path = tmp_path / file
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1 and len(old) == len(new)
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    new_kernel()
    with pytest.raises(DataError) as exc_info:
        data.load("borders")
    assert "borders.csv" in message(exc_info)


def test_an_unwritable_cache_only_costs_time(package, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KZW_CACHE_DIR", str(blocker))
    assert data.load("borders").loc[0, "length_km"] == 7644


@pytest.mark.slow
def test_a_new_process_catches_an_edit_made_after_the_verdict(tmp_path):
    """End to end, as two kernels: the first caches a verdict, a teacher edits, the second sees it."""
    root = data.DATA.parent
    shutil.copytree(
        root / "utils", tmp_path / "utils", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(root / "data", tmp_path / "data", ignore=shutil.ignore_patterns("geo"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "KZW_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "from utils.data import load, DataError\n"
        "try:\n    print(len(load('borders')))\n"
        "except DataError as err:\n    print('DataError:', err)\n"
    )

    def kernel():
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    rows = kernel()
    assert rows.isdigit() and list((tmp_path / "cache" / "validated").glob("*.json"))
    borders = tmp_path / "data" / "borders.csv"
    stat = borders.stat()
    lines = borders.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1].split(",")
    first[1] = "x" * len(first[1])  # length_km, same number of bytes
    lines[1] = ",".join(first)
    borders.write_text("".join(lines), encoding="utf-8")
    os.utime(borders, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = kernel()
    assert second.startswith("DataError: data/borders.csv, line 2, column 'length_km'"), second
