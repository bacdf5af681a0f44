"""Print map size, first-paint and import-time figures against their budgets.

    python tools/bench_maps.py

- region map HTML size: self-contained (Leaflet inside, as every notebook output; budget
  < 700 KB) and with Leaflet linked from shared files (as on the website);
- first paint in headless Chromium with the network refused: milliseconds from opening the
  page to the first country drawn, self-contained against linked (median of 5; only where
  Chromium and Playwright are installed);
- import time of `utils` (bare, and with the map/geo/chart names a notebook imports) versus `import pandas, folium` (budget: at most 1.2 times),
  each measured in fresh Python processes, several repeats, median.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 7


def region_pages(folder):
    """Write the region map as a self-contained page and as a page linking shared assets."""
    sys.path.insert(0, str(ROOT))
    from utils import map_assets, maps

    page = maps.region_map().get_root().render()
    map_assets.copy_assets(folder / "assets")
    (folder / "inline.html").write_text(page, encoding="utf-8")
    (folder / "linked.html").write_text(map_assets.replace_head(page, "assets"), encoding="utf-8")
    return {name: (folder / f"{name}.html").stat().st_size / 1000 for name in ("inline", "linked")}


def first_paint_ms(folder):
    """Median milliseconds to the first drawn country, per page, with every non-file request refused."""
    import shutil

    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for name in ("inline", "linked"):
            times = []
            for _ in range(5):
                page = browser.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                start = time.perf_counter()
                page.goto((folder / f"{name}.html").as_uri())
                page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
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
    with tempfile.TemporaryDirectory() as tmp:
        sizes = region_pages(Path(tmp))
        ok &= sizes["inline"] < 700
        print(f"region map HTML, self-contained: {sizes['inline']:.0f} KB (budget < 700 KB); "
              f"with Leaflet linked from shared files: {sizes['linked']:.0f} KB")
        paint = first_paint_ms(Path(tmp))
        if paint:
            print(f"first country drawn, network refused: self-contained {paint['inline']:.0f} ms, "
                  f"linked {paint['linked']:.0f} ms")
        else:
            print("first paint: skipped (needs chromium and playwright)")
    base = import_seconds("import pandas, folium")
    # utils imports its modules lazily, so also time what a notebook's import cell does.
    for label, statement in (("import utils", "import utils"),
                             ("from utils import <map, geo, chart names>",
                              "from utils import region_map, offline_mode, great_circle_km, timeline_chart")):
        ours = import_seconds(statement)
        ratio = ours / base
        ok &= ratio <= 1.2
        print(f"{label}: {ours:.2f} s vs import pandas, folium: {base:.2f} s; ratio {ratio:.2f} (budget <= 1.2)")
    print("all within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
