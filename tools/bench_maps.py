"""Print map size, first-paint and import-time figures against their budgets.

    python tools/bench_maps.py

- the size of every map output stored in the sequence notebooks (notebook, cell, KB) and the
  largest, against the budget of 150 KB per map (issue 18); each is the map page compressed
  inside a small loader page (utils.map_page.notebook_html);
- region map HTML size: the plain page (Leaflet inside), as stored in a notebook (compressed)
  and with Leaflet linked from shared files (as on the website);
- first paint in headless Chromium with the network refused: milliseconds from opening the
  page to the first country drawn, for the notebook output (the compressed page in its
  iframe), the plain page and the linked page (median of 5; only where Chromium and
  Playwright are installed);
- import time of `utils` (bare, and with the map/geo/chart names a notebook imports) versus `import pandas, folium` (budget: at most 1.2 times),
  each measured in fresh Python processes, several repeats, median.
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 7
MAP_BUDGET_KB = 150


def stored_map_sizes():
    """[(notebook, cell index, KB)] of every map output stored in notebooks/NN-*.ipynb."""
    sizes = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            for output in cell.get("outputs", []):
                text = "".join(output.get("data", {}).get("text/html", ""))
                if "<iframe" in text and "srcdoc=" in text:
                    sizes.append((path.name, index, len(text.encode("utf-8")) / 1000))
    return sizes


def region_pages(folder):
    """Write the region map as a notebook output, a plain self-contained page and a page linking shared assets."""
    sys.path.insert(0, str(ROOT))
    from utils import map_assets, maps

    m = maps.region_map()
    page = m.get_root().render()
    map_assets.copy_assets(folder / "assets")
    output = m._repr_html_()
    (folder / "stored.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>output</title></head>'
        f'<body style="width:900px">{output}</body></html>',
        encoding="utf-8",
    )
    (folder / "inline.html").write_text(page, encoding="utf-8")
    (folder / "linked.html").write_text(map_assets.replace_head(page, "assets"), encoding="utf-8")
    sizes = {name: (folder / f"{name}.html").stat().st_size / 1000 for name in ("inline", "linked")}
    sizes["stored"] = len(output.encode("utf-8")) / 1000
    return sizes


def first_paint_ms(folder, names=("stored", "inline", "linked")):
    """Median milliseconds to the first drawn country, per page, with every non-file request refused."""
    import chromium

    browser_path = chromium.executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not browser_path:
        return None
    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=chromium.ARGS)
        for name in names:
            times = []
            for _ in range(5):
                page = browser.new_page()
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                start = time.perf_counter()
                page.goto((folder / f"{name}.html").as_uri())
                # The notebook output draws inside its iframe.
                where = page.frame_locator("iframe") if name == "stored" else page
                where.locator(".leaflet-overlay-pane path").first.wait_for(state="attached")
                times.append((time.perf_counter() - start) * 1000)
                page.close()
            figures[name] = statistics.median(times)
        browser.close()
    return figures


def import_seconds(statement):
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    import tempfile

    ok = True
    stored = stored_map_sizes()
    for notebook, cell, kb in stored:
        print(f"map output {notebook} cell {cell}: {kb:.0f} KB")
    if stored:
        notebook, cell, kb = max(stored, key=lambda row: row[2])
        ok &= kb <= MAP_BUDGET_KB
        print(
            f"largest map output: {kb:.0f} KB ({notebook} cell {cell}) of {len(stored)} maps; "
            f"budget <= {MAP_BUDGET_KB} KB; ratio {kb / MAP_BUDGET_KB:.2f}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        sizes = region_pages(Path(tmp))
        print(
            f"region map HTML: plain page {sizes['inline']:.0f} KB; stored in a notebook (compressed) "
            f"{sizes['stored']:.0f} KB; with Leaflet linked from shared files {sizes['linked']:.0f} KB"
        )
        paint = first_paint_ms(Path(tmp))
        if paint:
            print(
                f"first country drawn, network refused: notebook output {paint['stored']:.0f} ms, "
                f"plain page {paint['inline']:.0f} ms, linked {paint['linked']:.0f} ms"
            )
        else:
            print("first paint: skipped (needs chromium and playwright)")
    base = import_seconds("import pandas, folium")
    # utils imports its modules lazily, so also time what a notebook's import cell does.
    for label, statement in (
        ("import utils", "import utils"),
        (
            "from utils import <map, geo, chart names>",
            "from utils import region_map, offline_mode, great_circle_km, timeline_chart",
        ),
    ):
        ours = import_seconds(statement)
        ratio = ours / base
        ok &= ratio <= 1.2
        print(
            f"{label}: {ours:.2f} s vs import pandas, folium: {base:.2f} s; ratio {ratio:.2f} (budget <= 1.2)"
        )
    print("all within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
