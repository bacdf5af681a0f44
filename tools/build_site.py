"""Build the static website of the collection with Jupyter Book 1.x (a developer command).

    python tools/build_site.py            # build into build/site/ (open build/site/index.html)
    python tools/build_site.py --setup    # first create .venv-site with requirements-site.txt

Jupyter Book shows the notebooks' stored outputs and executes nothing; nothing is downloaded
while building. Folium maps stay interactive (their HTML output holds the whole map), and the
exercises' feedback is shown as it was stored.

Solutions are never published. The pages come from the student edition in
build/editions/student/notebooks/, made (and executed) by tools/build_editions.py, which this
command runs first when that edition is missing or older than notebooks/ (or always, with
--fresh-editions). Without tools/build_editions.py, or with --source, the given notebooks are
used with every cell tagged `solution` and every cell calling `solution(` left out. In all
cases the build stops if any longer text of utils/solutions/ is found in a page source.

The table of contents is generated from notebooks/NN-*.ipynb, so a new notebook appears in
the site by itself. Jupyter Book is looked for in $KZW_SITE_PYTHON, then in this Python, then
in .venv-site/ (made by --setup), so the notebooks' own environment does not need it.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONFIG = ROOT / "site"
SOURCE_NOTEBOOKS = ROOT / "notebooks"
STUDENT_NOTEBOOKS = ROOT / "build" / "editions" / "student" / "notebooks"
BUILD_EDITIONS = ROOT / "tools" / "build_editions.py"
SOLUTIONS = ROOT / "utils" / "solutions"
DATA_README = ROOT / "data" / "README.md"
OUT = ROOT / "build" / "site"
SITE_VENV = ROOT / ".venv-site"
NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
PLACEHOLDER_REPO = "OWNER/REPO"


def say(message: str) -> None:
    print(f"[site] {message}", flush=True)


class SiteError(Exception):
    """A problem the person building the site can fix; shown as one line."""


# --- finding the tools -------------------------------------------------------------------

def site_venv_python() -> Path:
    return SITE_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def has_jupyter_book(python: str | Path) -> bool:
    """True when Jupyter Book can be imported in that interpreter."""
    probe = subprocess.run([str(python), "-c", "import jupyter_book"], capture_output=True)
    return probe.returncode == 0


def find_site_python() -> Path | None:
    """The Python that has Jupyter Book: $KZW_SITE_PYTHON, this one, or .venv-site's."""
    candidates = []
    if os.environ.get("KZW_SITE_PYTHON"):
        candidates.append(Path(os.environ["KZW_SITE_PYTHON"]))
    candidates += [Path(sys.executable), site_venv_python()]
    for python in candidates:
        if python.exists() and has_jupyter_book(python):
            return python
    return None


def setup_site_venv() -> Path:
    """Create .venv-site and install the pinned site tooling into it."""
    python = site_venv_python()
    if not python.exists():
        say(f"creating {SITE_VENV.name}/")
        subprocess.run([sys.executable, "-m", "venv", str(SITE_VENV)], check=True)
        # Keep the environment out of git even where .gitignore does not list it.
        (SITE_VENV / ".gitignore").write_text("*\n")
    say("installing requirements-site.txt into .venv-site/")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r",
                    str(ROOT / "requirements-site.txt")], check=True)
    return python


# --- choosing and staging the notebooks ---------------------------------------------------

def notebooks_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(NOTEBOOK_PATTERN))


def student_edition_is_current() -> bool:
    """True when the student edition holds every source notebook and is not older than it."""
    if not STUDENT_NOTEBOOKS.is_dir():
        return False
    source = {p.name: p.stat().st_mtime for p in notebooks_in(SOURCE_NOTEBOOKS)}
    student = {p.name: p.stat().st_mtime for p in notebooks_in(STUDENT_NOTEBOOKS)}
    return set(source) == set(student) and all(student[n] >= source[n] for n in source)


def project_python() -> Path:
    """The notebooks' environment (.venv) when it exists, else this Python."""
    venv = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return venv if venv.exists() else Path(sys.executable)


def choose_source(requested: str, fresh_editions: bool = False) -> tuple[Path, str]:
    """Return (folder of notebooks, kind) where kind is 'student' or 'stripped'."""
    if requested == "notebooks":
        return SOURCE_NOTEBOOKS, "stripped"
    if requested != "auto":
        folder = Path(requested).resolve()
        if not folder.is_dir():
            raise SiteError(f"--source {requested}: no such folder")
        return folder, "stripped"
    if student_edition_is_current() and not fresh_editions:
        return STUDENT_NOTEBOOKS, "student"
    if BUILD_EDITIONS.exists():
        say("building the student edition first (tools/build_editions.py)")
        run = subprocess.run([str(project_python()), str(BUILD_EDITIONS)], cwd=ROOT)
        if run.returncode != 0 or not STUDENT_NOTEBOOKS.is_dir():
            raise SiteError("tools/build_editions.py failed; fix that first "
                            "(or build from notebooks/ with --source notebooks)")
        return STUDENT_NOTEBOOKS, "student"
    say("no student edition tool yet: using notebooks/ without `solution` cells")
    return SOURCE_NOTEBOOKS, "stripped"


def is_solution_cell(cell: dict) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    source = "".join(cell.get("source", ""))
    calls_solution = cell.get("cell_type") == "code" and re.search(r"\bsolution\s*\(", source)
    return "solution" in tags or bool(calls_solution)


def solution_texts() -> list[str]:
    """Longer string constants in utils/solutions/*.py: the worked solutions' code and reasons."""
    texts = []
    for path in sorted(SOLUTIONS.glob("*.py")) if SOLUTIONS.is_dir() else []:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings):
                text = node.value.strip()
                if len(text) >= 30 and "\n" in text or len(text) >= 60:
                    texts.append(text)
    return texts


def stage_notebook(path: Path, target: Path, strip: bool) -> dict:
    """Copy one notebook into the book; return counts of what it holds."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    removed = 0
    if strip:
        kept = [cell for cell in nb["cells"] if not is_solution_cell(cell)]
        removed = len(nb["cells"]) - len(kept)
        nb["cells"] = kept
    target.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"maps": count_map_outputs(nb), "removed": removed}


def count_map_outputs(nb: dict) -> int:
    """How many folium maps (HTML outputs with an iframe srcdoc) the notebook's outputs hold."""
    count = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            count += "".join(html).count("<iframe srcdoc=")
    return count


def notebook_title(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    title = nb.get("metadata", {}).get("kzw", {}).get("title")
    if title:
        return title
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            first = "".join(cell.get("source", "")).strip().splitlines()
            if first and first[0].startswith("# "):
                return first[0][2:].strip()
    return path.stem


def sequence_table(notebooks: list[Path]) -> str:
    rows = ["| # | notebook | minutes |", "| --- | --- | --- |"]
    for path in notebooks:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kzw", {})
        title = notebook_title(path).replace("|", "\\|")
        minutes = meta.get("minutes", "")
        rows.append(f"| {path.name[:2]} | [{title}](notebooks/{path.stem}.ipynb) | {minutes} |")
    return "\n".join(rows)


def write_config(stage: Path) -> bool:
    """Copy site/_config.yml, leaving launch buttons out while the repository URL is a placeholder."""
    text = (SITE_CONFIG / "_config.yml").read_text(encoding="utf-8")
    placeholder = PLACEHOLDER_REPO in text
    if placeholder:
        text = re.sub(r"(?m)^launch_buttons:\n(?:[ \t]+.*\n)+", "", text)
    (stage / "_config.yml").write_text(text, encoding="utf-8")
    return not placeholder


def work_folders(out: Path) -> tuple[Path, Path]:
    """Beside the output folder: the staged book (<out>-source) and Jupyter Book's work (<out>-work)."""
    return out.with_name(out.name + "-source"), out.with_name(out.name + "-work")


def stage_book(source: Path, kind: str, out: Path) -> dict:
    """Lay out a Jupyter Book in <out>-source: config, toc, intro, notebooks."""
    stage = work_folders(out)[0]
    notebooks = notebooks_in(source)
    if not notebooks:
        raise SiteError(f"no notebooks named NN-*.ipynb in {source}")
    if stage.exists():
        shutil.rmtree(stage)
    (stage / "notebooks").mkdir(parents=True)
    launch = write_config(stage)
    intro = (SITE_CONFIG / "intro.md").read_text(encoding="utf-8")
    (stage / "intro.md").write_text(intro.replace("{sequence-table}", sequence_table(notebooks)),
                                    encoding="utf-8")
    toc = ["# Generated by tools/build_site.py from notebooks/NN-*.ipynb", "format: jb-book",
           "root: intro", "chapters:"]
    toc += [f"- file: notebooks/{p.stem}" for p in notebooks]
    # The data README (sources and licences) is a page too, so notebooks can link to it.
    if DATA_README.exists():
        (stage / "data").mkdir()
        shutil.copy2(DATA_README, stage / "data" / "README.md")
        toc.append("- file: data/README")
    (stage / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    # Images and other files the notebooks link to sit beside them.
    for item in source.iterdir():
        if item.suffix != ".ipynb" and not item.name.startswith("."):
            copy = shutil.copytree if item.is_dir() else shutil.copy2
            copy(item, stage / "notebooks" / item.name)
    counts = {}
    for path in notebooks:
        counts[path.stem] = stage_notebook(path, stage / "notebooks" / path.name,
                                           strip=(kind == "stripped"))
    leaks = find_solution_leaks(stage)
    if leaks:
        raise SiteError("solution text would be published: " + "; ".join(leaks[:5]))
    return {"notebooks": counts, "launch_buttons": launch}


def find_solution_leaks(folder: Path) -> list[str]:
    texts = solution_texts()
    leaks = []
    for path in sorted(folder.rglob("*.ipynb")):
        content = path.read_text(encoding="utf-8")
        body = json.loads(content)
        flat = "\n".join("".join(c.get("source", "")) for c in body["cells"])
        flat += "\n" + json.dumps([c.get("outputs", []) for c in body["cells"]], ensure_ascii=False)
        for text in texts:
            if text in flat or json.dumps(text, ensure_ascii=False)[1:-1] in flat:
                leaks.append(f"{path.name} contains {text[:40]!r}...")
    return leaks


# --- building ---------------------------------------------------------------------------

def build(python: Path, out: Path, keep_work: bool) -> tuple[int, list[str]]:
    """Run Jupyter Book on the staged book; copy the HTML to `out`. Return (pages, warnings)."""
    stage, work = work_folders(out)
    log_file = out.with_name(out.name + "-build.log")
    if work.exists():
        shutil.rmtree(work)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    cmd = [str(python), "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
           "build", str(stage), "--path-output", str(work),
           "--builder", "html", "--keep-going"]
    say("$ " + " ".join(cmd))
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    log = run.stdout + run.stderr
    log_file.write_text(log, encoding="utf-8")
    html = work / "_build" / "html"
    if run.returncode != 0 or not (html / "index.html").exists():
        tail = "\n".join(log.strip().splitlines()[-15:])
        raise SiteError(f"jupyter-book failed (exit {run.returncode}); full log in "
                        f"{log_file}. Last lines:\n{tail}")
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(html, out)
    if not keep_work:
        shutil.rmtree(work)
    pages = len(list((out / "notebooks").glob("*.html")))
    return pages, warnings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", action="store_true",
                        help="create .venv-site with requirements-site.txt before building")
    parser.add_argument("--setup-only", action="store_true", help="only create .venv-site")
    parser.add_argument("--source", default="auto",
                        help="'auto' (student edition), 'notebooks', or a folder of notebooks")
    parser.add_argument("--fresh-editions", action="store_true",
                        help="rebuild the editions even when the student edition looks current")
    parser.add_argument("--out", default=str(OUT), help="output folder (default build/site)")
    parser.add_argument("--keep-work", action="store_true",
                        help="keep Jupyter Book's work folder build/site-work")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.setup or args.setup_only:
            setup_site_venv()
            if args.setup_only:
                return 0
        python = find_site_python()
        if python is None:
            raise SiteError("Jupyter Book is not installed: run `python tools/build_site.py "
                            "--setup` (or pip install -r requirements-site.txt)")
        source, kind = choose_source(args.source, args.fresh_editions)
        say(f"pages from {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}"
            f" ({'student edition' if kind == 'student' else 'solution cells removed'})")
        out = Path(args.out).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        staged = stage_book(source, kind, out)
        pages, warnings = build(python, out, args.keep_work)
    except SiteError as err:
        say(f"error: {err}")
        return 1
    except subprocess.CalledProcessError as err:
        say(f"error: a setup step failed (exit {err.returncode}); see the output above")
        return 1
    maps = sum(n["maps"] for n in staged["notebooks"].values())
    removed = sum(n["removed"] for n in staged["notebooks"].values())
    say(f"{pages} notebook pages, {maps} maps, {removed} solution cells left out, "
        f"{len(warnings)} Sphinx warnings (see {out.name}-build.log beside it)")
    if not staged["launch_buttons"]:
        say(f"launch buttons left out: site/_config.yml still says {PLACEHOLDER_REPO}")
    say(f"done in {time.perf_counter() - start:.1f} s: open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
