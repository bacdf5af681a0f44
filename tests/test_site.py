"""The static site (tools/build_site.py): one page per notebook, every map kept, no solutions.

Needs the site tooling (requirements-site.txt), which lives in its own environment:
`python tools/build_site.py --setup` creates .venv-site/. Without it these tests are skipped,
except under CI=true, where a missing tool is a failure.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
IFRAME = "<iframe srcdoc="

spec = importlib.util.spec_from_file_location("build_site", ROOT / "tools" / "build_site.py")
build_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_site)


def site_python():
    python = build_site.find_site_python()
    if python is None:
        reason = ("site tooling not installed: run `python tools/build_site.py --setup-only` "
                  "(or pip install -r requirements-site.txt)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return python


def run_build(out, *extra):
    site_python()
    cmd = [sys.executable, str(ROOT / "tools" / "build_site.py"), "--out", str(out), *extra]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert run.returncode == 0, f"site build failed:\n{run.stdout}\n{run.stderr}"
    return run.stdout


def maps_in_notebook(path):
    return build_site.count_map_outputs(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """The site of the real collection, built once for this module."""
    out = tmp_path_factory.mktemp("real") / "site"
    log = run_build(out)
    return out, log


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
        want, got = maps_in_notebook(notebook), page.count(IFRAME)
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
    leaks = [f"{p.relative_to(out)}: {t[:40]!r}" for p in published
             for t in texts if t in p.read_text(encoding="utf-8", errors="replace")]
    assert not leaks, "solution text in the site:\n" + "\n".join(leaks[:10])


def test_nothing_is_executed_or_fetched(real_site):
    _, log = real_site
    config = (ROOT / "site" / "_config.yml").read_text()
    assert 'execute_notebooks: "off"' in config
    assert "intersphinx_mapping: {}" in config
    assert "Executing" not in log


# --- a small made-up collection: the mechanics, whatever the real notebooks hold today ----

def fixture_notebook(cells, title):
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"},
                         "language_info": {"name": "python"}, "kzw": {"title": title}},
            "cells": cells}


def code(source, outputs=(), tags=()):
    return {"cell_type": "code", "source": source, "metadata": {"tags": list(tags)},
            "execution_count": 1, "outputs": list(outputs)}


def html_output(html):
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/html": html, "text/plain": "<object>"}}


@pytest.fixture(scope="module")
def made_up_site(tmp_path_factory):
    folium = pytest.importorskip("folium")
    source = tmp_path_factory.mktemp("made-up")
    the_map = folium.Map(location=[48.0, 67.0], zoom_start=4)._repr_html_()
    first = fixture_notebook([
        {"cell_type": "markdown", "metadata": {}, "source": "# Maps and feedback\n\nText."},
        code("m", [html_output(the_map)]),
        code("m2", [html_output(the_map)]),
        code("check('99.1', 3)", [html_output("<div class='kzw-feedback'>Well done</div>")]),
        code("worked = 'SECRET-TAGGED'", tags=["solution"]),
        code("solution('99.1')", [{"output_type": "stream", "name": "stdout",
                                   "text": "SECRET-CALLED"}]),
    ], "Maps and feedback")
    second = fixture_notebook([{"cell_type": "markdown", "metadata": {},
                                "source": "# Second\n\nNo map."}], "Second")
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
        "02-maps.html", "10-second.html"]
    intro = (out / "intro.html").read_text(encoding="utf-8")
    assert intro.find("notebooks/02-maps.html") < intro.find("notebooks/10-second.html")


def test_made_up_maps_and_feedback_survive(made_up_site):
    out, _ = made_up_site
    page = (out / "notebooks" / "02-maps.html").read_text(encoding="utf-8")
    assert page.count(IFRAME) == 2
    assert "kzw-feedback" in page and "Well done" in page


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
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py")], env=env,
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "--setup" in run.stdout
