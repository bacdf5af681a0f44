"""Print the collection's speed and size figures (no pass/fail; budgets are in the README).

    python tools/bench.py [--quick]

1. Strict nbval over all notebooks, next to its floor: as many notebooks that only start a
   kernel and import pandas, folium and utils. The ratio is the cost of our content.
2. The size of each notebook file.
3. The first load() in a fresh process with no cached verdict: the data as shipped, and with
   pasted HTML (quotes and all) in every text cell of sources.csv (budget: at most 1.5 times).
4. Map budgets (HTML size, import time), from tools/bench_maps.py when present.
5. Unless --quick: the time to create the environment from scratch (the pinned requirements)
   next to a bare install of the four named packages (jupyterlab, pandas, folium, nbval).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(f"  ! {' '.join(cmd[:4])} ... exited {result.returncode}")
        print("    " + "\n    ".join(result.stdout.splitlines()[-5:]))
    return seconds


def nbval_figures() -> None:
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
              "--nbval", "--nbval-current-env",
              "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg")]
    real = timed(pytest + [str(p) for p in NOTEBOOKS])
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(len(NOTEBOOKS)):
            nb = nbformat.v4.new_notebook()
            cell = nbformat.v4.new_code_cell("import pandas, folium, utils")
            cell.execution_count = 1
            nb.cells.append(cell)
            nbformat.write(nb, Path(tmp) / f"floor{i:02d}.ipynb")
        floor = timed(pytest + [tmp], cwd=Path(tmp))
    print(f"strict nbval, {len(NOTEBOOKS)} notebooks: {real:.1f} s")
    print(f"floor (kernel start + imports only), {len(NOTEBOOKS)} notebooks: {floor:.1f} s")
    print(f"ratio: {real / floor:.2f}")


def size_figures() -> None:
    print("notebook sizes:")
    for path in NOTEBOOKS:
        print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KB")


def environment_figures() -> None:
    def fresh_install(requirements: list[str]) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            venv = Path(tmp) / "venv"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                   "--no-cache-dir"]
            subprocess.run(pip + requirements, check=True, capture_output=True)
            return time.perf_counter() - start
    full = fresh_install(["-r", str(ROOT / "requirements-dev.txt")])
    bare = fresh_install(["jupyterlab", "pandas", "folium", "nbval"])
    print(f"environment from scratch (pinned requirements, pip, no cache): {full:.0f} s")
    print(f"bare install of jupyterlab, pandas, folium, nbval (no cache): {bare:.0f} s")
    print(f"ratio: {full / bare:.2f}")


PASTED = "<img src=x onerror=\"f('a')\"> ${x} </script>"  # pasted HTML, quotes and all
LOAD_CODE = ("import time; t = time.perf_counter(); from utils import load; load('countries'); "
             "print(time.perf_counter() - t)")


def first_load_seconds(data_folder: Path, repeats: int = 3) -> float:
    """Median time of the first load() in a fresh process, on a copy of utils/ and `data_folder`."""
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "utils", Path(tmp) / "utils", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(data_folder, Path(tmp) / "data")
        env = {**os.environ, "PYTHONPATH": tmp}
        times = [float(subprocess.run([sys.executable, "-c", LOAD_CODE], cwd=tmp, env=env,
                                      capture_output=True, text=True, check=True).stdout)
                 for _ in range(repeats)]
    return statistics.median(times)


def load_figures() -> None:
    """First load() with the data as shipped, and with pasted HTML in every text cell of sources.csv."""
    import csv

    pristine = first_load_seconds(ROOT / "data")
    with tempfile.TemporaryDirectory() as tmp:
        pasted = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", pasted)
        with open(pasted / "sources.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for column in ("publisher", "title", "edition", "licence", "note"):
                row[column] = f"{row[column]} {PASTED}".strip()
        with open(pasted / "sources.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        with_paste = first_load_seconds(pasted)
    print(f"first load(), no cached verdict: {pristine:.2f} s as shipped; {with_paste:.2f} s with "
          f"pasted HTML in every text cell of sources.csv; ratio {with_paste / pristine:.2f} "
          "(budget <= 1.5)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Print speed and size figures.")
    parser.add_argument("--quick", action="store_true", help="skip the environment timings")
    args = parser.parse_args(argv)
    nbval_figures()
    size_figures()
    load_figures()
    maps = ROOT / "tools" / "bench_maps.py"
    if maps.exists():
        subprocess.run([sys.executable, str(maps)], cwd=ROOT)
    if not args.quick and shutil.which(sys.executable):
        environment_figures()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
