"""The static site in a real browser (Chromium via Playwright), opened from file:// with no network.

- Every page is opened from file:// with every request that is not file:, data:, about: or
  blob: refused. Every map iframe must draw its polygons (Leaflet comes from the site's own
  _static/kzw-maps/, by a path relative to the page), no map says "Make this Notebook Trusted",
  and no script, stylesheet or font is asked for outside the site (map tiles may be: they are
  decoration and simply do not come).
- axe-core (node_modules/, pinned in package.json) checks every page, its map iframes included.
  Violations known to come from upstream (the Jupyter Book themes) are listed with their reason
  in axe_known_upstream.json; any other violation fails. The full results go to
  test-output/browser/axe-site.json.

The site is built once per session by tests/test_site.py's builder (or taken from
$KZW_SITE_DIR, e.g. KZW_SITE_DIR=build/site, to check an existing build quickly).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from axe import axe_version, by_rule, describe, require_axe, run_axe

ROOT = Path(__file__).resolve().parents[2]
KNOWN_UPSTREAM = Path(__file__).with_name("axe_known_upstream.json")
LOCAL = ("file:", "data:", "about:", "blob:")
SCREENSHOT_PAGE = "notebooks/02-independence-and-recognition.html"

sys.path.insert(0, str(ROOT / "tests"))
import test_site  # noqa: E402  (the site builder shared with tests/test_site.py)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if os.environ.get("KZW_SITE_DIR"):
        folder = Path(os.environ["KZW_SITE_DIR"]).resolve()
        if not (folder / "intro.html").exists():
            pytest.fail(f"KZW_SITE_DIR={folder} holds no built site")
        return folder
    return test_site.built_site(tmp_path_factory)[0]


def pages_of(site):
    """Every HTML page of the site, except redirect stubs (index.html points to intro.html)."""
    pages = []
    for path in test_site.site_pages(site):
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        pages.append(path)
    return pages


def open_offline(browser, path):
    """Open a site page from file:// with every outside request refused; return (page, refused)."""
    page = browser.new_page()
    refused = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            refused.append((r.request.resource_type, r.request.url))
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, refused


def map_frames(page):
    """The content frames of the page's map iframes (srcdoc iframes), in page order."""
    frames = []
    for handle in page.locator("iframe[srcdoc]").element_handles():
        frame = handle.content_frame()
        assert frame is not None, "a map iframe has no document"
        frames.append(frame)
    return frames


def wait_for_maps(page):
    """Wait until every map iframe has drawn; return the number of polygons of each."""
    counts = []
    for frame in map_frames(page):
        try:
            frame.wait_for_selector(".leaflet-overlay-pane path", state="attached", timeout=15000)
        except Exception:
            pass
        counts.append(frame.locator(".leaflet-overlay-pane path").count())
    return counts


def test_every_map_draws_from_file_with_no_network(browser, site):
    expected = {
        p.name: test_site.maps_in_notebook(p)
        for p in test_site.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")
    }
    problems, drawn, markers = [], 0, 0
    for path in pages_of(site):
        name = str(path.relative_to(site))
        page, refused = open_offline(browser, path)
        counts = wait_for_maps(page)
        drawn += sum(1 for c in counts if c > 0)
        notebook = Path(name).stem + ".ipynb"
        if name.startswith("notebooks/") and len(counts) != expected.get(notebook, 0):
            problems.append(f"{name}: {len(counts)} map iframes, {expected.get(notebook)} maps")
        for i, count in enumerate(counts):
            if count == 0:
                problems.append(f"{name}: map {i + 1} drew no polygons")
        for i, frame in enumerate(map_frames(page)):
            broken = frame.evaluate("""() => [...document.querySelectorAll(
                'img.leaflet-marker-icon')].filter(img => !(img.complete && img.naturalWidth > 0))
                .map(img => img.src)""")
            markers += frame.locator("img.leaflet-marker-icon").count()
            if broken:
                problems.append(
                    f"{name}: map {i + 1} has marker images that did not load: {broken[:2]}"
                )
        # The map's output area (not the page's prose, which may explain trust to students).
        texts = [
            page.locator("iframe[srcdoc]")
            .nth(i)
            .evaluate("el => (el.closest('.output') || el.parentElement).innerText")
            for i in range(len(counts))
        ]
        texts += [f.locator("body").inner_text() for f in map_frames(page)]
        if any(note in t for t in texts for note in test_site.TRUST_TEXTS):
            problems.append(f"{name}: shows a note about trusting the notebook")
        needed = [f"{kind} {url}" for kind, url in refused if kind != "image"]
        if needed:
            problems.append(f"{name}: asked the network for " + ", ".join(needed[:5]))
        page.close()
    assert drawn == sum(expected.values())
    assert markers > 0, "no map with markers in the site: the marker images were not checked"
    assert not problems, "\n".join(problems)


def test_screenshot_of_a_page_with_a_map(browser, site, shots):
    page, _ = open_offline(browser, site / SCREENSHOT_PAGE)
    assert wait_for_maps(page)[0] > 0
    iframe = page.locator("iframe[srcdoc]").first
    iframe.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "site_page_with_map.png"))
    iframe.screenshot(path=str(shots / "site_map.png"))
    page.close()


def known_upstream():
    return json.loads(KNOWN_UPSTREAM.read_text(encoding="utf-8"))["violations"]


def is_known(rule, node, known):
    return any(k["rule"] == rule and any(m in node["html"] for m in k["match"]) for k in known)


def test_accessibility_of_every_page(browser, site, shots):
    require_axe()
    known = known_upstream()
    found, report = [], {}
    for path in pages_of(site):
        page, _ = open_offline(browser, path)
        wait_for_maps(page)
        violations = run_axe(page)
        report[str(path.relative_to(site))] = by_rule(violations)
        found += violations
        page.close()
    unexpected, expected = [], []
    for violation in found:
        mine = [n for n in violation["nodes"] if not is_known(violation["id"], n, known)]
        theirs = [n for n in violation["nodes"] if is_known(violation["id"], n, known)]
        if mine:
            unexpected.append(dict(violation, nodes=mine))
        if theirs:
            expected.append(dict(violation, nodes=theirs))
    (shots / "axe-site.json").write_text(
        json.dumps(
            {
                "axe-core": axe_version(),
                "by_rule": by_rule(found),
                "upstream": by_rule(expected),
                "ours": by_rule(unexpected),
                "by_page": report,
                "violations": found,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    assert not unexpected, (
        "accessibility violations that are not known upstream ones "
        f"(full report: {shots / 'axe-site.json'}):\n" + describe(unexpected)
    )
    # A known upstream entry that no longer occurs should be removed from the list.
    stale = [k["rule"] for k in known if k["rule"] not in by_rule(expected)]
    assert not stale, f"{KNOWN_UPSTREAM.name} lists violations that no longer occur: {stale}"


def test_run_axe_sees_inside_map_frames(browser, site):
    """The helper checks iframes too: a fault planted inside a map iframe is reported."""
    require_axe()
    path = site / SCREENSHOT_PAGE
    page, _ = open_offline(browser, path)
    wait_for_maps(page)
    map_frames(page)[0].evaluate(
        "document.body.appendChild(Object.assign(document.createElement('img'), {src: 'data:,'}))"
    )
    planted = [v for v in run_axe(page) if v["id"] == "image-alt"]
    assert planted and all(len(n["target"]) == 2 for v in planted for n in v["nodes"])
    page.close()
