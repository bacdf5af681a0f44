"""Tests for utils.maps, utils.map_page, utils.map_assets, utils.offline and utils.determinism.

Hostile strings go through every builder; the rendered page (the outer notebook HTML and the
document inside the iframe's srcdoc, unpacked) is parsed to check that none of them became
markup or code. Determinism: the same map gives the same HTML twice, and in two fresh processes.
Size: every map output stays within MAP_BUDGET, because it is stored compressed.
"""

import json
import re
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from utils import map_assets, map_page, maps, offline

ROOT = Path(__file__).resolve().parent.parent
MAP_BUDGET = 150_000  # bytes of one map output in a notebook (issue 18)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"double' 'single\"",
    "`backtick` ${x}",
    "</iframe><b>x</b>",
    "\\u003cscript\\u003e",
]
BAD = " | ".join(HOSTILE)
RAW_FRAGMENTS = ["<script>alert", "<img src=x", "</iframe><b>", "`backtick`", "${x}", "<b>x</b>"]


class Page(HTMLParser):
    """Collects tags, attributes and script text of an HTML document."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.scripts, self.srcdocs = [], [], [], []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "iframe":
            self.srcdocs += [v for k, v in attrs if k == "srcdoc"]
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def sample_maps():
    """Every builder, fed hostile text wherever text can go."""
    places = pd.DataFrame(
        {
            "name": [BAD, "Astana"],
            "lat": [43.24, 51.17],
            "lon": [76.89, 71.42],
            "note": [BAD, "capital"],
        }
    )
    return {
        "region": maps.region_map(title=BAD),
        "choropleth_numeric": maps.choropleth_map(
            pd.DataFrame({"iso3": ["KAZ", "RUS", "CHN"], "v": [1.0, 2.0, 3.5]}),
            "v",
            title=BAD,
            unit=BAD,
        ),
        "choropleth_categories": maps.choropleth_map(
            pd.DataFrame({"iso3": ["KAZ", "RUS"], "v": [BAD, "other"]}), "v", title=BAD
        ),
        "markers": maps.markers_map(places, popup="note", title=BAD),
        "circles": maps.markers_map(places, popup="note", title=BAD, circles=True),
        "links": maps.links_map(places.assign(value=[3, 5]), "value", title=BAD, unit=BAD),
        "routes": maps.routes_map(
            pd.DataFrame(
                {
                    "route": [BAD, BAD, "B", "B"],
                    "order": [1, 2, 1, 2],
                    "name": [BAD, "b", "c", "d"],
                    "lat": [43.0, 44.0, 45.0, 46.0],
                    "lon": [70.0, 80.0, 50.0, 60.0],
                }
            ),
            title=BAD,
        ),
    }


@pytest.fixture(params=[False, True], ids=["default", "offline"])
def mode(request):
    offline.offline_mode(request.param)
    yield request.param
    offline.offline_mode(False)


def test_hostile_text_never_becomes_markup(mode):
    for name, m in sample_maps().items():
        outer = Page(m._repr_html_())
        assert outer.tags.count("iframe") == 1 and "script" not in outer.tags, name
        assert not {"img", "b"} & set(outer.tags), name  # the description under the map is text
        (loader,) = outer.srcdocs
        assert "var packed" in loader, name
        inner_html = map_page.unpack_page(loader)
        inner = Page(inner_html)
        for fragment in RAW_FRAGMENTS:
            assert fragment not in inner_html, (name, fragment)
        assert "img" not in inner.tags and "iframe" not in inner.tags and "b" not in inner.tags, (
            name
        )
        assert not [k for k, _ in inner.attrs if k.startswith("on")], name
        # The escaped text is there (so it is shown, as text).
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt;" in inner_html
            or "\\u0026lt;script" in inner_html
        ), name


def test_page_requests_nothing_but_tiles(mode):
    """Leaflet, its CSS and the marker images are inside every page, in both modes; no jQuery is needed."""
    for name, m in sample_maps().items():
        rendered = m.get_root().render()
        page = Page(rendered)
        urls = [v for k, v in page.attrs if k in ("src", "href") and v]
        assert urls == [], (name, urls)
        assert "L.Icon.Default.mergeOptions" in "".join(page.scripts)
        assert rendered.count(map_assets.START) == 1 and rendered.count(map_assets.END) == 1
        for host in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrapcdn"):
            assert host not in rendered, (name, host)
        assert ("L.tileLayer(" in rendered) is (not mode), name
        css = "".join(re.findall(r"<style>(.*?)</style>", rendered, flags=re.S))
        assert "url(images/" not in css
        assert not re.findall(r"url\((?!data:|#default#VML)", css), name
        assert "jQuery" not in rendered and "$(" not in rendered.split(map_assets.END)[1], name


def test_default_mode_names_its_tiles_and_offline_mode_says_so():
    offline.offline_mode(False)
    page_html = maps.region_map().get_root().render()
    assert "tile.openstreetmap.org" in page_html and "OpenStreetMap" in page_html
    assert "stamen" not in page_html.lower() and "Offline mode" not in page_html
    assert "L.tileLayer(" not in maps.region_map(tiles=False).get_root().render()
    offline.offline_mode(True)
    try:
        assert "Offline mode: no background tiles" in maps.region_map().get_root().render()
    finally:
        offline.offline_mode(False)


def test_page_is_accessible_and_says_the_truth_when_it_cannot_draw():
    m = maps.region_map()
    page_html = m.get_root().render()
    assert page_html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert f"<title>{m.title}</title>" in page_html
    assert "user-scalable=no" not in page_html and "maximum-scale" not in page_html
    assert "if (!window.L)" in page_html and "did not load" in page_html
    outer = m._repr_html_()
    assert (
        "Trust Notebook" in outer
        and "File -> Trust" not in outer
        and "File -&gt; Trust" not in outer
    )
    assert 'title="Map: Kazakhstan, its neighbours and the Caspian states"' in outer
    assert "What the map shows:</strong> " + m.describe().split(" (")[0] in outer


def test_every_map_draws_water_and_contested_outlines():
    for name, m in sample_maps().items():
        rendered = m.get_root().render()
        assert map_page.WATER_COLOUR in rendered, name
        assert '"dashArray": "4 3"' in rendered or "dashArray" in rendered, name
        assert "Caspian" in rendered and "Crimea" in rendered, name


def test_region_map_names_each_country_once_in_tooltips():
    rendered = maps.region_map().get_root().render()
    assert "Kazakhstan: Kazakhstan" not in rendered
    assert "China: land neighbour" in rendered


def test_scale_bar_only_on_regional_maps_and_views_fit_the_data():
    region = maps.region_map().get_root().render()
    world = maps.choropleth_map(pd.DataFrame({"iso3": ["KAZ"], "v": [1]}), "v").get_root().render()
    assert "L.control.scale(" in region and "L.control.scale(" not in world
    one = maps.links_map(
        pd.DataFrame({"name": ["Beijing"], "lat": [39.9], "lon": [116.4], "v": [1.0]}), "v"
    )
    assert "fitBounds" in one.get_root().render()
    assert one.describe() == "A line from Astana to Beijing (v: 1)."


def test_site_can_swap_the_inline_library_for_shared_files(tmp_path):
    page_html = maps.region_map().get_root().render()
    linked = map_assets.replace_head(page_html, "../_static/kzw-maps")
    assert '<script src="../_static/kzw-maps/leaflet.js"></script>' in linked
    assert "L.Map = " not in linked and len(linked) < len(page_html) - 150_000
    folder = map_assets.copy_assets(tmp_path / "kzw-maps")
    for name in map_assets.asset_files():
        assert (folder / name).stat().st_size > 0, name


def test_environment_variable_switches_offline(monkeypatch):
    offline._switch = None
    monkeypatch.setenv("KZW_OFFLINE", "1")
    assert offline.is_offline()
    monkeypatch.setenv("KZW_OFFLINE", "0")
    assert not offline.is_offline()
    offline.offline_mode(True)
    assert offline.is_offline()
    offline.offline_mode(False)


def test_same_map_same_html_twice(mode):
    first = {k: m._repr_html_() for k, m in sample_maps().items()}
    second = {k: m._repr_html_() for k, m in sample_maps().items()}
    assert first == second
    m = maps.region_map()
    assert m._repr_html_() == m._repr_html_()


SCRIPT = """
import hashlib, sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {tests!r})
from utils import offline
offline.offline_mode({offline})
import test_maps
for name, m in sorted(test_maps.sample_maps().items()):
    print(name, hashlib.sha256(m._repr_html_().encode()).hexdigest())
"""


@pytest.mark.slow
@pytest.mark.parametrize("offline_flag", [False, True])
def test_same_html_in_two_fresh_processes(offline_flag):
    code = SCRIPT.format(root=str(ROOT), tests=str(ROOT / "tests"), offline=offline_flag)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1] and runs[0].count("\n") == 7


def test_repr_has_no_memory_address_and_says_what_it_shows():
    m = maps.region_map()
    text = repr(m)
    assert "0x" not in text and "Kazakhstan" in text
    assert m.describe() in text


def test_region_map_table_and_description():
    m = maps.region_map()
    table = m.table()
    assert set(table.iso3) == {"KAZ", "RUS", "CHN", "KGZ", "UZB", "TKM", "AZE", "IRN"}
    roles = dict(zip(table.iso3, table.role))
    assert roles["KAZ"] == "Kazakhstan"
    assert roles["CHN"] == "land neighbour"
    assert roles["RUS"] == "land neighbour and Caspian state"
    assert roles["IRN"] == "Caspian state"
    assert "5 land neighbours" in m.describe()
    table.loc[0, "role"] = "changed"
    assert "changed" not in set(m.table().role)  # table() is a copy


def test_choropleth_numeric_legend_and_no_data():
    frame = pd.DataFrame({"iso3": ["kaz", "RUS", "XXX"], "year": [1992, 1991, 2000]})
    m = maps.choropleth_map(frame, "year", title="Year")
    html_text = m.get_root().render()
    assert "no data" in html_text
    assert "XXX" in m.describe()  # a code that is not on the map is reported
    described = maps.choropleth_map(
        pd.DataFrame({"iso3": ["KAZ", "VAT"], "v": [1, 2]}), "v", title="Things"
    ).describe()
    assert (
        described.startswith("Things: a world map with 1 country coloured")
        and "Vatican City" in described
    )
    assert list(m.table().iso3) == ["KAZ", "RUS", "XXX"]


def test_choropleth_errors_are_one_line():
    with pytest.raises(ValueError, match="needs the column"):
        maps.choropleth_map(pd.DataFrame({"iso3": ["KAZ"]}), "value")
    with pytest.raises(ValueError, match="one row per country"):
        maps.choropleth_map(pd.DataFrame({"iso3": ["KAZ", "KAZ"], "v": [1, 2]}), "v")
    with pytest.raises(TypeError, match="DataFrame"):
        maps.choropleth_map([("KAZ", 1)], "v")


def test_colours_come_from_colour_blind_safe_sets():
    m = maps.choropleth_map(pd.DataFrame({"iso3": ["KAZ", "RUS"], "v": ["a", "b"]}), "v")
    page = m.get_root().render()
    assert maps.CATEGORY_COLOURS[0] in page and maps.CATEGORY_COLOURS[1] in page


def test_routes_map_says_schematic():
    frame = pd.DataFrame(
        {
            "route": ["A", "A"],
            "order": [2, 1],
            "name": ["second", "first"],
            "lat": [45.0, 44.0],
            "lon": [60.0, 50.0],
        }
    )
    m = maps.routes_map(frame)
    assert "Schematic" in m.get_root().render() and "schematic" in m.describe().lower()
    assert list(m.table().name) == ["first", "second"]
    assert "first - second" in m.describe()


def test_boundary_note_is_markdown_with_plain_text():
    note = maps.boundary_note()
    assert "Natural Earth" in note._repr_markdown_() and "de facto" in note._repr_markdown_()
    assert "**" not in repr(note)


def test_escape_text_covers_js_template_characters():
    assert (
        maps.escape_text("`${a}`\\<>&\"'")
        == "&#96;&#36;&#123;a&#125;&#96;&#92;&lt;&gt;&amp;&quot;&#x27;"
    )
    assert maps.escape_text(None) == "" and maps.escape_text(float("nan")) == ""


def notebook_map_outputs():
    """(notebook name, cell index, HTML) of every map output stored in the sequence notebooks."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for output in cell.get("outputs", []):
                text = "".join(output.get("data", {}).get("text/html", ""))
                if "<iframe" in text and "srcdoc=" in text:
                    found.append((path.name, index, text))
    return found


def test_every_map_output_is_within_budget_and_needs_no_network(mode):
    """Made maps and the maps stored in the notebooks: at most MAP_BUDGET bytes, nothing fetched."""
    made = [(name, 0, m._repr_html_()) for name, m in sample_maps().items()]
    stored = notebook_map_outputs()
    assert stored, "no map outputs found in the notebooks"
    for notebook, cell, text in made + stored:
        size = len(text.encode("utf-8"))
        assert size <= MAP_BUDGET, (
            f"{notebook} cell {cell}: map output {size / 1000:.0f} KB > {MAP_BUDGET / 1000:.0f} KB"
        )
        (loader,) = Page(text).srcdocs
        loader_page = Page(loader)
        assert [v for k, v in loader_page.attrs if k in ("src", "href")] == [], (notebook, cell)
        page = Page(map_page.unpack_page(loader))
        urls = [v for k, v in page.attrs if k in ("src", "href") and v]
        assert urls == [], (notebook, cell, urls)
        assert "* Leaflet 1." in "".join(page.scripts), (notebook, cell)  # Leaflet is inside


def test_compressed_page_unpacks_to_the_same_page():
    page_html = maps.region_map().get_root().render()
    loader = map_page.loader_page(page_html, "A map")
    assert map_page.unpack_page(loader) == page_html
    assert loader == map_page.loader_page(page_html, "A map")  # deterministic: no timestamp
    assert len(loader) < len(page_html) / 2
    assert map_page.NO_UNPACK_MESSAGE.split(":")[0] in loader and "<noscript>" in loader
    assert map_page.unpack_page("<p>not packed</p>") == "<p>not packed</p>"


@pytest.mark.parametrize("name", ["world", "region", "water", "contested"])
def test_packing_moves_no_point(name):
    """Unpacked as the browser does (kzwUnpack), every coordinate of data/geo comes back exactly."""
    collection = json.loads((ROOT / "data" / "geo" / f"{name}.geojson").read_text(encoding="utf-8"))
    packed = map_page.pack_polygons(collection)
    scale = packed["kzwScale"]

    def ring(steps):
        x = y = 0
        points = []
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            points.append([x / scale, y / scale])
        return points

    for original, feature in zip(collection["features"], packed["features"]):
        polygons = feature["geometry"]["coordinates"]
        assert [[ring(r) for r in p] for p in polygons] == original["geometry"]["coordinates"], (
            feature["id"]
        )
        assert feature["properties"] == original["properties"]
    plain, small = json.dumps(collection), json.dumps(packed, separators=(",", ":"))
    assert len(zlib.compress(small.encode())) < 0.75 * len(zlib.compress(plain.encode()))


def test_page_carries_packed_polygons_only():
    rendered = maps.region_map().get_root().render()
    assert (
        rendered.count("kzwUnpack(") == 5
    )  # the function, and four layers: land around, countries, water, contested
    assert '"coordinates": [[[' not in rendered
    with pytest.raises(ValueError, match="polygons only"):
        map_page.pack_polygons(
            {"features": [{"geometry": {"type": "Point", "coordinates": [1, 2]}}]}
        )
