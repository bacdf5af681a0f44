"""Maps in a real browser (Chromium via Playwright), as a classroom behind a filter sees them.

Every non-local request is refused in every test here: nothing is served from a local copy
of a CDN. (a) offline mode: the map draws its polygons and markers, and a marker's popup shows
hostile text as text; (b) default mode: the polygons still draw (tiles are asked for and
refused); (c) a page whose library cannot load says so in words, never folium's trust text;
(d) a map in its stored form (the page compressed inside a loader page) unpacks and draws, and
says so in words when the browser cannot unpack it; (e) notebook 10's schematic Caspian seabed map
draws its four lines and shows its "schematic" and "undivided south" labels offline.
"""

import pandas as pd
import pytest

from utils import map_assets, map_page, maps, offline

HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script> `${x}` \"q\" 'q' </iframe>"


def _refuse_network(page, refused):
    """Abort every request that does not stay on this machine."""

    def route(r):
        if r.request.url.startswith(("file:", "data:", "about:")):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)


def _open(page, tmp_path, m, name):
    path = tmp_path / f"{name}.html"
    path.write_text(m.get_root().render(), encoding="utf-8")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-overlay-pane path", timeout=15000)
    page.wait_for_timeout(300)
    return dialogs


def test_offline_map_works_with_no_network(browser, tmp_path, shots):
    offline.offline_mode(True)
    try:
        places = pd.DataFrame(
            {
                "name": ["Astana", "Almaty"],
                "lat": [51.17, 43.24],
                "lon": [71.42, 76.89],
                "note": [HOSTILE, "second place"],
            }
        )
        m = maps.markers_map(places, popup="note", title="Test places")
    finally:
        offline.offline_mode(False)
    page = browser.new_page()
    requests = []

    def refuse(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            requests.append(url)
            route.abort()

    page.route("**/*", refuse)
    dialogs = _open(page, tmp_path, m, "offline")
    polygons = page.locator(".leaflet-overlay-pane path").count()
    layers = [maps.load_boundaries("world"), maps.load_water(), maps.load_contested()]
    assert polygons == sum(len(layer["features"]) for layer in layers)
    markers = page.locator(".leaflet-marker-pane img.leaflet-marker-icon")
    assert markers.count() == 2
    # The default marker image is inlined (data: URI), so the icon has a real size.
    assert markers.first.get_attribute("src").startswith("data:image/png")
    assert page.evaluate("document.querySelector('.leaflet-marker-icon').naturalWidth") > 0
    markers.first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert popup.inner_text().strip() == HOSTILE
    assert popup.locator("img, script").count() == 0
    page.screenshot(path=str(shots / "offline_markers.png"))
    assert requests == [] and dialogs == []
    page.close()


def test_offline_region_map(browser, tmp_path, shots):
    offline.offline_mode(True)
    try:
        m = maps.region_map()
    finally:
        offline.offline_mode(False)
    page = browser.new_page()
    page.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort()
        ),
    )
    _open(page, tmp_path, m, "region")
    assert (
        page.locator(".leaflet-overlay-pane path").count() > 8
    )  # region, land around it, water, contested
    assert "Kazakhstan" in page.locator(".kzw-legend").inner_text()
    page.screenshot(path=str(shots / "offline_region.png"))
    page.close()


def test_default_map_draws_with_the_network_refused(browser, tmp_path, shots):
    offline.offline_mode(False)
    frame = pd.DataFrame({"iso3": ["KAZ", "RUS", "CHN", "USA"], "v": [1.0, 2.0, 3.0, 4.0]})
    m = maps.choropleth_map(frame, "v", title="Test values")
    page = browser.new_page()
    refused = []
    _refuse_network(page, refused)
    _open(page, tmp_path, m, "default")
    countries = len(maps.load_boundaries("world")["features"])
    assert page.locator(".leaflet-overlay-pane path").count() >= countries
    assert refused and all(
        "tile.openstreetmap.org" in u for u in refused
    )  # only tiles were asked for
    page.screenshot(path=str(shots / "default_choropleth.png"))
    page.close()


def test_a_map_without_its_library_says_so(browser, tmp_path):
    """A page whose Leaflet files are missing (a website copy without them) explains itself."""
    page_html = map_assets.replace_head(maps.region_map().get_root().render(), "missing-folder")
    path = tmp_path / "no-library.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page()
    _refuse_network(page, [])
    page.goto(path.as_uri())
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=5000)
    assert (
        "could not be drawn" in alert.inner_text()
        and "description under the map" in alert.inner_text()
    )
    assert "Trust" not in page.inner_text("body")
    page.close()


def test_notebook_output_shows_the_map_over_its_fallback_text(browser, tmp_path, shots):
    """The notebook output as JupyterLab shows it: the iframe covers the not-trusted message."""
    m = maps.region_map()
    path = tmp_path / "output.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>output</title></head><body style="width:900px">'
        + m._repr_html_()
        + "</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page()
    _refuse_network(page, [])
    page.goto(path.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator(".leaflet-overlay-pane path").first.wait_for(timeout=15000)
    # The message behind the map is covered: the point at its first words belongs to the iframe.
    covered = page.evaluate("""() => {
        const p = document.querySelector('.kzw-map p'); const r = p.getBoundingClientRect();
        return document.elementFromPoint(r.left + 5, r.top + 5).tagName; }""")
    assert covered == "IFRAME"
    assert "What the map shows" in page.locator(".kzw-map-description").inner_text()
    page.screenshot(path=str(shots / "notebook_output_region.png"))
    page.close()


@pytest.mark.parametrize("builder", ["links", "routes"])
def test_lines_maps_draw_offline(browser, tmp_path, shots, builder):
    offline.offline_mode(True)
    try:
        if builder == "links":
            frame = pd.DataFrame(
                {
                    "name": ["Beijing", "Moscow"],
                    "lat": [39.9, 55.75],
                    "lon": [116.4, 37.6],
                    "v": [10, 5],
                }
            )
            m = maps.links_map(frame, "v", title="Test links")
        else:
            frame = pd.DataFrame(
                {
                    "route": ["A", "A", "A"],
                    "order": [1, 2, 3],
                    "name": ["p", "q", "r"],
                    "lat": [43.0, 44.0, 45.0],
                    "lon": [70.0, 75.0, 80.0],
                }
            )
            m = maps.routes_map(frame)
    finally:
        offline.offline_mode(False)
    page = browser.new_page()
    page.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort()
        ),
    )
    _open(page, tmp_path, m, builder)
    assert page.locator(".leaflet-overlay-pane path").count() > len(
        maps.load_boundaries("world")["features"]
    )
    if builder == "routes":
        assert "Schematic" in page.locator(".leaflet-top.leaflet-right").inner_text()
    page.screenshot(path=str(shots / f"offline_{builder}.png"))
    page.close()


def test_compressed_map_draws_with_the_network_refused(browser, tmp_path):
    """The stored form of a map (its page compressed in a loader page) unpacks and draws offline."""
    m = maps.region_map()
    path = tmp_path / "loader.html"
    path.write_text(map_page.loader_page(m.get_root().render(), m.title), encoding="utf-8")
    page = browser.new_page()
    refused = []
    _refuse_network(page, refused)
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached", timeout=15000)
    assert page.locator(".leaflet-overlay-pane path").count() > 8
    assert page.evaluate("typeof kzwUnpack") == "function" and page.title() == m.title
    assert all("tile.openstreetmap.org" in u for u in refused)  # only tiles were asked for
    assert page.locator("[role=alert]").count() == 0
    page.close()


@pytest.mark.parametrize("how", ["no DecompressionStream", "scripts off"])
def test_a_map_that_cannot_be_unpacked_says_so(browser, tmp_path, how):
    m = maps.region_map()
    path = tmp_path / "loader.html"
    path.write_text(map_page.loader_page(m.get_root().render(), m.title), encoding="utf-8")
    page = browser.new_page()
    _refuse_network(page, [])
    if how == "scripts off":
        browser.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": True})
    else:
        page.add_init_script("delete window.DecompressionStream;")
    page.goto(path.as_uri())
    message = page.locator(".kzw-no-library:visible")
    message.wait_for(timeout=5000)
    assert message.inner_text() == map_page.NO_UNPACK_MESSAGE
    assert page.locator(".leaflet-container").count() == 0
    page.close()


def test_caspian_seabed_map_draws_offline(browser, tmp_path, shots):
    """Notebook 10's schematic seabed map: states, water, four dashed lines and its labels."""
    from utils.caspian import LINE_STYLES, SCHEMATIC_LABEL, UNDIVIDED_LABEL, caspian_map

    offline.offline_mode(True)
    try:
        m = caspian_map()
    finally:
        offline.offline_mode(False)
    page = browser.new_page()
    refused = []
    _refuse_network(page, refused)
    dialogs = _open(page, tmp_path, m, "caspian")
    dashes = page.evaluate("""() => [...document.querySelectorAll(
        '.leaflet-overlay-pane path[stroke-dasharray]')].map(p => p.getAttribute('stroke-dasharray'))""")
    assert sorted(d for d in dashes if d != "4 3") == sorted(d for _, d in LINE_STYLES)
    states = page.locator(".leaflet-overlay-pane path.leaflet-interactive").count()
    assert states > 4 + len(maps.load_water()["features"])  # countries, water, lines, points
    assert SCHEMATIC_LABEL in page.locator(".leaflet-top.leaflet-right").inner_text()
    assert page.get_by_text(UNDIVIDED_LABEL).is_visible()
    legend = page.locator(".leaflet-bottom.leaflet-right .kzw-legend").inner_text()
    assert "Kazakhstan-Russia: agreement signed 6 July 1998" in legend
    page.screenshot(path=str(shots / "offline_caspian.png"))
    assert refused == [] and dialogs == []
    page.close()
