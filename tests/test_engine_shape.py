"""The exercise engine's shape: content depends on the engine, never the other way round; one
class per answer kind, each tested on its own; one reader of the course for the tools."""

import ast
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import utils.exercises as ex
from utils.countries import build_country_index
from utils.exercises.judging import KINDS
from utils.exercises.model import KIND_NAMES
from utils.exercises.reading import Problem

from notebook_meta import questions_only, read_definitions, without_solutions

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "utils" / "exercises"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, with relative imports made absolute."""
    package = "utils.exercises"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = (
                package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            )
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_the_engine_never_imports_the_course(path):
    imports = imported_modules(path)
    assert not [m for m in imports if m == "utils.course" or m.startswith("utils.course.")]


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_engine_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def test_every_kind_has_a_class():
    assert tuple(KINDS) == KIND_NAMES


# --------------------------------------------------------------------------- one test per kind

COUNTRIES = build_country_index(
    pd.DataFrame(
        {
            "iso3": ["RUS", "CHN"],
            "name": ["Russia", "China"],
            "aliases": ["Russian Federation", None],
        }
    )
)


def exercise(kind, reference, **options):
    return ex.Exercise("99.1", "a question", kind, lambda: reference, **options)


def verdict(item, answer, countries=None):
    """(status, message) of one kind's class, without the registry or the learner API."""
    kind = KINDS[item.kind]
    try:
        read = kind.read(item, answer, countries)
    except Problem as problem:
        return problem.status, problem.message
    expected = kind.expected(item, item.reference(), countries)
    return kind.verdict(item, read, expected, answer, countries)


KIND_CASES = [
    # kind, reference, options, answer, status, words in the message
    ("number", 7644, {"unit": "km"}, 7644.0, "correct", "7644 km"),
    ("number", 7644, {"mistakes": [ex.MILES_NOT_KM]}, 4750, "close", "miles"),
    ("number", 7644, {}, 7000, "close", "accepted margin"),
    ("number", 7644, {}, "7644", "wrong-type", "without quotes"),
    ("year", 1994, {}, 1994, "correct", "1994"),
    ("year", 1994, {}, 1993, "close", "Off by 1 year"),
    ("year", 1994, {}, 1994.5, "wrong-type", "whole number"),
    ("date", dt.date(2015, 11, 30), {}, "2015-11-30", "correct", "2015-11-30"),
    ("date", dt.date(2015, 11, 30), {}, "2015-11-03", "close", "not the right day"),
    ("date", dt.date(2015, 3, 11), {}, "2015-11-03", "close", "swapped"),
    ("date", dt.date(2015, 11, 30), {}, "30/11/2015", "wrong-type", "YYYY-MM-DD"),
    ("text", "Astana", {"aliases": ["Akmola"]}, " akmola ", "correct", "akmola"),
    ("text", "Astana", {}, "Astanna", "close", "spelling"),
    ("text", "RUS", {"country": True}, "Russian Federation", "correct", "Russian Federation"),
    ("text", "RUS", {"country": True}, "Rusia", "wrong", "did you mean 'Russia'"),
    ("choice", "goal", {"options": ["fact", "goal"]}, "Goal", "correct", "Goal"),
    ("choice", "goal", {"options": ["fact", "goal"]}, "maybe", "wrong-type", "choose one of"),
    ("set", ["CHN", "RUS"], {"items": "country"}, ["Russia", "China"], "correct", "all 2 items"),
    ("set", ["CHN", "RUS"], {"items": "country"}, ["Russia"], "close", "1 of 2 right"),
    ("sequence", [1991, 1992], {"items": "year"}, [1992, 1991], "close", "not in the right order"),
    ("sequence", [1991, 1992], {"items": "year"}, [1991, 1993], "wrong", "item 2 is not"),
    ("frame", pd.DataFrame({"a": [1, 2]}), {}, pd.DataFrame({"a": [1.0, 2.0]}), "correct", "match"),
    ("frame", pd.DataFrame({"a": [1, 2]}), {}, pd.DataFrame({"a": [2, 1]}), "close", "order"),
    ("series", pd.Series([1, 2]), {}, pd.Series([1, 2]), "correct", "match"),
    ("series", pd.Series([1, 2]), {}, pd.DataFrame({"a": [1, 2]}), "wrong-type", "single brackets"),
]


@pytest.mark.parametrize(
    "kind, reference, options, answer, status, words",
    KIND_CASES,
    ids=[f"{c[0]}-{c[4]}-{i}" for i, c in enumerate(KIND_CASES)],
)
def test_each_kind_on_its_own(kind, reference, options, answer, status, words):
    got_status, message = verdict(exercise(kind, reference, **options), answer, COUNTRIES)
    assert (got_status, words in message) == (status, True), message


# --------------------------------------------------------------------------- the tools' reader


def test_the_tools_read_every_definition_the_engine_registers():
    ex.use_course("utils.course")
    definitions = read_definitions(ROOT)
    registered = {e.id: e for e in ex.exercises() if e.notebook != "99"}
    assert set(definitions) == set(registered)
    for exercise_id, definition in definitions.items():
        exercise = registered[exercise_id]
        assert definition.question == exercise.question and definition.kind == exercise.kind
        assert definition.hints == exercise.hints
        assert definition.mistakes == [m.say for m in exercise.mistakes], exercise_id
        assert definition.solution == {"code": exercise.solution.code, "why": exercise.solution.why}


def test_the_practice_edition_keeps_everything_but_the_solutions():
    for path in sorted((ROOT / "utils" / "course").glob("nb[0-9][0-9].py")):
        source = path.read_text(encoding="utf-8")
        stripped = without_solutions(source)
        tree = ast.parse(stripped)
        assert "Solution(" not in stripped.replace("import Exercise, Mistake, Solution", "")
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "Exercise"
        ]
        assert calls and all(
            any(k.arg == "solution" and isinstance(k.value, ast.Constant) for k in c.keywords)
            for c in calls
        ), path.name
        assert len(stripped) < len(source)


def test_the_assessment_edition_keeps_only_the_questions():
    """questions_only() keeps id, question, kind, reading options and (optionally) hints of
    every exercise, and no reference, solution, mistake, alias or helper code."""
    ex.use_course("utils.course")
    registered = {e.id: e for e in ex.exercises()}
    for path in sorted((ROOT / "utils" / "course").glob("nb[0-9][0-9].py")):
        for keep_hints in (True, False):
            text = questions_only(path.read_text(encoding="utf-8"), path.stem[2:], keep_hints)
            tree = ast.parse(text)
            assert not [n for n in tree.body if isinstance(n, ast.FunctionDef)], path.name
            for word in ("reference=", "Solution(", "Mistake(", "aliases=", "mistakes="):
                assert word not in text, (path.name, word)
            namespace = {}
            exec(compile(tree, path.name, "exec"), namespace)
            for exercise in namespace["EXERCISES"]:
                source = registered[exercise.id]
                assert (exercise.question, exercise.kind) == (source.question, source.kind)
                assert exercise.hints == (source.hints if keep_hints else [])
                assert exercise.reference is None and exercise.solution is None
                assert (exercise.options, exercise.items) == (source.options, source.items)


def test_question_parts_of_every_exercise_are_literals():
    """The assessment edition copies each exercise's question, kind, options and hints as written,
    so they must be literal values in utils/course (a computed value would break that build)."""
    import ast

    from notebook_meta import QUESTION_ONLY

    course = Path(__file__).resolve().parent.parent / "utils" / "course"
    for path in sorted(course.glob("nb*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Exercise":
                for keyword in call.keywords:
                    if keyword.arg in QUESTION_ONLY:
                        ast.literal_eval(keyword.value)  # raises, naming the line, if not literal
