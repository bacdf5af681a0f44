"""Every notebook in JupyterLab, in a real (headless) Chromium.

For each notebook in notebooks/ (new notebooks are picked up automatically):

- opened WITHOUT running anything (trusted the way `make lab` trusts them), the shipped
  outputs show no error, every folium map draws its country polygons, every exercise answer
  cell shows its feedback as HTML ("Not answered yet" for a `...` placeholder);
- Run > Run All Cells for the notebooks in RUN_IN_LAB (and one in offline mode,
  KZW_OFFLINE=1) finishes before a deadline and passes the same checks on the fresh outputs.
  The others are not run here: strict nbval already runs each notebook once and proves its
  stored outputs are exactly what a fresh run gives, so what JupyterLab shows of the stored
  outputs is what it would show after running them. The network never leaves the machine
  (see lab_fixtures.py).

Screenshots: test-output/browser/lab-<notebook>.png (run, default mode), lab-<notebook>-offline.png
and lab-<notebook>-shipped.png. The notebooks in tests/fixtures/lab/ check that a map, an
error and a hang are really detected.

Run only these tests:  python -m pytest tests/browser/test_jupyterlab.py -v
Time them per notebook:  python tools/bench_browser.py
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import psutil
import pytest

from lab_server import LabServer, port_is_free

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIXTURES = ROOT / "tests" / "fixtures" / "lab"
SHOTS = ROOT / "test-output" / "browser"
DEADLINE = float(os.environ.get("KZW_LAB_NOTEBOOK_SECONDS", "150"))  # per notebook run
MAP_SECONDS = 30  # for one map to draw its polygons

PANEL = "#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden)"
ERROR_TEXT = re.compile(r"Traceback|^\s*\w*(Error|Exception)\b|Cell In\[\d*\]", re.MULTILINE)
PLACEHOLDER = re.compile(r"^\s*answer_\w+\s*=\s*\.\.\.\s*(#.*)?$", re.MULTILINE)

# Every cell of the open notebook: its prompt, whether its source is empty, its error text.
CELLS_JS = """(panelSelector) => {
  const panel = document.querySelector(panelSelector);
  if (!panel) return [];
  return Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell')).map((cell, i) => {
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    const editor = cell.querySelector('.cm-content');
    const stderr = Array.from(cell.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'));
    return {
      number: i + 1,
      code: cell.classList.contains('jp-CodeCell'),
      prompt: prompt ? prompt.textContent.trim() : '',
      empty: editor ? editor.textContent.trim() === '' : true,
      stderr: stderr.map(e => e.textContent),
    };
  });
}"""

# True once the kernel is idle, no cell is queued or running ([*]), and either every
# non-empty code cell has an execution count or an error output is showing.
FINISHED_JS = """(panelSelector) => {
  const panel = document.querySelector(panelSelector);
  if (!panel) return false;
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  if (!indicator || indicator.dataset.status !== 'idle') return false;
  const cells = Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell'));
  const prompt = c => (c.querySelector('.jp-InputArea-prompt') || {textContent: ''}).textContent.trim();
  if (cells.some(c => prompt(c) === '[*]:')) return false;
  const stderr = panel.querySelector(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  if (stderr && /Traceback|Error|Exception/.test(stderr.textContent)) return true;
  return cells.every(c => /^\\[\\d+\\]:$/.test(prompt(c)) ||
                          (c.querySelector('.cm-content') || {textContent: ''}).textContent.trim() === '');
}"""

KERNEL_READY_JS = """(panelSelector) => {
  const panel = document.querySelector(panelSelector);
  const indicator = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const bar = document.querySelector('#jp-main-statusbar');
  return !!indicator && indicator.dataset.status === 'idle' && !!bar && /\\| Idle/.test(bar.textContent);
}"""


class NotebookProblem(AssertionError):
    """What went wrong in one notebook, in one readable message."""


# ------------------------------------------------------------------ reading the .ipynb file


def read_cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def first_line(cell: dict) -> str:
    source = (
        "".join(cell.get("source", []))
        if isinstance(cell.get("source"), list)
        else cell.get("source", "")
    )
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[0].strip()[:80] if lines else "(empty)"


def shipped_map_count(path: Path) -> int:
    """How many folium maps the committed outputs of a notebook hold."""
    count = 0
    for cell in read_cells(path):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if "<iframe" in html and "srcdoc=" in html:
                count += 1
    return count


def answer_cells(path: Path) -> list[tuple[int, bool]]:
    """(cell number, has a `...` placeholder) for every code cell tagged `answer`."""
    found = []
    for number, cell in enumerate(read_cells(path), start=1):
        if cell["cell_type"] == "code" and "answer" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            found.append((number, bool(PLACEHOLDER.search(source))))
    return found


# ------------------------------------------------------------------ driving JupyterLab


def open_notebook(page, server: LabServer, path: Path) -> None:
    """Open one notebook and wait until its kernel is idle.

    When the page already shows JupyterLab, the open notebook is closed (its changes
    discarded, its kernel shut down) and the next one opened with File > Open from Path;
    that saves reloading JupyterLab. Otherwise, or when that fails, the page loads JupyterLab
    afresh (a reset workspace) on the notebook's URL.
    """
    relative = path.relative_to(server.root).as_posix()
    if getattr(page, "kzw_requests", None) is not None:
        page.kzw_requests.clear()
    page.bring_to_front()  # the default and offline pages take turns
    if "/lab" in page.url and page.locator(PANEL).count() == 1:
        try:
            switch_notebook(page, server, relative)
            return
        except Exception as err:  # playwright's Error or TimeoutError: load the page again
            if "Error" not in type(err).__name__:
                raise
    page.goto(server.url(f"lab/tree/{relative}?reset"))
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(KERNEL_READY_JS, arg=PANEL, timeout=60_000, polling=200)


def switch_notebook(page, server: LabServer, relative: str) -> None:
    """Close the open notebook without saving, shut its kernel down, open another one."""
    menu(page, "File", "Close Tab")
    discard = page.locator(".jp-Dialog button", has_text=re.compile("^Discard$"))
    closed = page.locator(PANEL)
    page.wait_for_function(
        """(sel) => !document.querySelector(sel) || !!document.querySelector('.jp-Dialog')""",
        arg=PANEL,
        timeout=10_000,
        polling=100,
    )
    if discard.count():
        discard.click()
    closed.wait_for(state="detached", timeout=10_000)
    server.shutdown_kernels()
    menu(page, "File", "Open from Path…")
    page.locator(".jp-Dialog input").fill(relative)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(KERNEL_READY_JS, arg=PANEL, timeout=60_000, polling=200)


def menu(page, menu_name: str, item: str) -> None:
    """Click a main-menu item, e.g. menu(page, "Run", "Run All Cells")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu_name}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).first.click()


def cell_states(page) -> list[dict]:
    return page.evaluate(CELLS_JS, PANEL)


def run_all(page, path: Path, deadline: float = DEADLINE) -> float:
    """Clear the outputs, Run All Cells, wait until done; a hang names the cell. Returns seconds."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    requests = getattr(page, "kzw_requests", None)
    if requests is not None:
        requests.clear()  # forget what the shipped outputs asked for; count this run only
    start = time.monotonic()
    menu(page, "Run", "Run All Cells")
    try:
        page.wait_for_function(FINISHED_JS, arg=PANEL, timeout=deadline * 1000, polling=250)
    except Exception as err:  # playwright's TimeoutError
        if "Timeout" not in type(err).__name__:
            raise
        raise NotebookProblem(hang_message(page, path, deadline)) from None
    return time.monotonic() - start


def hang_message(page, path: Path, deadline: float) -> str:
    cells = read_cells(path)
    running = [c for c in cell_states(page) if c["prompt"] == "[*]:"]
    if not running:
        return (
            f"{path.name}: not finished after {deadline:.0f} s, and no cell shows [*] "
            "(the kernel may have died or never started)"
        )
    # Run All queues every cell at once, so all pending cells show [*]; the first one is the
    # cell the kernel is stuck in.
    stuck = running[0]
    return (
        f"{path.name}: cell {stuck['number']} of {len(cells)} "
        f"({first_line(cells[stuck['number'] - 1])!r}) was still running after "
        f"{deadline:.0f} s ({len(running) - 1} more cell(s) waiting behind it)"
    )


def error_problems(page, path: Path) -> list[str]:
    """One line per cell that shows an error or a traceback."""
    cells = read_cells(path)
    problems = []
    for state in cell_states(page):
        for text in state["stderr"]:
            if ERROR_TEXT.search(text):
                last = [line for line in text.strip().splitlines() if line.strip()]
                problems.append(
                    f"cell {state['number']} ({first_line(cells[state['number'] - 1])!r}): "
                    f"{last[-1].strip() if last else 'error output'}"
                )
                break
    return problems


def map_frames(page) -> list:
    """The content frames of the folium map iframes in the open notebook's outputs."""
    frames = []
    for element in page.locator(f"{PANEL} .jp-OutputArea-output iframe").element_handles():
        if element.get_attribute("srcdoc"):  # the map page, compressed in a loader page
            frames.append(element.content_frame())
    return frames


def map_problems(page, expected: int) -> list[str]:
    """Check every map draws polygons; one line per map that does not."""
    frames = map_frames(page)
    problems = []
    if len(frames) != expected:
        why = ""
        if not frames and expected:
            why = (
                " (JupyterLab strips map iframes from untrusted notebooks: was the file "
                "rewritten after the server ran `jupyter trust`?)"
            )
        problems.append(f"{len(frames)} map(s) in the page, {expected} in the notebook file{why}")
    panel_text = page.locator(PANEL).inner_text()
    if "Make this Notebook Trusted" in panel_text or "File -> Trust" in panel_text:
        problems.append("folium's trust text is shown (it names a menu item JupyterLab 4 lacks)")
    for number, frame in enumerate(frames, start=1):
        try:
            frame.wait_for_selector(
                "path.leaflet-interactive", state="attached", timeout=MAP_SECONDS * 1000
            )
        except Exception:
            has_leaflet = frame.evaluate("() => typeof window.L !== 'undefined'")
            problems.append(
                f"map {number} drew no country polygons within {MAP_SECONDS} s "
                f"(Leaflet loaded: {has_leaflet})"
            )
    return problems


def polygon_counts(page) -> list[int]:
    return [f.locator("path.leaflet-interactive").count() for f in map_frames(page)]


def feedback_problems(page, path: Path) -> list[str]:
    """Every answer cell shows HTML feedback; a `...` placeholder says 'Not answered yet'."""
    problems = []
    for number, placeholder in answer_cells(path):
        cell = page.locator(f"{PANEL} .jp-Notebook .jp-Cell").nth(number - 1)
        feedback = cell.locator(".jp-OutputArea-output .kzw-feedback")
        if feedback.count() == 0:
            problems.append(f"answer cell {number} shows no HTML feedback (.kzw-feedback)")
            continue
        if placeholder:
            status = feedback.first.get_attribute("data-kzw-status")
            text = feedback.first.inner_text()
            if status != "unanswered" or "Not answered yet" not in text:
                problems.append(
                    f"answer cell {number} has a ... placeholder but shows "
                    f"{status!r}: {text.strip()[:100]!r}"
                )
    return problems


def screenshot(page, name: str) -> Path:
    """Save a screenshot, scrolled to the first map (or feedback, or error) when there is one."""
    for selector in (
        f"{PANEL} .jp-OutputArea-output iframe",
        f"{PANEL} .kzw-feedback",
        f'{PANEL} [data-mime-type="application/vnd.jupyter.stderr"]',
    ):
        target = page.locator(selector)
        if target.count():
            target.first.scroll_into_view_if_needed()
            break
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def run_and_check(
    page,
    server: LabServer,
    path: Path,
    shot: str,
    shipped: bool = False,
    deadline: float = DEADLINE,
    run: bool = True,
) -> dict:
    """Open a notebook, (check its shipped maps,) run all, collect every problem in one message.

    run=False checks the stored outputs as JupyterLab shows them (errors, maps, feedback)
    without running: strict nbval proves those outputs are what a fresh run gives.
    Returns the seconds each step took (tools/bench_browser.py prints them).
    """
    before = path.read_bytes()
    times, problems = {}, []
    clock = time.monotonic()
    open_notebook(page, server, path)
    times["open"] = time.monotonic() - clock
    if shipped:  # the committed outputs, opened without running anything
        clock = time.monotonic()
        problems += [f"(opened, not run) {p}" for p in map_problems(page, shipped_map_count(path))]
        screenshot(page, f"{shot}-shipped")
        times["shipped maps"] = time.monotonic() - clock
    if run:
        try:
            times["run all"] = run_all(page, path, deadline)
        except Exception:
            screenshot(page, shot)  # what the page looked like when it failed
            raise
    clock = time.monotonic()
    problems += error_problems(page, path)
    problems += map_problems(page, shipped_map_count(path))
    problems += feedback_problems(page, path)
    times["checks"] = time.monotonic() - clock
    screenshot(page, shot)  # after the checks, so the maps have drawn
    if path.read_bytes() != before:
        problems.append("the notebook file changed on disk while the test ran it")
    if problems:
        raise NotebookProblem(f"{path.name}:\n  " + "\n  ".join(problems))
    return times


def frame_requests(page, answer: str | None = None) -> list[str]:
    """Outside requests made from inside output frames (the maps)."""
    return [
        r["url"]
        for r in page.kzw_requests
        if r["in_frame"] and (answer is None or r.get("answer") == answer)
    ]


# ------------------------------------------------------------------ the notebooks

# Strict nbval runs every notebook and proves its stored outputs are what a fresh run gives,
# so JupyterLab shows every notebook's stored outputs, and runs these three (the start, the
# region and distance maps, the capstone's profile) to prove running in the real frontend works.
RUN_IN_LAB = ("00-start-here", "01-geography-eurasian-crossroads", "09-capstone-partner-profile")
OFFLINE_IN_LAB = [ROOT / "notebooks" / "01-geography-eurasian-crossroads.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(lab_page, lab_server, path, record_property):
    """Shipped maps show without running: no errors, maps draw, feedback shows; some are run too."""
    times = run_and_check(
        lab_page, lab_server, path, f"lab-{path.stem}", shipped=True, run=path.stem in RUN_IN_LAB
    )
    record_property("seconds", json.dumps(times))


@pytest.mark.parametrize("path", OFFLINE_IN_LAB, ids=[p.stem for p in OFFLINE_IN_LAB])
def test_notebook_in_jupyterlab_offline(
    lab_page_offline, lab_server_offline, path, record_property
):
    """The same run with KZW_OFFLINE=1: the maps draw and ask the network for nothing."""
    times = run_and_check(lab_page_offline, lab_server_offline, path, f"lab-{path.stem}-offline")
    record_property("seconds", json.dumps(times))
    outside = frame_requests(lab_page_offline)
    assert not outside, f"{path.name}: offline maps still asked the network for {outside[:5]}"


# ------------------------------------------------------------------ the checks really check


def test_fixture_map_and_feedback_are_seen(lab_page, lab_server):
    path = FIXTURES / "lab-map-and-feedback.ipynb"
    open_notebook(lab_page, lab_server, path)
    run_all(lab_page, path)
    assert error_problems(lab_page, path) == []
    assert map_problems(lab_page, 1) == []
    assert polygon_counts(lab_page)[0] > 0
    assert feedback_problems(lab_page, path) == []
    feedback = lab_page.locator(f"{PANEL} .kzw-feedback")
    assert feedback.count() == 1 and "Not answered yet" in feedback.first.inner_text()
    # Default mode: the map drew with every outside request refused; it only asked for tiles.
    asked = frame_requests(lab_page)
    assert all("tile.openstreetmap.org" in url for url in asked), asked[:5]
    screenshot(lab_page, "lab-fixture-map-and-feedback")


def test_fixture_map_draws_offline_without_any_request(lab_page_offline, lab_server_offline):
    path = FIXTURES / "lab-map-and-feedback.ipynb"
    open_notebook(lab_page_offline, lab_server_offline, path)
    run_all(lab_page_offline, path)
    assert map_problems(lab_page_offline, 1) == []
    assert polygon_counts(lab_page_offline)[0] > 0
    assert frame_requests(lab_page_offline) == []


def test_an_error_is_reported_with_its_cell(lab_page, lab_server):
    path = FIXTURES / "lab-error.ipynb"
    open_notebook(lab_page, lab_server, path)
    run_all(lab_page, path, deadline=60)
    problems = error_problems(lab_page, path)
    assert len(problems) == 1, problems
    assert (
        problems[0].startswith("cell 3 ('numbers[1] / 0')") and "ZeroDivisionError" in problems[0]
    )


def test_a_hang_fails_naming_the_cell(lab_page, lab_server):
    path = FIXTURES / "lab-hang.ipynb"
    open_notebook(lab_page, lab_server, path)
    with pytest.raises(NotebookProblem) as caught:
        run_all(lab_page, path, deadline=4)
    message = str(caught.value)
    assert "cell 3 of 4" in message and "import time" in message and "after 4 s" in message, message


def test_server_stops_cleanly_even_after_a_failure(tmp_path):
    server = LabServer(tmp_path / "lab")
    with pytest.raises(RuntimeError, match="a test failed"):
        with server:
            server_pid = server.process.pid
            server.api("POST", "api/kernels")  # a kernel, started outside the server's group
            server.remember_children()
            assert server.leftovers(), "the kernel should be running now"
            raise RuntimeError("a test failed")
    assert port_is_free(server.port)
    assert server.leftovers() == []
    assert not psutil.pid_exists(server_pid)


def test_an_untrusted_notebook_says_why_its_map_is_hidden(lab_page, lab_server):
    """A stored map in a notebook JupyterLab does not trust: our message, never folium's trust text.

    (A copy with the same content as a trusted notebook counts as trusted: JupyterLab then
    shows its maps, which need nothing from outside.)"""
    from utils.map_page import NOT_TRUSTED_MESSAGE

    folder = ROOT / "test-output" / "lab-untrusted"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "untrusted-map.ipynb"
    notebook = json.loads(
        (ROOT / "notebooks" / "01-geography-eurasian-crossroads.ipynb").read_text(encoding="utf-8")
    )
    notebook["cells"][0]["source"].append("\n\n(A copy with one more line.)")
    # Trust is recorded per content: changed content has no trusted signature.
    copy.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    try:
        open_notebook(lab_page, lab_server, copy)
        panel = lab_page.locator(PANEL)
        panel.get_by_text("does not trust this stored output").first.wait_for(timeout=15_000)
        text = panel.inner_text()
        assert NOT_TRUSTED_MESSAGE.split(".")[0] in text
        assert "Make this Notebook Trusted" not in text and "File -> Trust" not in text
        assert map_frames(lab_page) == []  # JupyterLab removed the map's iframe
        screenshot(lab_page, "lab-untrusted-notebook")
    finally:
        copy.unlink(missing_ok=True)


# One notebook per map type: region and links (01), world choropleth (02), markers (05),
# schematic routes (07), the schematic Caspian seabed map with its text label (10).
MAP_TYPE_NOTEBOOKS = [
    "01-geography-eurasian-crossroads",
    "02-independence-and-recognition",
    "05-institutional-milestones",
    "07-corridors-and-energy",
    "10-drawing-the-lines",
]


@pytest.mark.parametrize("stem", MAP_TYPE_NOTEBOOKS)
def test_maps_in_jupyterlab_pass_axe(lab_page, lab_server, stem, record_property):
    """axe-core over each map output (the map page inside its iframe, the text around it)."""
    from axe import by_rule, describe, require_axe, run_axe

    require_axe()
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    open_notebook(lab_page, lab_server, path)
    assert map_problems(lab_page, shipped_map_count(path)) == []
    # A map's own page is part of the notebook, whose title is its level-one heading; a heading
    # inside each map would break the notebook's heading order, so that page-level rule is off.
    violations = run_axe(
        lab_page, context={"include": [f"{PANEL} .kzw-map"]}, disable=("page-has-heading-one",)
    )
    record_property("axe", json.dumps(by_rule(violations)))
    assert not violations, f"{path.name}:\n" + describe(violations)


def test_opening_and_closing_leaves_a_notebook_unchanged(lab_page, lab_server):
    """Opened and closed untouched: no "Save your work?", no autosave, the file's bytes as before.

    The copy carries the running Python's version in language_info, as a notebook executed by
    `make execute` with this Python does (tests/test_notebook_skeleton.py checks the shipped
    ones carry the kernel's full language_info)."""
    import platform

    folder = ROOT / "test-output" / "lab-unchanged"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "opened-and-closed.ipynb"
    notebook = json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["language_info"]["version"] = platform.python_version()
    copy.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    before = copy.read_bytes()
    try:
        open_notebook(lab_page, lab_server, copy)
        lab_page.wait_for_timeout(3000)  # kernel info has arrived; give the model time to react
        dirty = lab_page.locator("#jp-main-dock-panel .lm-TabBar-tab.jp-mod-dirty")
        assert dirty.count() == 0, "JupyterLab marks the untouched notebook as changed"
        menu(lab_page, "File", "Close Tab")
        lab_page.wait_for_timeout(1000)
        assert lab_page.locator(".jp-Dialog").count() == 0, (
            "closing asked to save an untouched notebook"
        )
        assert copy.read_bytes() == before, "the notebook file changed on disk"
    finally:
        copy.unlink(missing_ok=True)
