"""Offline mode: maps that ask the network for nothing, not even background tiles.

Every map carries its own copy of Leaflet in every mode (utils.map_assets), so a map always
draws. What offline mode adds is that no background tiles are requested: the country polygons,
the water and the contested outlines are the whole map, and the map's corner says
"Offline mode: no background tiles".

Switch it on for a whole session with the environment variable `KZW_OFFLINE=1` (`make lab`
sets it when the tile server cannot be reached), or in a notebook with `offline_mode(True)`.
`offline_mode(False)` switches back to the default, which adds OpenStreetMap tiles as
decoration.
"""

import os

_switch = None  # None: follow the KZW_OFFLINE environment variable


def offline_mode(on=True):
    """Turn offline mode on (True) or off (False) for maps built after this call."""
    global _switch
    _switch = bool(on)
    return _switch


def is_offline():
    """True when maps should request nothing from the network (no tiles)."""
    if _switch is not None:
        return _switch
    return os.environ.get("KZW_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")
