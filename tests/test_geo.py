"""Tests for utils.geo (great-circle distances and bearings) and the data/geo files."""

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from utils import geo

ROOT = Path(__file__).resolve().parent.parent
QUARTER_MERIDIAN = math.pi * geo.EARTH_RADIUS_KM / 2


def test_radius_is_the_stated_mean_radius():
    assert geo.EARTH_RADIUS_KM == 6371.009


@pytest.mark.parametrize(
    "points, expected",
    [
        ((0, 0, 90, 0), QUARTER_MERIDIAN),  # equator to pole
        ((0, 0, 0, 90), QUARTER_MERIDIAN),  # a quarter of the equator
        ((0, 0, 0, 180), 2 * QUARTER_MERIDIAN),  # antipodes on the equator
        ((90, 0, -90, 0), 2 * QUARTER_MERIDIAN),  # pole to pole
        ((51.0, 71.0, 51.0, 71.0), 0.0),
        ((0, 179.5, 0, -179.5), 2 * QUARTER_MERIDIAN / 180),  # one degree across the antimeridian
    ],
)
def test_known_distances(points, expected):
    assert geo.great_circle_km(*points) == pytest.approx(expected, abs=1e-6)


def test_distance_is_symmetric():
    assert geo.great_circle_km(51.17, 71.42, 39.9, 116.4) == pytest.approx(
        geo.great_circle_km(39.9, 116.4, 51.17, 71.42)
    )


@pytest.mark.parametrize(
    "points, expected",
    [
        ((0, 0, 10, 0), 0),
        ((0, 0, 0, 10), 90),
        ((0, 0, -10, 0), 180),
        ((0, 0, 0, -10), 270),
        ((0, 0, 90, 0), 0),
    ],
)
def test_known_bearings(points, expected):
    assert geo.initial_bearing_deg(*points) == pytest.approx(expected, abs=1e-9)


def test_bad_coordinates_give_one_line_errors():
    with pytest.raises(ValueError, match="latitude 91"):
        geo.great_circle_km(91, 0, 0, 0)
    with pytest.raises(ValueError, match="must be a number"):
        geo.great_circle_km("51", 0, 0, 0)


def test_great_circle_points_start_end_and_continuity():
    path = geo.great_circle_points(51.17, 71.42, 38.9, -77.0, steps=20)
    assert path[0] == pytest.approx([51.17, 71.42], abs=1e-3)
    assert path[-1][0] == pytest.approx(38.9, abs=1e-3)
    assert (path[-1][1] - -77.0) % 360 == pytest.approx(0, abs=1e-3)
    assert all(abs(b[1] - a[1]) < 90 for a, b in zip(path, path[1:]))


def test_distances_from_adds_columns_and_keeps_input():
    frame = pd.DataFrame({"name": ["north pole"], "lat": [90.0], "lon": [0.0]})
    out = geo.distances_from(0.0, 0.0, frame)
    assert list(frame.columns) == ["name", "lat", "lon"]
    assert out.loc[0, "distance_km"] == pytest.approx(round(QUARTER_MERIDIAN, 1))
    assert out.loc[0, "bearing_deg"] == 0
    with pytest.raises(ValueError, match="missing"):
        geo.distances_from(0, 0, frame.drop(columns="lat"))


# A published great-circle distance to test against. geopy's README (PyPI page
# https://pypi.org/project/geopy/ and https://github.com/geopy/geopy, read 2026-11-28) prints
# great_circle(newport_ri, cleveland_oh).miles == 536.997990696 for
# newport_ri = (41.49008, -71.312796), cleveland_oh = (41.499498, -81.695391), using a mean
# Earth radius of 6371.009 km, the radius utils.geo uses too, so the figures must agree to
# rounding. (An older README printed 537.1485284062816, computed with another radius.)
MILE_KM = 1.609344


def test_published_great_circle_distance():
    ours = geo.great_circle_km(41.49008, -71.312796, 41.499498, -81.695391)
    assert ours == pytest.approx(536.997990696 * MILE_KM, rel=1e-9)


# ------------------------------------------------------------ data/geo files


def _load(name):
    return json.loads((ROOT / "data" / "geo" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, budget",
    [
        ("region.geojson", 150_000),
        ("world.geojson", 800_000),
        ("water.geojson", 60_000),
        ("contested.geojson", 150_000),
    ],
)
def test_geojson_size_budget(name, budget):
    assert (ROOT / "data" / "geo" / name).stat().st_size < budget


def test_region_has_the_eight_countries_with_codes():
    features = _load("region.geojson")["features"]
    codes = {f["properties"]["iso3"]: f["properties"]["iso_numeric"] for f in features}
    assert codes == {
        "KAZ": "398",
        "RUS": "643",
        "CHN": "156",
        "KGZ": "417",
        "UZB": "860",
        "TKM": "795",
        "AZE": "031",
        "IRN": "364",
    }


def test_properties_and_numeric_codes_are_zero_padded():
    for f in _load("world.geojson")["features"]:
        props = f["properties"]
        assert set(props) == {"iso_numeric", "iso3", "name"}
        assert props["iso_numeric"] is None or (
            len(props["iso_numeric"]) == 3 and props["iso_numeric"].isdigit()
        )
        assert f["geometry"]["type"] == "MultiPolygon"


@pytest.mark.parametrize("name", ["region.geojson", "world.geojson"])
def test_russia_is_one_shape_east_of_the_antimeridian(name):
    russia = next(f for f in _load(name)["features"] if f["properties"]["iso3"] == "RUS")
    lons = [p[0] for polygon in russia["geometry"]["coordinates"] for ring in polygon for p in ring]
    assert min(lons) > 0 and max(lons) > 180


# ------------------------------------------------------------ antimeridian, water, contested areas

GEO_FILES = ["region.geojson", "world.geojson", "water.geojson", "contested.geojson"]
REGION_BBOX = (
    40.0,
    30.0,
    95.0,
    60.0,
)  # lon_min, lat_min, lon_max, lat_max (as in build_geo.WATER_BBOX)
CONTESTED_FROM_WORLD = {
    "falklands",
    "kosovo",
    "northern-cyprus",
    "somaliland",
    "taiwan",
    "western-sahara",
}  # world.geojson shapes
# From the vendored subset of Natural Earth's breakaway/disputed-areas layer (data/geo/sources/):
# area_id -> where the shape must lie (lon_min, lat_min, lon_max, lat_max).
CONTESTED_FROM_NE = {
    "crimea": (32.0, 44.0, 37.0, 46.5),
    # Natural Earth's own extents reach 39.98 E (Abkhazia, at the Psou) and 44.64 E (South Ossetia),
    # just outside the round boxes 40..42.5 and 43..44.6 first asked for, hence 39.95 and 44.65.
    "abkhazia": (39.95, 42.3, 42.5, 43.6),
    "south-ossetia": (43.0, 42.0, 44.65, 42.8),
    "kashmir": (72.0, 32.0, 81.0, 37.5),
}
NE_SUBSET = (
    ROOT / "data" / "geo" / "sources" / "ne_50m_admin_0_breakaway_disputed_areas.subset.geojson"
)


def _rings(feature):
    return [ring for polygon in feature["geometry"]["coordinates"] for ring in polygon]


def _polar(ring):
    """A ring closed along a pole (Antarctica's) must span every longitude: the one allowed exception."""
    return any(abs(p[1]) == 90 for p in ring)


def _segments_cross(p1, p2, p3, p4):
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    return (orient(p1, p2, p3) * orient(p1, p2, p4) < 0) and (
        orient(p3, p4, p1) * orient(p3, p4, p2) < 0
    )


def _assert_valid_polygons(feature):
    geometry = feature["geometry"]
    assert geometry["type"] == "MultiPolygon" and geometry["coordinates"]
    for ring in _rings(feature):
        assert len(ring) >= 4 and ring[0] == ring[-1]
        area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2
        assert abs(area) > 0
        edges = list(zip(ring, ring[1:]))
        for i, (a, b) in enumerate(edges):  # no edge properly crosses another edge of the same ring
            for c, d in edges[i + 2 :]:
                assert not _segments_cross(a, b, c, d), (feature["properties"], a, b, c, d)


@pytest.mark.parametrize("name", GEO_FILES)
def test_no_ring_jumps_across_the_antimeridian(name):
    for feature in _load(name)["features"]:
        for ring in _rings(feature):
            lons = [p[0] for p in ring]
            assert all(abs(b - a) <= 180 for a, b in zip(lons, lons[1:])), feature["properties"]
            if not _polar(ring):
                assert max(lons) - min(lons) <= 180, feature["properties"]


def test_fiji_is_drawn_east_of_the_antimeridian_and_antarctica_reaches_the_pole():
    features = {f["properties"]["name"]: f for f in _load("world.geojson")["features"]}
    fiji = [p[0] for ring in _rings(features["Fiji"]) for p in ring]
    assert min(fiji) > 170 and max(fiji) > 180
    polar = [ring for ring in _rings(features["Antarctica"]) if _polar(ring)]
    assert len(polar) == 1 and min(p[1] for p in polar[0]) == -90
    others = [
        f for f in _load("world.geojson")["features"] if f["properties"]["name"] != "Antarctica"
    ]
    assert not any(_polar(ring) for f in others for ring in _rings(f))


def test_water_has_the_caspian_aral_and_balkhash_inside_the_region():
    features = {f["properties"]["name"]: f for f in _load("water.geojson")["features"]}
    assert {"Caspian Sea", "Aral Sea", "Lake Balkhash"} <= set(features)
    lon_min, lat_min, lon_max, lat_max = REGION_BBOX
    for feature in features.values():
        assert set(feature["properties"]) == {"name"}
        _assert_valid_polygons(feature)
        for lon, lat in (p for ring in _rings(feature) for p in ring):
            assert lon_min <= lon <= lon_max and lat_min <= lat <= lat_max, feature["properties"]


def test_water_shapes_are_where_the_lakes_are():
    features = {f["properties"]["name"]: f for f in _load("water.geojson")["features"]}

    def centre(name):
        points = [p for ring in _rings(features[name]) for p in ring]
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)

    for name, (lon, lat) in {
        "Caspian Sea": (50.5, 41.5),
        "Aral Sea": (59.8, 45.3),
        "Lake Balkhash": (75.5, 46.0),
    }.items():
        c_lon, c_lat = centre(name)
        assert abs(c_lon - lon) < 2.5 and abs(c_lat - lat) < 2.5, (name, c_lon, c_lat)


def test_contested_areas_have_the_expected_ids_and_valid_shapes():
    features = _load("contested.geojson")["features"]
    ids = [f["properties"]["area_id"] for f in features]
    assert len(ids) == len(set(ids)) == 10
    assert set(ids) == CONTESTED_FROM_WORLD | set(CONTESTED_FROM_NE)
    for feature in features:
        expected = {"area_id", "name"} | (
            {"parts"} if feature["properties"]["area_id"] in CONTESTED_FROM_NE else set()
        )
        assert set(feature["properties"]) == expected and feature["properties"]["name"]
        _assert_valid_polygons(feature)


def test_contested_shapes_are_the_world_map_shapes():
    world = {f["properties"]["name"]: f["geometry"] for f in _load("world.geojson")["features"]}
    for feature in _load("contested.geojson")["features"]:
        if feature["properties"]["area_id"] in CONTESTED_FROM_WORLD:
            assert feature["geometry"] == world[feature["properties"]["name"]]


@pytest.mark.parametrize("area_id", sorted(CONTESTED_FROM_NE))
def test_natural_earth_contested_areas_are_where_they_should_be(area_id):
    feature = next(
        f for f in _load("contested.geojson")["features"] if f["properties"]["area_id"] == area_id
    )
    lon_min, lat_min, lon_max, lat_max = CONTESTED_FROM_NE[area_id]
    points = [p for ring in _rings(feature) for p in ring]
    assert len(points) >= 4
    for lon, lat in points:
        assert lon_min <= lon <= lon_max and lat_min <= lat <= lat_max, (area_id, lon, lat)
    for ring in _rings(feature):
        lons = [p[0] for p in ring]
        assert max(lons) - min(lons) <= 180
        assert all(len(p) == 2 and p == [round(p[0], 2), round(p[1], 2)] for p in ring)


def test_kashmir_merges_every_jammu_and_kashmir_feature_of_the_subset():
    subset = json.loads(NE_SUBSET.read_text(encoding="utf-8"))
    group = {
        f["properties"]["BRK_NAME"]
        for f in subset["features"]
        if f["properties"]["BRK_GROUP"] == "Jammu and Kashmir"
    }
    kashmir = next(
        f for f in _load("contested.geojson")["features"] if f["properties"]["area_id"] == "kashmir"
    )
    assert set(kashmir["properties"]["parts"]) == group
    assert {"Jammu and Kashmir", "Gilgit-Baltistan", "Aksai Chin"} <= group


def test_vendored_subset_keeps_only_the_needed_features_and_properties():
    subset = json.loads(NE_SUBSET.read_text(encoding="utf-8"))
    names = {f["properties"]["BRK_NAME"] for f in subset["features"]}
    assert {"Crimea", "Abkhazia", "South Ossetia", "Jammu and Kashmir"} <= names and len(names) == 9
    for feature in subset["features"]:
        assert set(feature["properties"]) == {"BRK_NAME", "BRK_GROUP", "NOTE_BRK", "NE_ID"}
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
