"""The page a map is drawn in, and how that page sits in a notebook output.

A folium map is a small web page of its own, shown in the notebook inside an `<iframe>`. This
module makes that page, and the output around it, say the truth in every place a map is opened:

- the page carries Leaflet itself (utils.map_assets), so no CDN is needed;
- the sea is painted as water, so with no background tiles the Caspian still reads as a sea;
- if the library still cannot run (a website copy missing its files, a browser with scripts
  off), the map area says so in words and points to the description under it, instead of
  staying blank;
- if JupyterLab hides the map because it does not trust the stored output, the text in its
  place says why and what to do (folium's own text names a menu item JupyterLab 4 does not have);
- the description (the text alternative) is printed right under the map, as ordinary text;
- the page has a language, a title, a main landmark named after the map (no heading: inside a
  notebook or a web page it would break the page's own heading order), and allows zooming (no
  `user-scalable=no`).
"""

import html
import json
import math
import re

from branca.element import Element, Figure
from jinja2 import Template

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
    for char, entity in (("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"), ("{", "&#123;"), ("}", "&#125;")):
        text = text.replace(char, entity)
    return text


class MapPage(Figure):
    """The web page around one map: language, title, water, library detection."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        "<title>{{ this.title }}</title>\n"
        "    {{ this.header.render(**kwargs) }}\n"
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
        # The body runs after the head's scripts, so this check sees whether Leaflet loaded.
        self.html.add_child(Element(DETECT_SCRIPT), name="kzw_detect")

    def render(self, **kwargs):
        return _VIEWPORT.sub(GOOD_VIEWPORT, super().render(**kwargs))


def notebook_html(page_html, title, description, ratio="60%"):
    """The notebook output for a map: the map in an iframe, a message behind it, the description under it.

    The message sits behind the iframe: the drawn map (its sea is opaque) covers it, so it is
    seen only where the iframe is not shown or its scripts do not run. JupyterLab removes the
    iframe from outputs it does not trust; the website drops the message (class kzw-trust-note).
    """
    return (
        '<div class="kzw-map" style="width:100%;">'
        f'<div style="position:relative;width:100%;height:0;padding-bottom:{ratio};">'
        '<p class="kzw-trust-note" style="position:absolute;margin:0;padding:1em;color:#333;font:14px/1.5 sans-serif;">'
        f"{html.escape(NOT_TRUSTED_MESSAGE)}</p>"
        f'<iframe title="Map: {escape_text(title)}" srcdoc="{html.escape(page_html, quote=True)}" '
        'style="position:absolute;width:100%;height:100%;left:0;top:0;border:none;" '
        'allowfullscreen></iframe>'
        "</div>"
        f'<p class="kzw-map-description" style="margin:0.5em 0 0;white-space:normal;word-break:normal;">'
        f"<strong>What the map shows:</strong> {escape_text(description)}</p>"
        "</div>"
    )
