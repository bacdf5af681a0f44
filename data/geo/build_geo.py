"""Rebuild the boundary files in data/geo/ from Natural Earth (via the npm package world-atlas).

Run from the repository root:

    python data/geo/build_geo.py

Needs `npm` (Node.js) on the PATH, at rebuild time only. The notebooks never run this
script: they read the GeoJSON files it writes, which are committed.

What it does:
1. installs the pinned npm packages into a temporary folder;
2. decodes the TopoJSON (a small decoder below: arcs are delta-encoded integers);
3. simplifies each shared arc once (so neighbouring countries keep a common border line);
4. keeps the properties iso_numeric (3-digit string), iso3 and name;
5. shifts Russia's coordinates west of the antimeridian by +360 degrees, so Russia is one shape;
6. rounds coordinates and writes region.geojson (1:50m) and world.geojson (1:110m).
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

WORLD_ATLAS = "world-atlas@2.0.2"  # Natural Earth 4.1.0 as TopoJSON
ISO_CODES = "i18n-iso-countries@7.14.0"  # ISO 3166-1 numeric <-> alpha-3 table (codes.json)

HERE = Path(__file__).resolve().parent

# ISO 3166-1 numeric codes of the countries on the region map.
REGION_CODES = ["398", "643", "156", "417", "860", "795", "031", "364"]
RUSSIA = "643"

# Simplification tolerance in degrees (Douglas-Peucker on each arc) and rounding.
REGION_TOLERANCE = 0.02
REGION_DECIMALS = 2
WORLD_TOLERANCE = 0.0
WORLD_DECIMALS = 2

SIZE_BUDGET = {"region.geojson": 150_000, "world.geojson": 800_000}


def npm_install(folder):
    """Install the pinned npm packages into `folder` and return its node_modules path."""
    cmd = ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), WORLD_ATLAS, ISO_CODES]
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


def clean_ring(points, decimals, shift_west):
    """Round, optionally shift negative longitudes by +360, drop repeated points; None if degenerate."""
    out = []
    for lon, lat in points:
        if shift_west and lon < 0:
            lon += 360
        p = [round(lon, decimals), round(lat, decimals)]
        if not out or p != out[-1]:
            out.append(p)
    if len(out) < 4:
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def to_feature(geometry, arcs, codes, decimals):
    """Turn one TopoJSON geometry into a GeoJSON Feature (MultiPolygon) or None."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    number = geometry.get("id")
    shift = number == RUSSIA
    multipolygon = []
    for polygon in polygons:
        rings = [clean_ring(ring_points(r, arcs), decimals, shift) for r in polygon]
        if rings and rings[0] is not None:
            multipolygon.append([r for r in rings if r is not None])
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
    features.sort(key=lambda f: (f["properties"]["name"]))
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


def main():
    with tempfile.TemporaryDirectory() as tmp:
        modules = npm_install(tmp)
        rows = json.loads((modules / "i18n-iso-countries" / "codes.json").read_text(encoding="utf-8"))
        codes = {numeric: alpha3 for _alpha2, alpha3, numeric, *_ in rows}
        atlas = modules / "world-atlas"
        source = f"Natural Earth 4.1.0 via npm {WORLD_ATLAS}; ISO codes via npm {ISO_CODES}"
        region = build(atlas / "countries-50m.json", codes, set(REGION_CODES), REGION_TOLERANCE, REGION_DECIMALS)
        write(region, "region.geojson", source + "; 1:50m")
        world = build(atlas / "countries-110m.json", codes, None, WORLD_TOLERANCE, WORLD_DECIMALS)
        write(world, "world.geojson", source + "; 1:110m")


if __name__ == "__main__":
    main()
