"""Build the static website of the collection with Jupyter Book 1.x (a developer command).

    python tools/build_site.py            # build into build/site/ (open build/site/index.html)
    python tools/build_site.py --setup    # first create .venv-site with requirements-site.txt

Jupyter Book shows the notebooks' stored outputs and executes nothing; nothing is downloaded
while building. Folium maps stay interactive (their HTML output holds the whole map), and the
exercises' feedback is shown as it was stored.

The site needs no network to show its maps: every map (the document inside an output's
`<iframe srcdoc="...">`, stored compressed in the notebooks) is unpacked, and its inlined
Leaflet block between `<!-- kzw-map-assets:start -->` and `<!-- kzw-map-assets:end -->`, and
folium's CDN <script>/<link> tags in maps stored before that block existed, are replaced by
links to one copy of the files in _static/kzw-maps/, by a path relative to the page (a srcdoc
document resolves URLs against its parent page), so the site works from a web server, an
intranet, a USB stick or file://. Chart images get the text alternative the notebook prints
for them (`print(alt_text(chart))`) as their alt text.

Solutions are never published. The pages come from the practice edition in
build/editions/practice/notebooks/, made (and executed) by tools/build_editions.py, which this
command runs first when that edition is missing or older than notebooks/ (or always, with
--fresh-editions). With --source, the given notebooks are used with every cell tagged
`solution` and every cell calling `solution(` left out. In all cases the build stops if the
code or reasoning of any worked solution (utils/course) is found in a page source.

The table of contents is generated from notebooks/NN-*.ipynb, so a new notebook appears in
the site by itself. Jupyter Book is looked for in $KZW_SITE_PYTHON, then in this Python, then
in .venv-site/ (made by --setup), so the notebooks' own environment does not need it.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from notebook_meta import (
    kzw_metadata,
    read_notebook,
    read_solutions,
    sequence_notebooks,
    venv_python,
)

ROOT = Path(__file__).resolve().parent.parent
SITE_CONFIG = ROOT / "site"
SOURCE_NOTEBOOKS = ROOT / "notebooks"
PRACTICE_NOTEBOOKS = ROOT / "build" / "editions" / "practice" / "notebooks"
BUILD_EDITIONS = ROOT / "tools" / "build_editions.py"
DATA_README = ROOT / "data" / "README.md"
OUT = ROOT / "build" / "site"
SITE_VENV = ROOT / ".venv-site"
PLACEHOLDER_REPO = "OWNER/REPO"
MAP_ASSETS_DIR = "_static/kzw-maps"  # inside the site; one copy of Leaflet and its marker images
MAP_IFRAME = re.compile(r"<iframe\b[^>]*?\bsrcdoc=")  # a folium map in an HTML output


def say(message: str) -> None:
    print(f"[site] {message}", flush=True)


class SiteError(Exception):
    """A problem the person building the site can fix; shown as one line."""


# --- finding the tools -------------------------------------------------------------------


def site_venv_python() -> Path:
    return venv_python(SITE_VENV)


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
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(ROOT / "requirements-site.txt")],
        check=True,
    )
    return python


# --- choosing and staging the notebooks ---------------------------------------------------


def practice_edition_is_current() -> bool:
    """True when the practice edition holds every source notebook and is not older than it."""
    if not PRACTICE_NOTEBOOKS.is_dir():
        return False
    source = {p.name: p.stat().st_mtime for p in sequence_notebooks(SOURCE_NOTEBOOKS)}
    practice = {p.name: p.stat().st_mtime for p in sequence_notebooks(PRACTICE_NOTEBOOKS)}
    return set(source) == set(practice) and all(practice[n] >= source[n] for n in source)


def project_python() -> Path:
    """The notebooks' environment (.venv) when it exists, else this Python."""
    venv = venv_python(ROOT / ".venv")
    return venv if venv.exists() else Path(sys.executable)


def choose_source(requested: str, fresh_editions: bool = False) -> tuple[Path, str]:
    """Return (folder of notebooks, kind) where kind is 'practice' or 'stripped'."""
    if requested == "notebooks":
        return SOURCE_NOTEBOOKS, "stripped"
    if requested != "auto":
        folder = Path(requested).resolve()
        if not folder.is_dir():
            raise SiteError(f"--source {requested}: no such folder")
        return folder, "stripped"
    if practice_edition_is_current() and not fresh_editions:
        return PRACTICE_NOTEBOOKS, "practice"
    say("building the practice edition first (tools/build_editions.py)")
    run = subprocess.run([str(project_python()), str(BUILD_EDITIONS)], cwd=ROOT)
    if run.returncode != 0 or not PRACTICE_NOTEBOOKS.is_dir():
        raise SiteError(
            "tools/build_editions.py failed; fix that first "
            "(or build from notebooks/ with --source notebooks)"
        )
    return PRACTICE_NOTEBOOKS, "practice"


def is_solution_cell(cell: dict) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    source = "".join(cell.get("source", ""))
    calls_solution = cell.get("cell_type") == "code" and re.search(r"\bsolution\s*\(", source)
    return "solution" in tags or bool(calls_solution)


def solution_texts() -> list[str]:
    """The worked solutions' code and reasoning (from utils/course), the texts never published
    (all but the shortest, which could appear by chance)."""
    texts = []
    for entry in read_solutions(ROOT).values():
        for text in (t.strip() for t in entry.values()):
            if len(text) >= 30 and "\n" in text or len(text) >= 60:
                texts.append(text)
    return texts


def stage_notebook(path: Path, target: Path, strip: bool, page: Path | None = None) -> dict:
    """Copy one notebook into the book (at `page`, relative to the book); return counts.

    Its maps are rewritten to load Leaflet from the site's one shared copy, and its chart
    images get their alt text.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    removed = 0
    if strip:
        kept = [cell for cell in nb["cells"] if not is_solution_cell(cell)]
        removed = len(nb["cells"]) - len(kept)
        nb["cells"] = kept
    maps = count_map_outputs(nb)
    leftovers: list[str] = []
    if maps:
        page = page if page is not None else Path("notebooks") / target.name
        _, leftovers = localize_maps(nb, page, map_assets())
    alt_found, alt_fallback = add_chart_alt_text(nb)
    target.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {
        "maps": maps,
        "removed": removed,
        "external": sorted(set(leftovers)),
        "alt_found": alt_found,
        "alt_fallback": alt_fallback,
    }


def count_map_outputs(nb: dict) -> int:
    """How many folium maps (HTML outputs with an iframe srcdoc) the notebook's outputs hold."""
    count = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            count += len(MAP_IFRAME.findall("".join(html)))
    return count


# --- maps that draw with no network ---------------------------------------------------------

# The hosts folium (and branca) load their default scripts and stylesheets from. A map made
# before the asset block existed names them in its <head>; the site swaps them for local files.
FOLIUM_CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "code.jquery.com",
    "cdnjs.cloudflare.com",
    "netdna.bootstrapcdn.com",
    "maxcdn.bootstrapcdn.com",
    "unpkg.com",
)
_CDN = r"(?:https?:)?//(?:" + "|".join(re.escape(h) for h in FOLIUM_CDN_HOSTS) + r")/[^\"'\s>]*"
CDN_TAG = re.compile(
    r"[ \t]*(?:<script\b[^>]*\bsrc=[\"']" + _CDN + r"[\"'][^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref=[\"']" + _CDN + r"[\"'][^>]*>)[ \t]*\n?",
    re.IGNORECASE,
)
EXTERNAL_REF = re.compile(
    r"<(?:script|link)\b[^>]*\b(?:src|href)=[\"']((?:https?:)?//[^\"']+)", re.IGNORECASE
)
SRCDOC = re.compile(r'(<iframe\b[^>]*?\bsrcdoc=")([^"]*)(")', re.DOTALL)
# The note shown in JupyterLab in place of a map whose output is not trusted: the project's own
# (class kzw-trust-note) or, in maps stored before it, folium's <span>. A website has no such
# thing as trust, and a screen reader would read the note out, so the site leaves it out.
TRUST_NOTE = re.compile(
    r"<(span|p)\b[^>]*>\s*Make this Notebook Trusted[^<]*</\1>"
    r"|<(span|p)\b[^>]*\bclass=\"kzw-trust-note\"[^>]*>[^<]*</\2>"
)


@functools.lru_cache(maxsize=1)
def map_assets():
    """The project's utils.map_assets (head_html, copy_assets), or a SiteError saying why not."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        from utils import map_assets as module

        module.asset_files()  # imports xstatic-leaflet: fails here if missing
    except ImportError as err:
        raise SiteError(
            f"the maps' Leaflet files are not available here ({err}); run `make "
            "site` (tools/tasks.py site), which uses the project's .venv"
        ) from None
    return module


def unpack_map_page(doc: str) -> str:
    """A map stored compressed (utils.map_page.loader_page) as its plain page, so a site map
    needs no unpacking in the browser; any other document unchanged."""
    map_assets()  # the project is importable, or a SiteError says why not
    from utils.map_page import unpack_page

    return unpack_page(doc)


def assets_url(page: Path) -> str:
    """The URL of the shared map assets, relative to a page at `page` (relative to the book)."""
    return "../" * (len(page.parts) - 1) + MAP_ASSETS_DIR


def localize_map_document(doc: str, base_url: str, assets) -> tuple[str, list[str]]:
    """One map's HTML with its library loaded from base_url; also any external refs left."""
    block = assets.head_html(base_url)
    found = assets.START in doc
    doc = assets.replace_head(doc, base_url)
    removed = []
    doc = CDN_TAG.sub(lambda m: removed.append(m.group(0)) or "", doc)
    if removed and not found:
        # Where the first CDN tag stood: the library comes before the map's own scripts.
        first = doc.find("<head>")
        head_end = first + len("<head>") if first >= 0 else 0
        doc = doc[:head_end] + "\n" + block + "\n" + doc[head_end:]
    return doc, EXTERNAL_REF.findall(doc)


def localize_maps(nb: dict, page: Path, assets) -> tuple[int, list[str]]:
    """Rewrite every map output of a notebook for the site; return (maps, external refs left)."""
    base_url = assets_url(page)
    count, leftovers = 0, []

    def rewrite(match: re.Match) -> str:
        nonlocal count
        doc, left = localize_map_document(
            unpack_map_page(html.unescape(match.group(2))), base_url, assets
        )
        count += 1
        leftovers.extend(left)
        return match.group(1) + html.escape(doc, quote=True) + match.group(3)

    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" not in data:
                continue
            text = "".join(data["text/html"])
            if "<iframe" not in text or "srcdoc=" not in text:
                continue
            text = TRUST_NOTE.sub("", SRCDOC.sub(rewrite, text))
            data["text/html"] = text
    return count, leftovers


def copy_map_assets(out: Path, assets) -> Path:
    """One copy of the map files in the built site."""
    folder = out / MAP_ASSETS_DIR
    if folder.exists():
        shutil.rmtree(folder)
    return Path(assets.copy_assets(folder))


# --- text alternatives of charts -------------------------------------------------------------

ALT_PRINT = re.compile(r"print\(\s*alt_text\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*\)")
CHART_TITLE = re.compile(r"""\btitle\s*=\s*(["'])(.+?)\1""")


def _last_expression(source: str) -> str | None:
    lines = [line for line in source.strip().splitlines() if line.strip()]
    last = lines[-1].strip() if lines else ""
    return last if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", last) else None


def _stdout(cell: dict) -> list[str]:
    text = "".join(
        "".join(o.get("text", ""))
        for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )
    return [line.strip() for line in text.splitlines() if line.strip()]


def chart_alt_text(cells: list[dict], index: int) -> str | None:
    """The alt text a later cell prints for the chart shown by cells[index], if any.

    The notebooks show a chart as the last expression of a cell and print its text alternative
    with `print(alt_text(name))` in a cell after it; the stored printed line is the alt text.
    """
    source = "".join(cells[index].get("source", ""))
    name = _last_expression(source)
    title = CHART_TITLE.search(source)
    for cell in cells[index + 1 : index + 6]:
        if cell.get("cell_type") != "code":
            continue
        code = "".join(cell.get("source", ""))
        calls = [m.group(1) for m in ALT_PRINT.finditer(code)]
        if not calls or (name and name not in calls):
            continue
        lines = _stdout(cell)
        if title:
            lines = [line for line in lines if line.startswith(title.group(2))] or lines
        position = calls.index(name) if name in calls else 0
        if len(lines) > position and code.lstrip().startswith("print(alt_text("):
            return lines[position]
        if lines and title:
            return lines[0]
    return None


def add_chart_alt_text(nb: dict) -> tuple[int, int]:
    """Give every image output an alt text (cell metadata mystnb.image.alt); (found, fallback)."""
    cells = nb.get("cells", [])
    found = fallback = 0
    for index, cell in enumerate(cells):
        images = [
            o
            for o in cell.get("outputs", [])
            if any(key.startswith("image/") for key in o.get("data", {}))
        ]
        if cell.get("cell_type") != "code" or not images:
            continue
        options = cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})
        if options.get("alt"):
            continue
        alt = chart_alt_text(cells, index)
        if alt:
            found += 1
        else:
            title = CHART_TITLE.search("".join(cell.get("source", "")))
            alt = f"Chart: {title.group(2)}" if title else "Chart (its description is in the text)"
            fallback += 1
        options["alt"] = alt
    return found, fallback


def notebook_title(path: Path) -> str:
    nb = read_notebook(path)
    title = kzw_metadata(nb).get("title")
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
        meta = kzw_metadata(read_notebook(path))
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
    notebooks = sequence_notebooks(source)
    if not notebooks:
        raise SiteError(f"no notebooks named NN-*.ipynb in {source}")
    if stage.exists():
        shutil.rmtree(stage)
    (stage / "notebooks").mkdir(parents=True)
    launch = write_config(stage)
    intro = (SITE_CONFIG / "intro.md").read_text(encoding="utf-8")
    (stage / "intro.md").write_text(
        intro.replace("{sequence-table}", sequence_table(notebooks)), encoding="utf-8"
    )
    toc = [
        "# Generated by tools/build_site.py from notebooks/NN-*.ipynb",
        "format: jb-book",
        "root: intro",
        "chapters:",
    ]
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
        counts[path.stem] = stage_notebook(
            path,
            stage / "notebooks" / path.name,
            strip=(kind == "stripped"),
            page=Path("notebooks") / path.name,
        )
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


def build(
    python: Path, out: Path, keep_work: bool, with_map_assets: bool = True
) -> tuple[int, list[str]]:
    """Run Jupyter Book on the staged book; copy the HTML (and the map files) to `out`.

    Return (pages, warnings)."""
    stage, work = work_folders(out)
    log_file = out.with_name(out.name + "-build.log")
    if work.exists():
        shutil.rmtree(work)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    cmd = [
        str(python),
        "-c",
        "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
        "build",
        str(stage),
        "--path-output",
        str(work),
        "--builder",
        "html",
        "--keep-going",
    ]
    say("$ " + " ".join(cmd))
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    log = run.stdout + run.stderr
    log_file.write_text(log, encoding="utf-8")
    html = work / "_build" / "html"
    if run.returncode != 0 or not (html / "index.html").exists():
        tail = "\n".join(log.strip().splitlines()[-15:])
        raise SiteError(
            f"jupyter-book failed (exit {run.returncode}); full log in "
            f"{log_file}. Last lines:\n{tail}"
        )
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(html, out)
    if with_map_assets:
        copy_map_assets(out, map_assets())
    if not keep_work:
        shutil.rmtree(work)
    pages = len(list((out / "notebooks").glob("*.html")))
    return pages, warnings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--setup",
        action="store_true",
        help="create .venv-site with requirements-site.txt before building",
    )
    parser.add_argument("--setup-only", action="store_true", help="only create .venv-site")
    parser.add_argument(
        "--source",
        default="auto",
        help="'auto' (practice edition), 'notebooks', or a folder of notebooks",
    )
    parser.add_argument(
        "--fresh-editions",
        action="store_true",
        help="rebuild the editions even when the practice edition looks current",
    )
    parser.add_argument("--out", default=str(OUT), help="output folder (default build/site)")
    parser.add_argument(
        "--keep-work", action="store_true", help="keep Jupyter Book's work folder build/site-work"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.setup or args.setup_only:
            setup_site_venv()
            if args.setup_only:
                return 0
        python = find_site_python()
        if python is None:
            raise SiteError(
                "Jupyter Book is not installed: run `python tools/build_site.py "
                "--setup` (or pip install -r requirements-site.txt)"
            )
        source, kind = choose_source(args.source, args.fresh_editions)
        say(
            f"pages from {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}"
            f" ({'practice edition' if kind == 'practice' else 'solution cells removed'})"
        )
        out = Path(args.out).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        staged = stage_book(source, kind, out)
        maps = sum(n["maps"] for n in staged["notebooks"].values())
        pages, warnings = build(python, out, args.keep_work, with_map_assets=maps > 0)
    except SiteError as err:
        say(f"error: {err}")
        return 1
    except subprocess.CalledProcessError as err:
        say(f"error: a setup step failed (exit {err.returncode}); see the output above")
        return 1
    removed = sum(n["removed"] for n in staged["notebooks"].values())
    say(
        f"{pages} notebook pages, {maps} maps, {removed} solution cells left out, "
        f"{len(warnings)} Sphinx warnings (see {out.name}-build.log beside it)"
    )
    if maps:
        say(f"maps load Leaflet from {MAP_ASSETS_DIR}/ (no CDN)")
    for name, counts in staged["notebooks"].items():
        for url in counts["external"]:
            say(f"warning: a map in {name} still loads {url}; it will not draw offline")
        if counts["alt_fallback"]:
            say(
                f"warning: {counts['alt_fallback']} chart(s) in {name} have no printed "
                "alt_text(...); their alt text is only the chart title"
            )
    if not staged["launch_buttons"]:
        say(f"launch buttons left out: site/_config.yml still says {PLACEHOLDER_REPO}")
    say(f"done in {time.perf_counter() - start:.1f} s: open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
