"""What the developer tools read from the project, read in one place.

- the notebooks of the sequence, their ``metadata.kzw`` and the exercise ids their answer
  cells check;
- the exercise definitions in ``utils/course/nbNN.py``, read as text with ``ast`` (never
  imported, so a tool can read another copy of the project): each exercise's question, kind,
  hints and worked solution;
- the worked solutions removed from a course module (for the practice edition), a course
  module cut down to its questions (for the assessment edition), and a search for any
  solution text left in a folder.

Used by build_editions.py, build_site.py and teaching_guide.py.
"""

from __future__ import annotations

import ast
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
COURSE = Path("utils") / "course"
CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")
ANSWER_LINE = re.compile(r"^\s*answer_\d\d_\d+\s*=")


class DefinitionError(Exception):
    """A course module the tools cannot read; the message names the file and the exercise."""


# --------------------------------------------------------------------------- notebooks


def sequence_notebooks(folder: Path) -> list[Path]:
    """The notebooks NN-*.ipynb of a folder, in order."""
    return sorted(folder.glob(NOTEBOOK_PATTERN))


def read_notebook(path: Path) -> dict:
    """A notebook as plain JSON data."""
    return json.loads(path.read_text(encoding="utf-8"))


def kzw_metadata(nb: dict) -> dict:
    """The collection's own metadata of a notebook (``metadata.kzw``), {} when missing."""
    meta = nb.get("metadata", {}).get("kzw", {})
    return meta if isinstance(meta, dict) else {}


def cell_source(cell: dict) -> str:
    """A cell's source as one string (stored notebooks may hold a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def is_answer_cell(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and "answer" in cell.get("metadata", {}).get("tags", [])


def checked_ids(nb: dict) -> list[str]:
    """The exercise ids the notebook's answer cells check, in order."""
    ids = []
    for cell in nb.get("cells", []):
        if is_answer_cell(cell):
            ids += CHECK_CALL.findall(cell_source(cell))
    return ids


# --------------------------------------------------------------------------- exercise definitions


@dataclass
class Definition:
    """What the tools need of one exercise, read from its course module without running it."""

    id: str
    path: Path
    question: str = ""
    kind: str = ""
    hints: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)  # what each common mistake says
    solution: dict[str, str] | None = None  # {"code": ..., "why": ...}

    @property
    def notebook(self) -> str:
        return self.id.split(".")[0]


def course_modules(root: Path) -> list[Path]:
    """The course modules utils/course/nbNN.py of a project."""
    return sorted((root / COURSE).glob("nb[0-9][0-9].py"))


def _exercise_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Exercise"
    ]


def _argument(call: ast.Call, name: str, position: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _text(node: ast.expr | None) -> str:
    try:
        value = ast.literal_eval(node) if node is not None else ""
    except ValueError:
        return ""
    return value if isinstance(value, str) else ""


def _solution(node: ast.expr | None, where: str) -> dict[str, str] | None:
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return None
    if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Solution"):
        raise DefinitionError(f"{where}: write the solution as Solution(code=..., why=...)")
    parts = {}
    for keyword in node.keywords:
        try:
            parts[keyword.arg] = ast.literal_eval(keyword.value)
        except ValueError:
            raise DefinitionError(
                f"{where}: the solution's {keyword.arg} must be plain text"
            ) from None
    if set(parts) != {"code", "why"} or not all(isinstance(v, str) for v in parts.values()):
        raise DefinitionError(f"{where}: a solution has exactly code=... and why=..., as text")
    return parts


def _mistakes(node: ast.expr | None, constants: dict[str, str]) -> list[str]:
    """What each common mistake says: Mistake(say=...), or a named one such as MILES_NOT_KM."""
    said = []
    for item in node.elts if isinstance(node, ast.List) else []:
        if isinstance(item, ast.Name) and item.id in constants:
            said.append(constants[item.id])
        elif isinstance(item, ast.Call):
            say = _argument(item, "say", 0 if getattr(item.func, "id", "") == "Mistake" else 1)
            said.append(_text(say))
    return [s for s in said if s]


def _named_mistakes(root: Path) -> dict[str, str]:
    """The common mistakes the engine names (MILES_NOT_KM, ...), from utils/exercises/model.py."""
    path = root / "utils" / "exercises" / "model.py"
    if not path.is_file():
        return {}
    named = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            say = _text(_argument(node.value, "say", 1))
            named.update({t.id: say for t in node.targets if isinstance(t, ast.Name) and say})
    return named


def read_definitions(root: Path) -> dict[str, Definition]:
    """Every exercise defined in a project's course modules, by id."""
    constants = _named_mistakes(root)
    found: dict[str, Definition] = {}
    for path in course_modules(root):
        shown = path.relative_to(root).as_posix()
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError as err:
            raise DefinitionError(
                f"{shown} cannot be read: {err.msg} (line {err.lineno})"
            ) from None
        for call in _exercise_calls(tree):
            exercise_id = _text(_argument(call, "id", 0))
            where = f"{shown}, exercise {exercise_id or '?'}"
            hints = _argument(call, "hints", 4)
            hints = [_text(h) for h in hints.elts] if isinstance(hints, ast.List) else []
            found[exercise_id] = Definition(
                id=exercise_id,
                path=path,
                question=_text(_argument(call, "question", 1)),
                kind=_text(_argument(call, "kind", 2)),
                hints=hints,
                mistakes=_mistakes(_argument(call, "mistakes", 5), constants),
                solution=_solution(_argument(call, "solution", 6), where),
            )
    return found


def read_solutions(root: Path) -> dict[str, dict[str, str]]:
    """The worked solutions of a project, {id: {"code", "why"}}."""
    return {i: d.solution for i, d in read_definitions(root).items() if d.solution is not None}


def without_solutions(source: str) -> str:
    """A course module's text with every ``solution=Solution(...)`` replaced by
    ``solution=None`` (the rest of the file, comments and layout included, unchanged)."""
    data = source.encode("utf-8")
    starts = [0]
    for line in data.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    for call in _exercise_calls(ast.parse(source)):
        for keyword in call.keywords:
            if keyword.arg == "solution":
                value = keyword.value
                begin = starts[value.lineno - 1] + value.col_offset
                end = starts[value.end_lineno - 1] + value.end_col_offset
                spans.append((begin, end))
    for begin, end in sorted(spans, reverse=True):
        data = data[:begin] + b"None" + data[end:]
    return data.decode("utf-8")


QUESTION_ONLY = (
    "id",
    "question",
    "kind",
    "hints",
    "unit",
    "items",
    "country",
    "options",
    "columns",
    "index",
    "ordered",
)  # what the assessment edition keeps
POSITIONS = {"id": 0, "question": 1, "kind": 2, "hints": 4}


def questions_only(source: str, notebook: str, keep_hints: bool = True) -> str:
    """A course module rebuilt with only what an exercise asks: id, question, answer kind, the
    options that say how an answer is read and (when ``keep_hints``) the hints; no reference,
    solution, mistakes or aliases, and none of the module's other code."""
    tree = ast.parse(source)
    lines = [
        f'"""The exercises of notebook {notebook}, assessment edition: the questions only; '
        'check() records answers."""',
        "",
        "from utils.exercises import Exercise",
        "",
        "EXERCISES = [",
    ]
    for call in _exercise_calls(tree):
        parts = []
        for name in QUESTION_ONLY:
            if name == "hints" and not keep_hints:
                continue
            node = _argument(call, name, POSITIONS.get(name, 99))
            if node is not None:
                parts.append(f"{name}={ast.literal_eval(node)!r}")
        lines.append(f"    Exercise({', '.join(parts)}),")
    return "\n".join([*lines, "]", ""])


def solution_needles(solutions: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """(id, "code" or "why", text) for each piece of solution text a leak search looks for:
    the whole code, each line that assigns an answer, and the start of the reasoning."""
    needles = []
    for exercise_id, entry in solutions.items():
        code = entry.get("code", "").strip()
        if code:
            needles.append((exercise_id, "code", code))
            needles += [
                (exercise_id, "code", line.strip())
                for line in code.splitlines()
                if ANSWER_LINE.match(line)
            ]
        why = " ".join(entry.get("why", "").split())
        if why:
            needles.append((exercise_id, "why", why[:80]))
    return needles


def leaked_solutions(tree: Path, solutions: dict[str, dict[str, str]]) -> list[str]:
    """Places in the files under ``tree`` where a solution's code or reasoning appears (also
    as it looks inside a notebook's JSON)."""
    needles = solution_needles(solutions)
    found = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        flat = " ".join(text.replace("\\n", "\n").replace('\\"', '"').split())
        for exercise_id, part, needle in needles:
            if needle in text or " ".join(needle.split()) in flat:
                found.append(f"{path.relative_to(tree)}: {part} of {exercise_id}")
    return found


# --------------------------------------------------------------------------- environments


def venv_python(venv: Path) -> Path:
    """The Python interpreter of a virtual environment, on any operating system."""
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
