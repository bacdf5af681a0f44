"""The page a map is drawn in, and how that page sits in a notebook output.

A folium map is a small web page of its own, shown in the notebook inside an `<iframe>`. This
module makes that page, and the output around it, say the truth in every place a map is opened:

- the page carries Leaflet itself (utils.map_assets), so no CDN is needed;
- the page travels compressed (`notebook_html`): a small loader page holds it as base64 of
  zlib-deflated bytes and the browser unpacks it (DecompressionStream) with no network; polygon
  coordinates travel as whole-number steps (`PackedGeoJson`), which compress twice as well;
- the sea is painted as water, so with no background tiles the Caspian still reads as a sea;
- if the library still cannot run (a website copy missing its files, a browser with scripts
  off), the map area says so in words and points to the description under it, instead of
  staying blank;
- if JupyterLab hides the map because it does not trust the stored output, the text in its
  place says why and what to do (folium's own text names a menu item JupyterLab 4 does not have);
- if the browser cannot unpack the page (scripts off, or a browser from before 2023), the map
  area says so and points to the description;
- the description (the text alternative) is printed right under the map, as ordinary text;
- the page has a language, a title, a main landmark named after the map (no heading: inside a
  notebook or a web page it would break the page's own heading order), and allows zooming (no
  `user-scalable=no`).
"""

import base64
import html
import json
import math
import re
import zlib

import folium
from branca.element import Element, Figure
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from . import map_assets

WATER_COLOUR = "#c4dcef"

# Shown inside the map page when Leaflet did not load.
NO_LIBRARY_MESSAGE = (
    "This map could not be drawn: its mapping library (Leaflet) did not load here. "
    "Re-run the cell that made it (the collection's maps carry their own copy of Leaflet), "
    "or read the description under the map, which says what the map shows."
)

# It sits behind the map, so it must be true whether or not the map covers it (screen readers read it).
NOT_TRUSTED_MESSAGE = (
    "If you read this instead of a map, JupyterLab does not trust this stored output yet. "
    "Run this cell to draw the map, or trust the whole notebook: open the command palette "
    "(Ctrl+Shift+C, or Cmd+Shift+C on a Mac) and choose \u201cTrust Notebook\u201d. "
    "The description under the map says what it shows."
)

PAGE_CSS = f"""<style>
.kzw-map-page {{ position: absolute; inset: 0; }}
.leaflet-container {{ background: {WATER_COLOUR}; }}
.leaflet-interactive:focus:not(:focus-visible) {{ outline: none; }}
.kzw-no-library {{ position: absolute; inset: 0; margin: 0; padding: 1.5em; background: #fff;
                   font: 15px/1.5 sans-serif; color: #222; }}
</style>"""

# Whether Leaflet loaded is known once the <head> scripts have run; when the page is parsed,
# an empty map is replaced by words.
DETECT_SCRIPT = (
    "<script>if (!window.L) { document.addEventListener('DOMContentLoaded', function () {"
    " var p = document.createElement('p'); p.className = 'kzw-no-library';"
    " p.setAttribute('role', 'alert'); p.textContent = "
    + json.dumps(NO_LIBRARY_MESSAGE).replace("</", "<\\/")
    + "; document.body.replaceChildren(p); }); }</script>"
)

# Shown by the loader page when the browser cannot unpack the map page.
NO_UNPACK_MESSAGE = (
    "This map could not be drawn here: it is stored compressed, and this browser could not "
    "unpack it (that needs scripts turned on and a browser from 2023 or later). "
    "The description under the map says what the map shows."
)

# Coordinates travel to the browser as whole numbers of 1/COORDINATE_SCALE degree. data/geo
# rounds every coordinate to 0.01 degree, so packing moves no point.
COORDINATE_SCALE = 100

# Turns a collection packed by pack_polygons() back into GeoJSON, in the browser.
UNPACK_SCRIPT = """<script>function kzwUnpack(collection) {
  var k = collection.kzwScale;
  function ring(steps) {
    var x = 0, y = 0, points = [];
    for (var i = 0; i < steps.length; i += 2) { x += steps[i]; y += steps[i + 1]; points.push([x / k, y / k]); }
    return points;
  }
  function polygon(rings) { return rings.map(ring); }
  collection.features.forEach(function (f) {
    var g = f.geometry;
    g.coordinates = g.type === 'Polygon' ? polygon(g.coordinates) : g.coordinates.map(polygon);
  });
  return collection;
}</script>"""

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', flags=re.DOTALL)
GOOD_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0">'


def escape_text(value):
    """Text from data made safe to show in HTML and inside folium's JavaScript templates.

    html.escape handles < > & and quotes; backticks, dollar signs, braces and backslashes
    become character references too, because folium pastes popup and tooltip text into
    JavaScript template strings, where `${...}` would otherwise run.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = html.escape(str(value), quote=True)
    for char, entity in (
        ("`", "&#96;"),
        ("$", "&#36;"),
        ("\\", "&#92;"),
        ("{", "&#123;"),
        ("}", "&#125;"),
    ):
        text = text.replace(char, entity)
    return text


class MapPage(Figure):
    """The web page around one map: language, title, water, library detection."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "<title>{{ this.title }}</title>\n"
        "</head>\n"
        "<body>\n"
        '<main class="kzw-map-page" aria-label="Map: {{ this.title }}">\n'
        "    {{ this.html.render(**kwargs) }}\n"
        "</main>\n"
        "</body>\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</html>\n"
    )

    def __init__(self, title):
        super().__init__(title=escape_text(title))
        self.header.add_child(Element(map_assets.head_html()), name="kzw_map_assets")
        self.header.add_child(Element(PAGE_CSS), name="kzw_page_css")
        self.header.add_child(Element(UNPACK_SCRIPT), name="kzw_unpack")
        # The body runs after the head's scripts, so this check sees whether Leaflet loaded.
        self.html.add_child(Element(DETECT_SCRIPT), name="kzw_detect")

    def render(self, **kwargs):
        return _VIEWPORT.sub(GOOD_VIEWPORT, super().render(**kwargs))


def pack_polygons(collection, scale=COORDINATE_SCALE):
    """A copy of a GeoJSON FeatureCollection of (Multi)Polygons with each ring as whole-number steps.

    A ring [[lon, lat], ...] becomes [x0, y0, dx1, dy1, ...] in 1/scale degree: the first point,
    then each point's step from the one before. kzwUnpack (UNPACK_SCRIPT) undoes it.
    """

    def ring(points):
        steps, x0, y0 = [], 0, 0
        for lon, lat in points:
            x, y = round(lon * scale), round(lat * scale)
            steps += [x - x0, y - y0]
            x0, y0 = x, y
        return steps

    features = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            coordinates = [ring(r) for r in geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["coordinates"]]
        else:
            raise ValueError(f"pack_polygons takes polygons only, not {geometry['type']}")
        features.append(
            {**feature, "geometry": {"type": geometry["type"], "coordinates": coordinates}}
        )
    return {**collection, "features": features, "kzwScale": scale}


class PackedGeoJson(folium.GeoJson):
    """folium's GeoJson layer, with its polygons written into the page by pack_polygons()."""

    def render(self, **kwargs):
        super().render(**kwargs)
        scripts = self.get_root().script._children
        name = self.get_name()
        text = scripts[name].render()
        plain = f"{name}_add({htmlsafe_json_dumps(self.data, sort_keys=True)});"
        if text.count(plain) != 1:
            raise RuntimeError(
                f"PackedGeoJson: folium's GeoJson script has changed; {name}_add(...) not found once"
            )
        packed = htmlsafe_json_dumps(
            pack_polygons(self.data), sort_keys=True, separators=(",", ":")
        )
        scripts[name] = Element(text.replace(plain, f"{name}_add(kzwUnpack({packed}));"))


def compress(page_html):
    """A map page as base64 of zlib-deflated UTF-8 (level 9, no timestamp: the same page gives the same text).

    Everything up to the end of the Leaflet block (the same in every map, as the title comes
    after it) is flushed on its own, so every map's packed text starts with the same 70 KB or so,
    which git stores once.
    """
    data = page_html.encode("utf-8")
    end = data.find(map_assets.END.encode())
    cut = end + len(map_assets.END) if end >= 0 else 0
    packer = zlib.compressobj(9)
    packed = packer.compress(data[:cut]) + packer.flush(zlib.Z_FULL_FLUSH)
    packed += packer.compress(data[cut:]) + packer.flush()
    return base64.b64encode(packed).decode("ascii")


_PACKED = re.compile(r'var packed = "([A-Za-z0-9+/=]*)";')


def loader_page(page_html, title):
    """A small page that unpacks `page_html` (compressed) in the browser and replaces itself with it.

    The sea colour covers the note behind the iframe while it unpacks; if the browser cannot
    unpack it, NO_UNPACK_MESSAGE is shown instead.
    """
    message = html.escape(NO_UNPACK_MESSAGE)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{escape_text(title)}</title>'
        f"<style>html {{ background: {WATER_COLOUR}; }} body {{ margin: 0; }}"
        " .kzw-no-library { position: absolute; inset: 0; margin: 0; padding: 1.5em; background: #fff;"
        " font: 15px/1.5 sans-serif; color: #222; }</style></head>\n"
        f'<body><main aria-label="Map: {escape_text(title)}">'
        f'<p class="kzw-no-library" role="alert" hidden>{message}</p>'
        f'<noscript><p class="kzw-no-library">{message}</p></noscript></main>\n'
        "<script>(function () {\n"
        f'var packed = "{compress(page_html)}";\n'
        "function failed() { document.querySelector('.kzw-no-library').hidden = false; }\n"
        "try {\n"
        "  var bytes = Uint8Array.from(atob(packed), function (c) { return c.charCodeAt(0); });\n"
        "  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));\n"
        "  new Response(stream).text().then(function (page) {\n"
        "    document.open(); document.write(page); document.close();\n"
        "  }, failed);\n"
        "} catch (error) { failed(); }\n"
        "})();</script>\n"
        "</body></html>\n"
    )


def unpack_page(document):
    """The map page inside a loader page (the document itself if it is not one)."""
    found = _PACKED.search(document)
    return zlib.decompress(base64.b64decode(found.group(1))).decode("utf-8") if found else document


def notebook_html(page_html, title, description, ratio="60%"):
    """The notebook output for a map: the map in an iframe, a message behind it, the description under it.

    The iframe holds loader_page(page_html): the page compressed, unpacked by the browser.

    The message sits behind the iframe: the drawn map (its sea is opaque) covers it, so it is
    seen only where the iframe is not shown or its scripts do not run. JupyterLab removes the
    iframe from outputs it does not trust; the website drops the message (class kzw-trust-note).
    """
    return (
        '<div class="kzw-map" style="width:100%;">'
        f'<div style="position:relative;width:100%;height:0;padding-bottom:{ratio};">'
        '<p class="kzw-trust-note" style="position:absolute;margin:0;padding:1em;color:#333;font:14px/1.5 sans-serif;">'
        f"{html.escape(NOT_TRUSTED_MESSAGE)}</p>"
        f'<iframe title="Map: {escape_text(title)}" srcdoc="{html.escape(loader_page(page_html, title), quote=True)}" '
        'style="position:absolute;width:100%;height:100%;left:0;top:0;border:none;" '
        "allowfullscreen></iframe>"
        "</div>"
        f'<p class="kzw-map-description" style="margin:0.5em 0 0;white-space:normal;word-break:normal;">'
        f"<strong>What the map shows:</strong> {escape_text(description)}</p>"
        "</div>"
    )
