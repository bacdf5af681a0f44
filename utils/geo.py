"""Distances and directions on the Earth's surface.

The Earth is treated as a sphere with a mean radius of 6371.009 km, the value geopy's
great_circle uses (geopy.distance.EARTH_RADIUS; github.com/geopy/geopy, read 2026-11-28). Distances are
great-circle ("as the crow flies") distances by the haversine formula. The real Earth is
slightly flattened, so distances measured on an ellipsoid differ a little from these.
"""

import math

from .errors import UsageError

EARTH_RADIUS_KM = 6371.009


def _check_point(lat, lon):
    """Raise a one-line ValueError when a latitude/longitude pair is out of range."""
    for name, value, limit in (("latitude", lat, 90), ("longitude", lon, 360)):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
            raise UsageError(f"{name} must be a number in degrees, got {value!r}")
        if abs(value) > limit:
            raise UsageError(f"{name} {value} is outside -{limit}..{limit} degrees")


def great_circle_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two points given in decimal degrees."""
    _check_point(lat1, lon1)
    _check_point(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing_deg(lat1, lon1, lat2, lon2):
    """Compass direction (0-360 degrees, 0 = north, 90 = east) to set off in from point 1 to 2."""
    _check_point(lat1, lon1)
    _check_point(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlambda = math.radians(lon2 - lon1)
    x = math.sin(dlambda) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlambda)
    return math.degrees(math.atan2(x, y)) % 360


def great_circle_points(lat1, lon1, lat2, lon2, steps=32):
    """Points [lat, lon] along the great circle from point 1 to point 2 (for drawing lines).

    Longitudes are kept continuous (they may go beyond 180) so a line drawn through them
    does not jump across the whole map.
    """
    _check_point(lat1, lon1)
    _check_point(lat2, lon2)
    phi1, lam1, phi2, lam2 = map(math.radians, (lat1, lon1, lat2, lon2))
    d = great_circle_km(lat1, lon1, lat2, lon2) / EARTH_RADIUS_KM
    if d == 0:
        return [[lat1, lon1], [lat2, lon2]]
    points = []
    for i in range(steps + 1):
        f = i / steps
        a = math.sin((1 - f) * d) / math.sin(d)
        b = math.sin(f * d) / math.sin(d)
        x = a * math.cos(phi1) * math.cos(lam1) + b * math.cos(phi2) * math.cos(lam2)
        y = a * math.cos(phi1) * math.sin(lam1) + b * math.cos(phi2) * math.sin(lam2)
        z = a * math.sin(phi1) + b * math.sin(phi2)
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        if points:
            previous = points[-1][1]
            lon += 360 * round((previous - lon) / 360)
        else:
            lon += 360 * round((lon1 - lon) / 360)
        points.append([round(lat, 4), round(lon, 4)])
    return points


def distances_from(origin_lat, origin_lon, frame, lat="lat", lon="lon"):
    """A copy of `frame` with columns distance_km and bearing_deg measured from the origin."""
    missing = [c for c in (lat, lon) if c not in frame.columns]
    if missing:
        raise UsageError(f"the table needs columns {lat!r} and {lon!r}; missing: {', '.join(missing)}")
    out = frame.copy()
    out["distance_km"] = [
        round(great_circle_km(origin_lat, origin_lon, float(a), float(b)), 1)
        for a, b in zip(out[lat], out[lon])
    ]
    out["bearing_deg"] = [
        round(initial_bearing_deg(origin_lat, origin_lon, float(a), float(b)), 1)
        for a, b in zip(out[lat], out[lon])
    ]
    return out
