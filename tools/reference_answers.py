"""The reference answers of a project, and a search for them in an edition.

- :func:`reference_answers` computes every exercise's reference answer with the project's
  own (the teacher's) ``utils`` and ``data/``, in a separate Python process, so a tool can
  read another copy of the project;
- :func:`reference_names` lists the functions the course modules define (the reference code);
- :func:`leaked_references` searches a built edition for both.

What the search looks for, and where (``data/`` is left out: it is the input every answer is
computed from, and the assessment edition needs it to run; so are the maps in notebook
outputs, which are drawn from ``data/`` and hold thousands of coordinates and codes):

- in every text file: each reference function defined (``def area_rank(``) or named as
  ``reference=area_rank``, and called (``area_rank(``) when its name is not a plain word
  (``exports`` may be a learner's own name); each answer that is distinctive as text:
  a number of 100 or more, or with decimals (as Python prints it, and rounded to 1 and 2
  decimals), a list or set of answers (as its sorted list), a table or Series (as printed);
- in the outputs of answer cells: every answer, however short (5, "KGZ", 1992-03-02), as a
  whole word. (The questions and hints kept in the course modules are the teacher's own text,
  and short answers such as a country code occur in them by nature; --no-hints drops hints.)
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from notebook_meta import COURSE, course_modules, is_answer_cell

SCRIPT = r"""
import json, utils
import utils.exercises as ex
ex.use_course(utils.COURSE)
out = {}
for e in ex.exercises():
    value = e.reference()
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    shown = value.to_string() if hasattr(value, "to_string") else str(value)
    out[e.id] = {"question": e.question, "kind": e.kind, "unit": e.unit,
                 "value": ex.as_json(value), "shown": shown, "python": repr(value)}
print("KZW-ANSWERS " + json.dumps(out))
"""


class AnswerError(Exception):
    """The reference answers cannot be computed; the message says why in one line."""


def reference_answers(root: Path, python: str = sys.executable) -> dict[str, dict]:
    """{id: {"question", "kind", "unit", "value" (JSON), "shown" (as printed), "python"}}."""
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run(
        [python, "-c", SCRIPT], env=env, cwd=root, capture_output=True, text=True, timeout=600
    )
    match = re.search(r"^KZW-ANSWERS (.*)$", done.stdout, re.MULTILINE)
    if done.returncode or not match:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise AnswerError(f"the reference answers could not be computed: {last}")
    return json.loads(match[1])


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


def reference_names(root: Path) -> list[str]:
    """The functions defined at the top of the course modules (nbNN.py), less those a helper
    module of utils also defines (a shared helper such as land_neighbours is no answer)."""
    names = set().union(*(_functions(p) for p in course_modules(root)))
    helpers = [p for p in (root / "utils").rglob("*.py") if (root / COURSE) not in p.parents]
    return sorted(names - set().union(*(_functions(p) for p in helpers)))


def _word(text: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(text)}(?![\w]|\.\d)")


def _flat(text: str) -> str:
    return " ".join(text.replace("\\n", "\n").replace('\\"', '"').split())


def distinctive_needles(answer: dict) -> list[str]:
    """Renderings of one answer that would not appear in an edition by chance."""
    value, needles = answer["value"], []
    if answer.get("kind") in ("year", "date"):
        pass  # years and dates are everywhere in a history: searched where answers show
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != int(value):
            needles += [repr(value), f"{value:.2f}"]
            needles += [f"{value:.1f}"] if abs(value) >= 100 else []
        elif abs(value) >= 100:
            needles += [str(int(value)), f"{int(value):,}"]
    elif isinstance(value, list) and len(value) > 1:
        needles += [answer["python"], repr(value)]
    elif isinstance(value, dict):  # a table or a Series
        needles.append(_flat(answer["shown"]))
    return list(dict.fromkeys(needles))


def every_needle(answer: dict) -> list[str]:
    """Every rendering of one answer, however short (searched where answers would show)."""
    value = answer["value"]
    items = value if isinstance(value, list) else [value]
    plain = [str(v) for v in items if isinstance(v, (str, int, float)) and str(v)]
    return list(dict.fromkeys(distinctive_needles(answer) + plain + [answer["shown"]]))


def _answer_outputs(path: Path) -> str:
    """The text an answer cell's outputs show (not their execution counts or metadata)."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    shown = []
    for cell in cells:
        for output in cell.get("outputs", []) if is_answer_cell(cell) else []:
            shown.append(str(output.get("text", "")))
            shown += [
                json.dumps(v) if isinstance(v, dict) else str(v)
                for v in output.get("data", {}).values()
            ]
    return "\n".join(shown)


def without_maps(notebook_text: str) -> str:
    """A notebook's JSON without its map outputs (an ``<iframe>`` of a folium map)."""
    try:
        nb = json.loads(notebook_text)
        for cell in nb.get("cells", []):
            cell["outputs"] = [
                o
                for o in cell.get("outputs", [])
                if "<iframe" not in str(o.get("data", {}).get("text/html", ""))
            ]
    except (ValueError, AttributeError):
        return notebook_text
    return json.dumps(nb, indent=1)


def leaked_references(
    tree: Path, answers: dict[str, dict], names: list[str], only: str | None = None
) -> list[str]:
    """Places in an edition (or in its folder ``only``) where a reference answer or reference
    function shows."""
    code_patterns = [
        (
            name,
            re.compile(
                rf"\bdef\s+{name}\b|reference\s*=\s*{name}\b"
                + (rf"|(?<![\w.]){name}\(" if "_" in name else "")
            ),
        )
        for name in names
    ]
    found = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        shown = path.relative_to(tree).as_posix()
        if shown.startswith("data/") or (only and not shown.startswith(f"{only}/")):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if path.suffix == ".ipynb":
            text = without_maps(text)
        flat = _flat(text)
        found += [f"{shown}: reference code {n}" for n, p in code_patterns if p.search(text)]
        everything = path.suffix == ".ipynb"
        narrow = _answer_outputs(path) if everything else ""
        for exercise_id, answer in answers.items():
            for needle in distinctive_needles(answer):
                if _word(needle).search(text) or _word(_flat(needle)).search(flat):
                    found.append(f"{shown}: the answer of {exercise_id} ({needle[:40]})")
            if everything:
                for needle in every_needle(answer):
                    if _word(needle).search(narrow):
                        found.append(f"{shown}: the answer of {exercise_id} ({needle[:40]})")
    return list(dict.fromkeys(found))
