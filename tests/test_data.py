"""The data package: valid against its schema, fully sourced, and consistent across tables.

The schema (data/datapackage.json) says what one table can say: types, allowed values,
patterns, keys. These tests say what it cannot: every source is used, coordinates fall inside
their country, names agree across tables, and the known traps stay fixed.
"""

import json

import pandas as pd
import pytest
from frictionless import Package

from utils import load
from utils.paths import DATA

PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}


def schema(name):
    value = RESOURCES[name]["schema"]
    return json.loads((DATA / value).read_text()) if isinstance(value, str) else value


def test_package_is_valid():
    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_every_csv_is_described():
    csvs = {p.name for p in DATA.glob("*.csv")}
    described = {r["path"] for r in PACKAGE["resources"]}
    assert csvs == described, (
        f"not in datapackage.json: {csvs - described}; missing files: {described - csvs}"
    )


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_field_is_documented(name):
    resource = RESOURCES[name]
    assert resource.get("description"), f"{name}: resource description missing"
    for field in schema(name)["fields"]:
        assert field.get("description"), f"{name}.{field['name']}: description missing"


@pytest.mark.parametrize("name", sorted(set(RESOURCES) - {"sources"}))
def test_every_row_has_a_source(name):
    frame = load(name)
    assert "source_id" in frame.columns, f"{name} has no source_id column"
    assert frame["source_id"].notna().all(), f"{name}: rows without a source"


def test_every_source_is_used():
    """Each source backs a row (a source_id column) or a recorded disagreement (a note)."""
    sources = set(load("sources")["source_id"])
    used, noted = set(), set()
    for name in set(RESOURCES) - {"sources"}:
        frame = load(name)
        for column in [c for c in frame.columns if "source_id" in c]:
            used |= set(frame[column].dropna())
        if "note" in frame.columns:
            text = " ".join(frame["note"].dropna())
            noted |= {s for s in sources if s in text}
    assert not sources - used - noted, f"sources never used: {sorted(sources - used - noted)}"
    assert not used - sources, f"sources used but not listed: {sorted(used - sources)}"


def test_sources_are_complete_records():
    sources = load("sources")
    assert sources["url"].str.match(r"^https?://").all()
    assert sources["publisher"].notna().all() and sources["title"].notna().all()
    assert (sources["accessed"].notna() | sources["edition"].notna()).all(), (
        "each source needs a date read or an edition"
    )


def country_boxes():
    """Bounding box (min lon, min lat, max lon, max lat) per ISO numeric code."""
    world = json.loads((DATA / "geo" / "world.geojson").read_text())
    boxes = {}
    for feature in world["features"]:
        points = []

        def walk(coords):
            if isinstance(coords[0], (int, float)):
                points.append(coords)
            else:
                for c in coords:
                    walk(c)

        walk(feature["geometry"]["coordinates"])
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        boxes[feature["properties"]["iso_numeric"]] = (min(lons), min(lats), max(lons), max(lats))
    return boxes


# Capitals on islands that the 1:110m outlines leave out (Malabo on Bioko, Port Vila on Efate).
ISLANDS_NOT_DRAWN = {"GNQ", "VUT"}


def located_rows():
    """(table, row label, iso3, lat, lon) for every row of every table with coordinates.

    Milestones are left out here: their coordinates are copied from places (checked below)
    and their iso3 names the partner country, not the place.
    """
    countries = load("countries").set_index("iso3")
    for name in sorted(set(RESOURCES) - {"milestones"}):
        frame = load(name)
        for lat_col in [c for c in frame.columns if c.endswith("lat")]:
            lon_col = lat_col[:-3] + "lon"
            prefix = lat_col[:-3]
            iso_col = next(
                (
                    c
                    for c in [f"{prefix}iso3", f"{prefix}country_iso3", "iso3", "hq_country_iso3"]
                    if c in frame.columns
                ),
                None,
            )
            if iso_col is None:
                continue
            for index, row in frame.iterrows():
                if pd.isna(row[lat_col]) or pd.isna(row[iso_col]):
                    continue
                yield name, index, row[iso_col], row[lat_col], row[lon_col], countries


def test_coordinates_fall_inside_their_country():
    boxes = country_boxes()
    problems = []
    checked = 0
    for name, index, iso3, lat, lon, countries in located_rows():
        numeric = countries.loc[iso3, "iso_numeric"] if iso3 in countries.index else None
        box = boxes.get(numeric)
        if box is None or iso3 in ISLANDS_NOT_DRAWN:
            continue  # a small state or island the 110m boundaries do not draw
        checked += 1
        margin = 1.0
        if lon < 0 and box[2] > 180:
            lon += 360  # Russia is drawn shifted across the antimeridian
        if not (
            box[0] - margin <= lon <= box[2] + margin and box[1] - margin <= lat <= box[3] + margin
        ):
            problems.append(f"{name} line {index + 2}: ({lat}, {lon}) is outside {iso3}")
    assert checked > 50, f"only {checked} located rows checked"
    assert not problems, "\n".join(problems)


def test_milestone_coordinates_are_their_places():
    milestones = load("milestones").dropna(subset=["place"])
    places = load("places").set_index("place_id")
    for row in milestones.itertuples():
        place = places.loc[row.place]
        assert (row.lat, row.lon) == (place.lat, place.lon), (
            f"{row.milestone_id}: not at {row.place}"
        )
