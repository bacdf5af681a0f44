"""Distances and directions on the Earth's surface.

The Earth is treated as a sphere with a mean radius of 6371.009 km, the value geopy's
great_circle uses (geopy.distance.EARTH_RADIUS; github.com/geopy/geopy, read 2026-11-28). Distances are
great-circle ("as the crow flies") distances by the haversine formula. The real Earth is
slightly flattened, so distances measured on an ellipsoid differ a little from these.
"""

import math
import numbers

from .errors import UsageError

EARTH_RADIUS_KM = 6371.009


def _shown(value) -> str:
    """A short text for any value, even one whose repr() fails."""
    try:
        text = repr(value)
    except Exception:
        return f"a {type(value).__name__}"
    if type(text) is not str:
        return f"a {type(value).__name__}"
    text = " ".join(text[:1000].split())
    return text if len(text) <= 40 else text[:37] + "..."


def _degrees(name, value, limit) -> float:
    """The value as a float number of degrees, or a one-line UsageError.

    Checked with type(), and converted with the int and float methods themselves, so a value
    that lies about its class or whose own conversion raises still gets the one-line error.
    """
    kind = type(value)
    number = None
    try:
        if issubclass(kind, bool) or not issubclass(kind, numbers.Real):
            number = None
        elif issubclass(kind, int):
            number = int.__float__(value)
        elif issubclass(kind, float):
            number = float.__float__(value)
        else:
            number = float(value)
            number = number if type(number) is float else None
    except Exception:  # too large for a float, or a conversion that raises
        number = None
    if number is None or math.isnan(number):
        raise UsageError(f"{name} must be a number in degrees, got {_shown(value)}")
    if abs(number) > limit:
        raise UsageError(f"{name} {number:g} is outside -{limit}..{limit} degrees")
    return number


def _check_point(lat, lon):
    """The point as two floats; a one-line UsageError when it is not a point in degrees."""
    return _degrees("latitude", lat, 90), _degrees("longitude", lon, 360)


def great_circle_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two points given in decimal degrees."""
    lat1, lon1 = _check_point(lat1, lon1)
    lat2, lon2 = _check_point(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing_deg(lat1, lon1, lat2, lon2):
    """Compass direction (0-360 degrees, 0 = north, 90 = east) to set off in from point 1 to 2."""
    lat1, lon1 = _check_point(lat1, lon1)
    lat2, lon2 = _check_point(lat2, lon2)
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
        raise UsageError(
            f"the table needs columns {lat!r} and {lon!r}; missing: {', '.join(missing)}"
        )
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
