"""Maps in a real browser (Chromium via Playwright).

(a) offline mode with every network request refused: the Leaflet map draws its polygons and
    markers, and a marker's popup shows the hostile text as text;
(b) default mode with CDN files served from the local xstatic copies and tiles refused: the
    polygons still draw.
"""

import pandas as pd
import pytest

from utils import maps, offline

HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script> `${x}` \"q\" 'q' </iframe>"
LOCAL_FILES = {
    "leaflet.js": offline.leaflet_folder() / "leaflet.js",
    "leaflet.css": offline.leaflet_folder() / "leaflet.css",
    "jquery-3.7.1.min.js": offline.jquery_folder() / "jquery.min.js",
}


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
        places = pd.DataFrame({"name": ["Astana", "Almaty"], "lat": [51.17, 43.24], "lon": [71.42, 76.89],
                               "note": [HOSTILE, "second place"]})
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
    world = len(maps.load_boundaries("world")["features"])
    assert polygons == world
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
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort())
    _open(page, tmp_path, m, "region")
    assert page.locator(".leaflet-overlay-pane path").count() == 8
    assert "Kazakhstan" in page.locator(".kzw-legend").inner_text()
    page.screenshot(path=str(shots / "offline_region.png"))
    page.close()


def test_default_map_with_local_cdn_files_and_no_tiles(browser, tmp_path, shots):
    offline.offline_mode(False)
    frame = pd.DataFrame({"iso3": ["KAZ", "RUS", "CHN", "USA"], "v": [1.0, 2.0, 3.0, 4.0]})
    m = maps.choropleth_map(frame, "v", title="Test values")
    page = browser.new_page()
    served, refused = [], []

    def serve(route):
        url = route.request.url
        filename = url.split("?")[0].rsplit("/", 1)[-1]
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        elif filename in LOCAL_FILES:
            served.append(filename)
            kind = "text/css" if filename.endswith(".css") else "application/javascript"
            route.fulfill(body=LOCAL_FILES[filename].read_bytes(), content_type=kind)
        else:
            refused.append(url)
            route.abort()

    page.route("**/*", serve)
    _open(page, tmp_path, m, "default")
    assert page.locator(".leaflet-overlay-pane path").count() == len(maps.load_boundaries("world")["features"])
    assert {"leaflet.js", "jquery-3.7.1.min.js", "leaflet.css"} <= set(served)
    assert any("tile.openstreetmap.org" in u for u in refused)  # tiles were asked for and refused
    page.screenshot(path=str(shots / "default_choropleth.png"))
    page.close()


@pytest.mark.parametrize("builder", ["links", "routes"])
def test_lines_maps_draw_offline(browser, tmp_path, shots, builder):
    offline.offline_mode(True)
    try:
        if builder == "links":
            frame = pd.DataFrame({"name": ["Beijing", "Moscow"], "lat": [39.9, 55.75], "lon": [116.4, 37.6], "v": [10, 5]})
            m = maps.links_map(frame, "v", title="Test links")
        else:
            frame = pd.DataFrame({"route": ["A", "A", "A"], "order": [1, 2, 3], "name": ["p", "q", "r"],
                                  "lat": [43.0, 44.0, 45.0], "lon": [70.0, 75.0, 80.0]})
            m = maps.routes_map(frame)
    finally:
        offline.offline_mode(False)
    page = browser.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:")) else r.abort())
    _open(page, tmp_path, m, builder)
    assert page.locator(".leaflet-overlay-pane path").count() > len(maps.load_boundaries("world")["features"])
    if builder == "routes":
        assert "Schematic" in page.locator(".leaflet-top.leaflet-right").inner_text()
    page.screenshot(path=str(shots / f"offline_{builder}.png"))
    page.close()
