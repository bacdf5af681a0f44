"""Print map size and import-time figures against their budgets.

    python tools/bench_maps.py

- region map HTML size in default and offline mode (budgets: < 150 KB and < 700 KB);
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


def html_size_kb(offline):
    code = (
        "from utils import maps, offline\n"
        f"offline.offline_mode({offline})\n"
        "print(len(maps.region_map().get_root().render().encode('utf-8')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1000


def import_seconds(statement):
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    ok = True
    for offline, budget in ((False, 150), (True, 700)):
        size = html_size_kb(offline)
        ok &= size < budget
        print(f"region map HTML, {'offline' if offline else 'default'} mode: {size:.0f} KB (budget < {budget} KB)")
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
