"""The static site (tools/build_site.py): one page per notebook, every map kept, no solutions,
maps that load nothing from outside the site, charts with their text alternative.

Needs the site tooling (requirements-site.txt), which lives in its own environment:
`python tools/build_site.py --setup` creates .venv-site/. Without it these tests are skipped,
except under CI=true, where a missing tool is a failure.
"""

import html
import importlib.util
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from utils import map_assets

from tooling import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
IFRAME = "<iframe srcdoc="  # folium's own form; the project's maps also carry a title first

spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
build_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_site)


def site_python():
    python = build_site.find_site_python()
    if python is None:
        reason = (
            "site tooling not installed: run `python tools/build_site.py --setup-only` "
            "(or pip install -r requirements-site.txt)"
        )
        skip_or_fail(reason)
    return python


def run_build(out, *extra):
    site_python()
    cmd = [sys.executable, str(ROOT / "tools" / "build_site.py"), "--out", str(out), *extra]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert run.returncode == 0, f"site build failed:\n{run.stdout}\n{run.stderr}"
    return run.stdout


def maps_in_notebook(path):
    return build_site.count_map_outputs(json.loads(path.read_text(encoding="utf-8")))


_BUILT = {}


def built_site(tmp_path_factory):
    """The site of the real collection, built once per test session: (folder, build output).

    tests/browser/test_site_browser.py imports this module and uses the same build.
    """
    if "real" not in _BUILT:
        out = tmp_path_factory.mktemp("real") / "site"
        _BUILT["real"] = (out, run_build(out))
    return _BUILT["real"]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """The site of the real collection, built once."""
    return built_site(tmp_path_factory)


def test_every_notebook_has_a_page(real_site):
    out, _ = real_site
    expected = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]
    assert expected, "no notebooks found"
    pages = sorted(p.stem for p in (out / "notebooks").glob("*.html"))
    assert pages == expected


def test_every_map_is_in_its_page(real_site):
    out, _ = real_site
    problems = []
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        page = (out / "notebooks" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        want, got = maps_in_notebook(notebook), len(build_site.MAP_IFRAME.findall(page))
        if want != got:
            problems.append(f"{notebook.name}: {want} maps in the outputs, {got} in the page")
    assert not problems, "\n".join(problems)


def test_navigation_follows_the_sequence(real_site):
    out, _ = real_site
    index = (out / "intro.html").read_text(encoding="utf-8")
    links = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]
    positions = [index.find(f'href="notebooks/{stem}.html"') for stem in links]
    assert all(pos >= 0 for pos in positions), "a notebook is missing from the navigation"
    assert positions == sorted(positions), "navigation is not in sequence order"


def test_no_solution_text_is_published(real_site):
    out, _ = real_site
    texts = build_site.solution_texts()
    published = [p for p in out.rglob("*") if p.suffix in (".html", ".ipynb", ".js", ".txt")]
    leaks = [
        f"{p.relative_to(out)}: {t[:40]!r}"
        for p in published
        for t in texts
        if t in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert not leaks, "solution text in the site:\n" + "\n".join(leaks[:10])


def test_nothing_is_executed_or_fetched(real_site):
    _, log = real_site
    config = (ROOT / "site" / "_config.yml").read_text()
    assert 'execute_notebooks: "off"' in config
    assert "intersphinx_mapping: {}" in config
    assert "Executing" not in log


# --- nothing from outside: every script and stylesheet of every page and map is in the site ---


class _Refs(HTMLParser):
    """Scripts, stylesheets, images and iframe srcdoc documents of one HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.styles, self.images, self.srcdocs = [], [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif (
            tag == "link"
            and a.get("href")
            and (
                "stylesheet" in (a.get("rel") or "").lower()
                or a.get("as") in ("script", "style")
                or "preload" in (a.get("rel") or "").lower()
            )
        ):
            self.styles.append(a["href"])
        elif tag == "img":
            self.images.append(a)
        elif tag == "iframe" and a.get("srcdoc") is not None:
            self.srcdocs.append(a["srcdoc"])  # the parser has already unescaped it


def parse_refs(text):
    refs = _Refs()
    refs.feed(text)
    refs.close()
    return refs


def is_external(url):
    """True for a URL that leaves the site: any scheme but data:, or a //host/ URL."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or (bool(parts.scheme) and parts.scheme != "data")


def site_pages(out):
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)


def resolve(page, url):
    """The file a relative URL in `page` (or in a srcdoc map inside it) points to."""
    path = unquote(urlsplit(url).path)
    return (page.parent / path).resolve()


def external_references(out):
    """Every script/stylesheet URL leaving the site, in pages or their maps, and every local
    one that points to a missing file."""
    problems = []
    for page in site_pages(out):
        refs = parse_refs(page.read_text(encoding="utf-8"))
        documents = [("page", refs)] + [
            (f"map {i + 1}", parse_refs(doc)) for i, doc in enumerate(refs.srcdocs)
        ]
        for where, doc in documents:
            for url in doc.scripts + doc.styles:
                name = f"{page.relative_to(out)} ({where})"
                if is_external(url):
                    problems.append(f"{name}: loads {url}")
                elif not url.startswith("data:") and not resolve(page, url).is_file():
                    problems.append(f"{name}: {url} is not in the site")
    return problems


def test_no_page_or_map_loads_anything_from_outside(real_site):
    out, _ = real_site
    problems = external_references(out)
    assert not problems, "\n".join(problems[:20])


def test_maps_share_one_copy_of_leaflet(real_site):
    out, log = real_site
    maps = 0
    for page in site_pages(out):
        for doc in parse_refs(page.read_text(encoding="utf-8")).srcdocs:
            maps += 1
            refs = parse_refs(doc)
            assert map_assets.START in doc and map_assets.END in doc, page.name
            wanted = {"leaflet.js", "leaflet.css"}
            used = {resolve(page, u) for u in refs.scripts + refs.styles}
            assert {(out / build_site.MAP_ASSETS_DIR / w).resolve() for w in wanted} <= used
            # Leaflet itself is not inlined any more, and the page is stored plain (not packed).
            assert "* Leaflet 1." not in doc and "var packed" not in doc, page.name
    assert maps == sum(maps_in_notebook(p) for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    assets = out / build_site.MAP_ASSETS_DIR
    assert (assets / "leaflet.js").is_file() and (assets / "images" / "marker-icon.png").is_file()
    # One copy: no other leaflet.js anywhere in the site.
    assert [p.relative_to(out) for p in out.rglob("leaflet*.js")] == [
        Path(build_site.MAP_ASSETS_DIR) / "leaflet.js"
    ]
    assert "no CDN" in log


TRUST_TEXTS = ("Trust Notebook", "does not trust")


def test_no_map_asks_to_trust_the_notebook(real_site):
    """No map output carries JupyterLab's 'trust this notebook' note (prose may mention it)."""
    out, _ = real_site
    pages = []
    for page in site_pages(out):
        text = page.read_text(encoding="utf-8")
        for match in build_site.MAP_IFRAME.finditer(text):
            before = text[max(0, match.start() - 800) : match.start()]
            output = (
                before[before.rfind('class="output') :] if 'class="output' in before else before
            )
            if any(t in output for t in TRUST_TEXTS):
                pages.append(page.name)
    assert not pages, f"a map output with a note about trusting the notebook in {pages}"


def test_every_chart_has_its_alt_text(real_site):
    """Each chart image carries the text the notebook prints with alt_text(chart)."""
    out, _ = real_site
    problems, charts = [], 0
    printed = set()
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if "alt_text(" in "".join(cell.get("source", "")):
                printed.update(build_site._stdout(cell))
    for page in site_pages(out):
        for image in parse_refs(page.read_text(encoding="utf-8")).images:
            if "_images/" not in image.get("src", ""):
                continue
            charts += 1
            alt = (image.get("alt") or "").strip()
            if not alt or re.search(r"\.(png|jpe?g|svg|gif)$", alt) or alt == image.get("src"):
                problems.append(f"{page.name}: {image.get('src')} has alt {alt!r}")
            elif alt not in printed:
                problems.append(f"{page.name}: alt {alt!r} is not a printed alt_text")
    assert charts > 0, "no chart images found in the site"
    assert not problems, "\n".join(problems)


# --- the map rewriting itself, on hand-made map documents --------------------------------

NEW_STYLE_MAP = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="content-type" content="text/html; charset=UTF-8" />
<!-- kzw-map-assets:start -->
<style>/* all of leaflet.css */</style>
<script>/* all of leaflet.js */</script>
<!-- kzw-map-assets:end -->
<style>#map_1 {height: 100%}</style>
</head>
<body><div class="folium-map" id="map_1"></div></body>
<script>var map_1 = L.map("map_1", {});</script>
</html>"""


def map_output(doc, trust_note=True):
    note = (
        (
            '<span style="color:#565656">Make this Notebook Trusted to load map: File -> '
            "Trust Notebook</span>"
        )
        if trust_note
        else ""
    )
    return (
        '<div style="width:100%;"><div style="position:relative;width:100%;height:0;'
        f'padding-bottom:60%;">{note}<iframe srcdoc="{html.escape(doc)}" '
        'style="position:absolute;width:100%;height:100%;left:0;top:0;border:none !important;"'
        " allowfullscreen webkitallowfullscreen mozallowfullscreen></iframe></div></div>"
    )


def rewritten(doc, page="notebooks/01-x.ipynb"):
    pytest.importorskip("xstatic.pkg.leaflet")
    nb = fixture_notebook([code("m", [html_output(map_output(doc))])], "t")
    count, left = build_site.localize_maps(nb, Path(page), build_site.map_assets())
    text = nb["cells"][0]["outputs"][0]["data"]["text/html"]
    srcdocs = parse_refs(text).srcdocs
    assert count == 1 and len(srcdocs) == 1
    return text, srcdocs[0], left


@pytest.mark.parametrize(
    "page, prefix",
    [
        ("intro.md", "_static/kzw-maps/"),
        ("notebooks/01-x.ipynb", "../_static/kzw-maps/"),
        ("a/b/c.ipynb", "../../_static/kzw-maps/"),
    ],
)
def test_inlined_block_becomes_relative_links(page, prefix):
    text, doc, left = rewritten(NEW_STYLE_MAP, page)
    refs = parse_refs(doc)
    assert refs.scripts == [prefix + "leaflet.js"]
    assert refs.styles == [prefix + "leaflet.css"]
    assert "all of leaflet" not in doc and left == []
    assert doc.count(map_assets.START) == 1 and doc.count(map_assets.END) == 1
    assert prefix + "images/marker-icon.png" in doc
    # The library still comes before the map's own script, and the rest is untouched.
    assert doc.index("leaflet.js") < doc.index('L.map("map_1"') and "#map_1 {height: 100%}" in doc
    assert "Notebook Trusted" not in text and text.count(IFRAME) == 1


def test_a_compressed_map_is_stored_plain_with_links():
    """A notebook map (its page compressed inside a loader page) becomes its plain page, linked."""
    from utils import maps

    output = maps.region_map()._repr_html_()
    nb = fixture_notebook([code("m", [html_output(output)])], "t")
    count, left = build_site.localize_maps(
        nb, Path("notebooks/01-x.ipynb"), build_site.map_assets()
    )
    (doc,) = parse_refs(nb["cells"][0]["outputs"][0]["data"]["text/html"]).srcdocs
    assert count == 1 and left == [] and "var packed" not in doc
    assert parse_refs(doc).scripts == ["../_static/kzw-maps/leaflet.js"]
    assert "kzwUnpack(" in doc and "* Leaflet 1." not in doc


def test_old_cdn_tags_become_relative_links():
    folium = pytest.importorskip("folium")
    old = folium.Map(location=[48.0, 67.0], zoom_start=4).get_root().render()
    assert "cdn.jsdelivr.net" in old
    _, doc, left = rewritten(old)
    refs = parse_refs(doc)
    assert not [u for u in refs.scripts + refs.styles if is_external(u)], refs.scripts + refs.styles
    assert "../_static/kzw-maps/leaflet.js" in refs.scripts and left == []
    assert doc.index("../_static/kzw-maps/leaflet.js") < doc.index("L.map(")


def test_unknown_external_script_is_reported():
    doc = NEW_STYLE_MAP.replace(
        "</head>", '<script src="https://example.org/plugin.js"></script></head>'
    )
    _, _, left = rewritten(doc)
    assert left == ["https://example.org/plugin.js"]


def test_chart_alt_text_comes_from_the_printed_line():
    image = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
    }
    printed = {
        "output_type": "stream",
        "name": "stdout",
        "text": "Trade shares: line chart of 3 series.\n",
    }
    nb = fixture_notebook(
        [
            code('chart = shares_chart(t, title="Trade shares")\nchart', [image]),
            {"cell_type": "markdown", "metadata": {}, "source": "Text between."},
            code("print(alt_text(chart))", [printed]),
            code('other = timeline_chart(t, title="Dates")\nother', [image]),
        ],
        "t",
    )
    assert build_site.add_chart_alt_text(nb) == (1, 1)
    alts = [
        c["metadata"].get("mystnb", {}).get("image", {}).get("alt")
        for c in nb["cells"]
        if c["cell_type"] == "code"
    ]
    assert alts == ["Trade shares: line chart of 3 series.", None, "Chart: Dates"]


# --- a small made-up collection: the mechanics, whatever the real notebooks hold today ----


def fixture_notebook(cells, title):
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "kzw": {"title": title},
        },
        "cells": cells,
    }


def code(source, outputs=(), tags=()):
    return {
        "cell_type": "code",
        "source": source,
        "metadata": {"tags": list(tags)},
        "execution_count": 1,
        "outputs": list(outputs),
    }


def html_output(html):
    return {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {"text/html": html, "text/plain": "<object>"},
    }


@pytest.fixture(scope="module")
def made_up_site(tmp_path_factory):
    folium = pytest.importorskip("folium")
    source = tmp_path_factory.mktemp("made-up")
    the_map = folium.Map(location=[48.0, 67.0], zoom_start=4)._repr_html_()
    first = fixture_notebook(
        [
            {"cell_type": "markdown", "metadata": {}, "source": "# Maps and feedback\n\nText."},
            code("m", [html_output(the_map)]),
            code("m2", [html_output(the_map)]),
            code("check('99.1', 3)", [html_output("<div class='kzw-feedback'>Well done</div>")]),
            code("worked = 'SECRET-TAGGED'", tags=["solution"]),
            code(
                "solution('99.1')",
                [{"output_type": "stream", "name": "stdout", "text": "SECRET-CALLED"}],
            ),
        ],
        "Maps and feedback",
    )
    second = fixture_notebook(
        [{"cell_type": "markdown", "metadata": {}, "source": "# Second\n\nNo map."}], "Second"
    )
    # Written out of order on purpose: the toc must sort them.
    (source / "10-second.ipynb").write_text(json.dumps(second))
    (source / "02-maps.ipynb").write_text(json.dumps(first))
    (source / "notes.ipynb").write_text(json.dumps(second))  # not NN-*: not in the site
    out = tmp_path_factory.mktemp("made-up-out") / "site"
    log = run_build(out, "--source", str(source))
    return out, log


def test_made_up_pages_in_order(made_up_site):
    out, _ = made_up_site
    assert sorted(p.name for p in (out / "notebooks").glob("*.html")) == [
        "02-maps.html",
        "10-second.html",
    ]
    intro = (out / "intro.html").read_text(encoding="utf-8")
    assert intro.find("notebooks/02-maps.html") < intro.find("notebooks/10-second.html")


def test_made_up_maps_and_feedback_survive(made_up_site):
    out, _ = made_up_site
    page = (out / "notebooks" / "02-maps.html").read_text(encoding="utf-8")
    assert len(build_site.MAP_IFRAME.findall(page)) == 2
    assert "kzw-feedback" in page and "Well done" in page


def test_made_up_maps_load_nothing_from_outside(made_up_site):
    out, _ = made_up_site
    assert external_references(out) == []
    page = (out / "notebooks" / "02-maps.html").read_text(encoding="utf-8")
    assert "Notebook Trusted" not in page


def test_made_up_solutions_left_out(made_up_site):
    out, log = made_up_site
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ipynb", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "SECRET-TAGGED" not in text and "SECRET-CALLED" not in text, path
    assert "2 solution cells left out" in log


def test_missing_tooling_is_one_line(tmp_path):
    env = dict(os.environ, KZW_SITE_PYTHON=str(tmp_path / "no-python"))
    # Only meaningful where neither this Python nor .venv-site has Jupyter Book.
    if build_site.has_jupyter_book(sys.executable) or build_site.site_venv_python().exists():
        pytest.skip("Jupyter Book is installed here")
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_site.py")],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "--setup" in run.stdout


@pytest.mark.parametrize(
    "note",
    [
        '<span style="color:#565656">Make this Notebook Trusted to load map: File -> Trust Notebook</span>',
        '<p class="kzw-trust-note" style="position:absolute;margin:0;">If you read this instead of a map, '
        "JupyterLab does not trust this stored output yet. Choose \u201cTrust Notebook\u201d.</p>",
    ],
)
def test_trust_notes_are_left_out_of_the_site(note):
    text = f'<div class="kzw-map">{note}<iframe title="Map: t" srcdoc="x"></iframe></div>'
    assert build_site.TRUST_NOTE.sub("", text) == (
        '<div class="kzw-map"><iframe title="Map: t" srcdoc="x"></iframe></div>'
    )
