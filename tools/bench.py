"""Print the collection's speed and size figures, each next to its budget (no pass/fail).

    python tools/bench.py [--quick]

1. Strict nbval over all notebooks, next to its floor: as many notebooks that only start a
   kernel and import pandas, folium and utils (budget: at most 1.3 times the floor).
2. The size of each notebook file.
3. The first load() in a new process: without a cached verdict (Frictionless validates the
   package), with pasted HTML in every text cell of sources.csv (budget: 1.5 times), and with
   the verdict cached (budget: at most 0.2 s for the load() call).
4. Map budgets (every map's HTML size, first paint, import time), from tools/bench_maps.py.
5. Unless --quick: grading 30 submissions against 30 single runs (tools/bench_grade.py); the fast test tier (`make check`, budget 60 s) and the whole suite
   (`make test`'s pytest, budget 6 minutes); the learner's environment (requirements.txt)
   next to a bare install of jupyterlab, pandas and folium, in install time and size (budget:
   at most 1.2 times each).
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
    pytest = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
    ]
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
    print(f"ratio: {real / floor:.2f} (budget <= 1.3)")


def size_figures() -> None:
    print("notebook sizes:")
    for path in NOTEBOOKS:
        print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KB")


def folder_mb(folder: Path) -> float:
    return (
        sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6
    )


def environment_figures() -> None:
    """The learner's .venv (what `make lab` installs) against a bare jupyterlab, pandas, folium."""

    def fresh_install(requirements: list[str]) -> tuple[float, float]:
        with tempfile.TemporaryDirectory() as tmp:
            venv = Path(tmp) / "venv"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "--no-cache-dir",
            ]
            subprocess.run(pip + requirements, check=True, capture_output=True)
            return time.perf_counter() - start, folder_mb(venv)

    learner_s, learner_mb = fresh_install(["-r", str(ROOT / "requirements.txt")])
    bare_s, bare_mb = fresh_install(["jupyterlab", "pandas", "folium"])
    print(
        f"learner environment (requirements.txt, pip, no cache): {learner_s:.0f} s, "
        f"{learner_mb:.0f} MB; bare jupyterlab, pandas, folium: {bare_s:.0f} s, {bare_mb:.0f} MB; "
        f"ratios: time {learner_s / bare_s:.2f}, size {learner_mb / bare_mb:.2f} (budget <= 1.2 each)"
    )


def test_figures() -> None:
    """The fast tier and the whole suite, as `make check` and `make test` run them."""
    sys.path.insert(0, str(ROOT / "tools"))
    from tasks import CHECK_ARGS

    check = timed([sys.executable, "-m", "pytest", "-q", *CHECK_ARGS])
    print(f"make check (pytest): {check:.0f} s (budget <= 60 s)")
    whole = timed([sys.executable, "-m", "pytest", "-q"])
    print(f"make test (pytest, the whole suite): {whole / 60:.1f} min (budget <= 6 min)")


PASTED = "<img src=x onerror=\"f('a')\"> ${x} </script>"  # pasted HTML, quotes and all
LOAD_CODE = (
    "import time, utils; from utils import load; t = time.perf_counter(); "
    "load('countries'); print(time.perf_counter() - t)"
)


def first_load_seconds(data_folder: Path, repeats: int = 3, warm: bool = False) -> float:
    """Median time of the first load() call in a new process, on a copy of utils/ and `data_folder`.

    warm=False: every process starts with an empty verdict cache; warm=True: one shared cache,
    filled by a first run that is not counted.
    """
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(
            ROOT / "utils", Path(tmp) / "utils", ignore=shutil.ignore_patterns("__pycache__")
        )
        shutil.copytree(data_folder, Path(tmp) / "data")
        env = {**os.environ, "PYTHONPATH": tmp}

        def once(cache: str) -> float:
            return float(
                subprocess.run(
                    [sys.executable, "-c", LOAD_CODE],
                    cwd=tmp,
                    env={**env, "KZW_CACHE_DIR": cache},
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )

        if warm:
            once(f"{tmp}/cache")
            times = [once(f"{tmp}/cache") for _ in range(repeats)]
        else:
            times = [once(f"{tmp}/cache{i}") for i in range(repeats)]
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
    warm = first_load_seconds(ROOT / "data", warm=True)
    print(
        f"first load(), no cached verdict: {pristine:.2f} s as shipped; {with_paste:.2f} s with "
        f"pasted HTML in every text cell of sources.csv; ratio {with_paste / pristine:.2f} "
        "(budget <= 1.5)"
    )
    print(
        f"first load() in a new kernel, verdict cached: {warm:.3f} s (budget <= 0.2 s); "
        f"{pristine / warm:.0f} times faster than validating"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Print speed and size figures.")
    parser.add_argument("--quick", action="store_true", help="skip the environment timings")
    args = parser.parse_args(argv)
    nbval_figures()
    size_figures()
    load_figures()
    subprocess.run([sys.executable, str(ROOT / "tools" / "bench_maps.py")], cwd=ROOT)
    if not args.quick:
        subprocess.run([sys.executable, str(ROOT / "tools" / "bench_grade.py")], cwd=ROOT)
        test_figures()
        environment_figures()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
