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
    assert geo.great_circle_km(51.17, 71.42, 39.9, 116.4) == pytest.approx(geo.great_circle_km(39.9, 116.4, 51.17, 71.42))


@pytest.mark.parametrize(
    "points, expected",
    [((0, 0, 10, 0), 0), ((0, 0, 0, 10), 90), ((0, 0, -10, 0), 180), ((0, 0, 0, -10), 270), ((0, 0, 90, 0), 0)],
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


@pytest.mark.parametrize("name, budget", [("region.geojson", 150_000), ("world.geojson", 800_000)])
def test_geojson_size_budget(name, budget):
    assert (ROOT / "data" / "geo" / name).stat().st_size < budget


def test_region_has_the_eight_countries_with_codes():
    features = _load("region.geojson")["features"]
    codes = {f["properties"]["iso3"]: f["properties"]["iso_numeric"] for f in features}
    assert codes == {"KAZ": "398", "RUS": "643", "CHN": "156", "KGZ": "417", "UZB": "860",
                     "TKM": "795", "AZE": "031", "IRN": "364"}


def test_properties_and_numeric_codes_are_zero_padded():
    for f in _load("world.geojson")["features"]:
        props = f["properties"]
        assert set(props) == {"iso_numeric", "iso3", "name"}
        assert props["iso_numeric"] is None or (len(props["iso_numeric"]) == 3 and props["iso_numeric"].isdigit())
        assert f["geometry"]["type"] == "MultiPolygon"


@pytest.mark.parametrize("name", ["region.geojson", "world.geojson"])
def test_russia_is_one_shape_east_of_the_antimeridian(name):
    russia = next(f for f in _load(name)["features"] if f["properties"]["iso3"] == "RUS")
    lons = [p[0] for polygon in russia["geometry"]["coordinates"] for ring in polygon for p in ring]
    assert min(lons) > 0 and max(lons) > 180
