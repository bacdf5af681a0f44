"""The teacher's kit, written into the teacher edition only (kit/), never into the public docs.

- answer-key/NN-answer-key.md: every exercise's reference answer as computed from the data by
  the project's own utils, with the worked solution's code and reasoning;
- discussion-notes.md: for each "For discussion" question of the notebooks (``kzw.discussion``),
  the points a good answer makes, from tools/discussion_notes.md (a heading ``## NN.Q`` per
  question, Q counting from 1); the build stops when a question has no notes or notes name a
  question that does not exist;
- rubric.md: the capstone rubric (the markdown table whose header starts ``| Criterion``);
- handouts/NN-*.pdf: each notebook of the practice edition (no solutions), printed by headless
  Chromium through Playwright, in black on white; maps are replaced by a line pointing to their
  text alternative. Without Chromium or Playwright the build says so in one line and skips them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import chromium

from notebook_meta import cell_source, kzw_metadata, read_notebook, sequence_notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "tools" / "discussion_notes.md"
PRINT_CSS = """<style>
@page { size: A4; margin: 16mm; }
* { color: #000 !important; background: transparent !important; box-shadow: none !important; }
body { font: 11pt/1.4 Georgia, serif; }
pre, code { font: 9pt/1.3 "DejaVu Sans Mono", monospace; white-space: pre-wrap; }
.jp-InputArea, .jp-OutputArea-output, table { border: 1px solid #000; }
th, td { border: 1px solid #555; padding: 2px 4px; }
.jp-InputPrompt, .jp-OutputPrompt { display: none; }
.jp-Cell { break-inside: avoid-page; }
</style>"""
MAP_NOTE = "(An interactive map: open the notebook to explore it. Its text alternative follows.)"


class KitError(Exception):
    """The kit cannot be written; the message says why in one line."""


def write_kit(
    root: Path, teacher: Path, practice: Path, definitions: dict, answers: dict
) -> Iterator[str]:
    """Write kit/ into the teacher edition; yield one line per part written or skipped."""
    kit = teacher / "kit"
    (kit / "answer-key").mkdir(parents=True)
    notebooks = {p.name[:2]: p for p in sequence_notebooks(root / "notebooks")}
    for number, path in notebooks.items():
        ids = sorted(
            (i for i in definitions if i.startswith(f"{number}.")),
            key=lambda i: int(i.split(".")[1]),
        )
        if ids:
            page = answer_key(path, [definitions[i] for i in ids], answers)
            (kit / "answer-key" / f"{number}-answer-key.md").write_text(page, encoding="utf-8")
    yield f"kit: answer key for {len(answers)} exercises"
    notes = discussion_notes(notebooks, NOTES if (root / "tools").is_dir() else None)
    (kit / "discussion-notes.md").write_text(notes, encoding="utf-8")
    yield "kit: discussion notes"
    rubric = find_rubric(notebooks)
    if rubric:
        (kit / "rubric.md").write_text(rubric, encoding="utf-8")
        yield "kit: capstone rubric"
    else:
        yield "kit: no rubric table (| Criterion | ...) found in the notebooks; none written"
    yield handouts(practice / "notebooks", kit / "handouts")
    (kit / "README.md").write_text(KIT_README, encoding="utf-8")


KIT_README = """# The teacher's kit

For the teacher only: do not hand this folder to students.

- `answer-key/NN-answer-key.md`: every exercise's reference answer, computed from `data/` by
  the collection's own code when this edition was built, with the worked solution and why it
  works. A corrected data row changes the answer: rebuild the editions.
- `discussion-notes.md`: for each "For discussion" question, points a good answer makes.
- `rubric.md`: the rubric for the capstone profile (notebook 09).
- `handouts/`: a PDF of each notebook without solutions, for printing in black and white.
"""


# --------------------------------------------------------------------------- answer key


def answer_key(path: Path, exercises: list, answers: dict) -> str:
    title = kzw_metadata(read_notebook(path)).get("title", path.stem)
    lines = [
        f"# Answer key: {path.name[:2]} {title}",
        "",
        "For the teacher. Each answer was computed from `data/` by the collection's own "
        "reference code when the edition was built.",
        "",
    ]
    for exercise in exercises:
        answer = answers.get(exercise.id)
        lines += [f"## {exercise.id}", "", exercise.question, ""]
        if answer is None:
            raise KitError(f"no reference answer was computed for {exercise.id}")
        unit = f" ({answer['unit']})" if answer.get("unit") else ""
        lines += [f"**Reference answer{unit}:**", "", "```text", answer["shown"], "```", ""]
        if exercise.solution:
            lines += [
                "**Worked solution:**",
                "",
                "```python",
                exercise.solution["code"].rstrip(),
                "```",
                "",
                f"**Why:** {' '.join(exercise.solution['why'].split())}",
                "",
            ]
        if exercise.mistakes:
            lines += ["**Common mistakes the check recognises:**", ""]
            lines += [f"- {m}" for m in exercise.mistakes] + [""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- discussion notes


def read_notes(path: Path | None) -> dict[str, str]:
    """{"NN.Q": notes in Markdown} from the notes file ({} when there is none)."""
    if path is None or not path.is_file():
        return {}
    parts = re.split(r"^## (\d\d\.\d+)\s*$", path.read_text(encoding="utf-8"), flags=re.M)
    return {key: body.strip() for key, body in zip(parts[1::2], parts[2::2], strict=True)}


def discussion_notes(notebooks: dict[str, Path], source: Path | None) -> str:
    notes = read_notes(source)
    lines = [
        "# Discussion notes",
        "",
        'For each "For discussion" question: points a good answer makes, from more than '
        "one side where there are sides. They draw on what the notebooks and `data/` hold; "
        "where a point needs more, it is a question for the class.",
        "",
    ]
    asked = set()
    for number, path in notebooks.items():
        meta = kzw_metadata(read_notebook(path))
        questions = meta.get("discussion", [])
        if questions:
            lines += [f"## {number} {meta.get('title', path.stem)}", ""]
        for k, question in enumerate(questions, start=1):
            key = f"{number}.{k}"
            asked.add(key)
            if source is not None and key not in notes:
                raise KitError(f"{source.name}: no notes for discussion question {key}")
            lines += [f"### {key}", "", f"> {question}", "", notes.get(key, "(no notes)"), ""]
    # Notes of a notebook this build does not hold (a copy with fewer notebooks) are not an
    # error; a note numbered beyond a held notebook's questions is.
    unknown = sorted(key for key in set(notes) - asked if key.split(".")[0] in notebooks)
    if unknown:
        raise KitError(
            f"{source.name}: notes for questions that do not exist: {', '.join(unknown)}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- rubric


def find_rubric(notebooks: dict[str, Path]) -> str | None:
    for number, path in notebooks.items():
        for cell in read_notebook(path).get("cells", []):
            text = cell_source(cell)
            if cell.get("cell_type") == "markdown" and "| Criterion" in text:
                table = text[text.index("| Criterion") :].split("\n\n")[0].strip()
                title = kzw_metadata(read_notebook(path)).get("title", path.stem)
                return (
                    f"# Rubric: {title}\n\nFrom notebook {number}, where students see it "
                    "too. Each row is a criterion; a piece of work can sit in different "
                    f"columns for different rows.\n\n{table}\n"
                )
    return None


# --------------------------------------------------------------------------- handouts


def handout_html(path: Path) -> str:
    """A notebook as one printable HTML page (maps replaced by a line)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "<iframe" in str(output.get("data", {}).get("text/html", "")):
                output["data"] = {"text/plain": MAP_NOTE}
    html, _ = HTMLExporter(embed_images=True).from_notebook_node(nb)
    return html.replace("</head>", PRINT_CSS + "</head>", 1)


def handouts(folder: Path, target: Path) -> str:
    """Print each notebook of ``folder`` to a PDF in ``target``; a line saying what was done."""
    browser_path = chromium.executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "kit: handouts skipped (Playwright is not installed)"
    if browser_path is None:
        return "kit: handouts skipped (no chromium on PATH)"
    target.mkdir(parents=True)
    notebooks = sequence_notebooks(folder)
    # Playwright's sync API refuses to start where an event loop is already running (a test
    # session that drives a browser, a notebook): a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(print_handouts, sync_playwright, browser_path, notebooks, target).result()
    return f"kit: {len(notebooks)} handouts printed to PDF"


def print_handouts(sync_playwright, browser_path: str, notebooks: list[Path], target: Path) -> None:
    """Print each notebook's handout page to a PDF with headless Chromium."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=chromium.ARGS)
        try:
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.abort() if route.request.url.startswith("http") else route.continue_()
                ),
            )
            for path in notebooks:
                html = target / f"{path.stem}.html"
                html.write_text(handout_html(path), encoding="utf-8")
                page.goto(html.as_uri(), wait_until="load")
                page.pdf(path=str(target / f"{path.stem}.pdf"), format="A4", print_background=False)
                html.unlink()
        finally:
            browser.close()
