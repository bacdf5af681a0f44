"""Offline mode: maps that need no network at all.

In offline mode every map carries its own copy of Leaflet (JavaScript, CSS and the default
marker images) and jQuery, taken from the installed `xstatic-leaflet` and `xstatic-jquery`
packages, and shows no background tiles. The country polygons are the map.

Switch it on for a whole session with the environment variable `KZW_OFFLINE=1`, or in a
notebook with `offline_mode(True)`. `offline_mode(False)` switches back to the default, which
loads Leaflet from folium's usual CDN links and may add a tile layer.
"""

import base64
import functools
import os
import re
from pathlib import Path

_switch = None  # None: follow the KZW_OFFLINE environment variable


def offline_mode(on=True):
    """Turn offline mode on (True) or off (False) for maps built after this call."""
    global _switch
    _switch = bool(on)
    return _switch


def is_offline():
    """True when maps should be fully self-contained (no CDN, no tiles)."""
    if _switch is not None:
        return _switch
    return os.environ.get("KZW_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def leaflet_folder():
    """Folder of the Leaflet files shipped by xstatic-leaflet."""
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def jquery_folder():
    """Folder of the jQuery files shipped by xstatic-jquery."""
    import xstatic.pkg.jquery as jquery

    return Path(jquery.BASE_DIR)


def data_uri(path):
    """The file at `path` as a data: URI (PNG only is needed here)."""
    encoded = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return "data:image/png;base64," + encoded


def _script_text(path):
    """JavaScript file text, safe to place inside a <script> element."""
    text = Path(path).read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    return text.replace("</", "<\\/")


def _css_text():
    """leaflet.css with its image references turned into data: URIs."""
    images = leaflet_folder() / "images"
    css = (leaflet_folder() / "leaflet.css").read_text(encoding="utf-8")

    def inline(match):
        return "url(" + data_uri(images / match.group(1)) + ")"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)
    return css.replace("</", "<\\/")


@functools.lru_cache(maxsize=1)
def inline_assets_html():
    """<style> and <script> elements with Leaflet, jQuery and the default marker images."""
    images = leaflet_folder() / "images"
    icons = (
        "L.Icon.Default.imagePath = '';\n"
        "L.Icon.Default.mergeOptions({"
        f"iconUrl: '{data_uri(images / 'marker-icon.png')}', "
        f"iconRetinaUrl: '{data_uri(images / 'marker-icon-2x.png')}', "
        f"shadowUrl: '{data_uri(images / 'marker-shadow.png')}'"
        "});"
    )
    return (
        "<style>" + _css_text() + "</style>\n"
        "<script>" + _script_text(leaflet_folder() / "leaflet.js") + "</script>\n"
        "<script>" + _script_text(jquery_folder() / "jquery.min.js") + "</script>\n"
        "<script>" + icons + "</script>\n"
    )
