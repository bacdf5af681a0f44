"""The reference answers of a project, and a search for them in an edition.

- :func:`reference_answers` computes every exercise's reference answer with the project's
  own (the teacher's) ``utils`` and ``data/``, in a separate Python process, so a tool can
  read another copy of the project;
- :func:`reference_names` lists the functions the course modules define (the reference code);
- :func:`leaked_references` searches a built edition for both.

What the search looks for, and where (``data/`` is left out: it is the input every answer is
computed from, and the assessment edition needs it to run):

- in every text file: each reference function named in a definition or a call
  (``area_rank(``) or as ``reference=area_rank``; each answer that is distinctive as text:
  a number of 100 or more, or with decimals (as Python prints it, and rounded to 1 and 2
  decimals), a list or set of answers (as its sorted list), a table or Series (as printed);
- in the outputs of answer cells, and in the course modules: every answer, however short
  (5, "KGZ", 1992-03-02), as a whole word.
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


def reference_names(root: Path) -> list[str]:
    """The functions defined at the top of the course modules (nbNN.py)."""
    names = set()
    for path in course_modules(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    return sorted(names)


def _word(text: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(text)}(?![\w]|\.\d)")


def _flat(text: str) -> str:
    return " ".join(text.replace("\\n", "\n").replace('\\"', '"').split())


def distinctive_needles(answer: dict) -> list[str]:
    """Renderings of one answer that would not appear in an edition by chance."""
    value, needles = answer["value"], []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
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
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return json.dumps([c.get("outputs", []) for c in cells if is_answer_cell(c)])


def leaked_references(tree: Path, answers: dict[str, dict], names: list[str]) -> list[str]:
    """Places in an edition where a reference answer or reference function shows."""
    code_patterns = [
        (name, re.compile(rf"(\bdef\s+{name}\b|(?<![\w.]){name}\s*\(|reference\s*=\s*{name}\b)"))
        for name in names
    ]
    found = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        shown = path.relative_to(tree).as_posix()
        if shown.startswith("data/"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        flat = _flat(text)
        found += [f"{shown}: reference code {n}" for n, p in code_patterns if p.search(text)]
        everything = path.suffix == ".ipynb" or (tree / COURSE) in path.parents
        narrow = _answer_outputs(path) if path.suffix == ".ipynb" else text
        for exercise_id, answer in answers.items():
            for needle in distinctive_needles(answer):
                if _word(needle).search(text) or needle in flat:
                    found.append(f"{shown}: the answer of {exercise_id} ({needle[:40]})")
            if everything:
                for needle in every_needle(answer):
                    if _word(needle).search(narrow):
                        found.append(f"{shown}: the answer of {exercise_id} ({needle[:40]})")
    return list(dict.fromkeys(found))
