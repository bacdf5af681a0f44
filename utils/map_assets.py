"""The files a map needs in the browser: Leaflet (script, stylesheet, marker images).

Every map the collection makes carries these files inside its own HTML, so it draws wherever
the notebook is opened, with or without internet and whatever a network filter blocks. They
come from the installed `xstatic-leaflet` package, which holds exactly the version folium would
otherwise load from a CDN (Leaflet 1.9.3). folium also loads jQuery, but only its popups and
two features the collection does not use need it; utils.maps makes popups without it.

The block is wrapped in two HTML comments, `<!-- kzw-map-assets:start -->` and
`<!-- kzw-map-assets:end -->`, so the website build can swap it for links to one shared copy of
the files (`head_html(base_url)` and `copy_assets(folder)`).
"""

import base64
import functools
import re
import shutil
from pathlib import Path

START = "<!-- kzw-map-assets:start -->"
END = "<!-- kzw-map-assets:end -->"

# The CSS and marker images a map uses; leaflet.css names the other images itself.
IMAGES = (
    "marker-icon.png",
    "marker-icon-2x.png",
    "marker-shadow.png",
    "layers.png",
    "layers-2x.png",
)


def leaflet_folder():
    """Folder of the Leaflet files shipped by xstatic-leaflet."""
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def asset_files():
    """{name in a shared asset folder: installed file} for every file a map needs."""
    files = {
        "leaflet.js": leaflet_folder() / "leaflet.js",
        "leaflet.css": leaflet_folder() / "leaflet.css",
    }
    for image in IMAGES:
        files[f"images/{image}"] = leaflet_folder() / "images" / image
    return files


def copy_assets(folder):
    """Copy every map asset into `folder` (as `asset_files()` names them); returns the folder."""
    folder = Path(folder)
    for name, source in asset_files().items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return folder


def data_uri(path):
    """A PNG file as a data: URI."""
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


def _script_text(path):
    """JavaScript file text, safe to place inside a <script> element."""
    text = Path(path).read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    return text.replace("</", "<\\/")


def _inline_css():
    """leaflet.css with its image references turned into data: URIs."""
    images = leaflet_folder() / "images"
    css = (leaflet_folder() / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(
        r"url\(images/([\w.-]+\.png)\)", lambda m: "url(" + data_uri(images / m.group(1)) + ")", css
    )
    return css.replace("</", "<\\/")


def _icon_script(url_of):
    """Point Leaflet's default marker at the given image URLs (url_of: image name -> URL)."""
    return (
        "<script>L.Icon.Default.imagePath = '';\n"
        "L.Icon.Default.mergeOptions({"
        f"iconUrl: '{url_of('marker-icon.png')}', "
        f"iconRetinaUrl: '{url_of('marker-icon-2x.png')}', "
        f"shadowUrl: '{url_of('marker-shadow.png')}'"
        "});</script>\n"
    )


@functools.lru_cache(maxsize=None)
def head_html(base_url=None):
    """The <head> block that gives a map its library.

    base_url None: every file inlined (the map needs nothing else). A URL or relative path:
    links to the files that `copy_assets` put there.
    """
    if base_url is None:
        images = leaflet_folder() / "images"
        body = (
            "<style>" + _inline_css() + "</style>\n"
            "<script>"
            + _script_text(leaflet_folder() / "leaflet.js")
            + "</script>\n"
            + _icon_script(lambda name: data_uri(images / name))
        )
    else:
        base = base_url.rstrip("/")
        body = (
            f'<link rel="stylesheet" href="{base}/leaflet.css">\n'
            f'<script src="{base}/leaflet.js"></script>\n'
            + _icon_script(lambda name: f"{base}/images/{name}")
        )
    return f"{START}\n{body}{END}"


def replace_head(html_text, base_url):
    """A map's HTML with its asset block swapped for `head_html(base_url)`."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), flags=re.DOTALL)
    return pattern.sub(lambda _: head_html(base_url), html_text)
