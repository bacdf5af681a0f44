"""The exercise engine: feedback for every kind of answer, hints, solutions, progress.

The engine is tested with exercises defined here, in the "99" namespace that no notebook uses,
so these tests do not depend on today's data. The last tests check the real course
(utils/course): every exercise complete, with a worked solution that assigns its variable.
"""

import datetime as dt
import json
import re

import numpy as np
import pandas as pd
import pytest

import utils.countries
import utils.course
import utils.exercises as ex
from utils.exercises import Exercise, Mistake, Solution, check, hint, progress, solution

COUNTRIES = pd.DataFrame(
    {
        "iso3": ["KAZ", "RUS", "CHN", "TUR", "CIV"],
        "name": ["Kazakhstan", "Russia", "China", "Turkey", "Côte d'Ivoire"],
        "aliases": [
            "Republic of Kazakhstan",
            "Russian Federation",
            "People's Republic of China",
            "Turkiye;Türkiye;Republic of Turkiye",
            None,
        ],
    }
)


def fake_data_problem():
    from utils.data import DataError

    raise DataError(
        "data/borders.csv, line 4, column 'length_km': value 'x': the value is "
        "not of the column's type [type-error]"
    )


TEST_EXERCISES = [
    Exercise(
        "99.1",
        "A length in km",
        "number",
        lambda: 7644,
        unit="km",
        hints=["first hint", "second hint"],
        mistakes=[ex.MILES_NOT_KM],
    ),
    Exercise(
        "99.2",
        "A share in percent",
        "number",
        lambda: 12.5,
        rel_tol=0.01,
        mistakes=[
            ex.FRACTION_NOT_PERCENT,
            Mistake(say="That total includes Kazakhstan itself.", wrong=lambda ref: ref + 30),
        ],
    ),
    Exercise("99.3", "A year", "year", lambda: 1994),
    Exercise("99.4", "A date", "date", lambda: pd.Timestamp("2015-11-30")),
    Exercise("99.5", "A capital", "text", lambda: "Astana", aliases=["Akmola"]),
    Exercise("99.6", "A neighbour", "text", lambda: "RUS", country=True),
    Exercise(
        "99.7",
        "Fact or goal?",
        "choice",
        lambda: "goal",
        options=["fact", "goal", "self-description"],
    ),
    Exercise("99.8", "Some neighbours", "set", lambda: pd.Series(["CHN", "RUS"]), items="country"),
    Exercise("99.9", "Years in order", "sequence", lambda: [1992, 1993, 1994], items="year"),
    Exercise(
        "99.10",
        "A table",
        "frame",
        lambda: pd.DataFrame({"iso3": ["RUS", "CHN"], "km": [7644.0, 1765.0], "note": ["a", "b"]}),
        columns=["iso3", "km"],
        ordered=False,
    ),
    Exercise(
        "99.11",
        "A series",
        "series",
        lambda: pd.Series([1, 2, 3], index=["a", "b", "c"]),
        index=True,
    ),
    Exercise("99.12", "Broken data", "number", fake_data_problem),
    Exercise("99.13", "Reference of the wrong shape", "number", lambda: pd.DataFrame()),
    Exercise("99.15", "A country missing from the data", "text", lambda: "Atlantis", country=True),
    Exercise(
        "99.14",
        "An ordered table",
        "frame",
        lambda: pd.DataFrame({"year": [1991, 1992], "event": ["x", "y"]}),
    ),
]


@pytest.fixture(autouse=True)
def registered_test_exercises(monkeypatch):
    ex.use_course("utils.course")
    ex.exercises()
    ex.register(*TEST_EXERCISES, replace=True)
    index = utils.countries.build_country_index(COUNTRIES)
    monkeypatch.setattr(utils.countries, "country_index", lambda: index)
    ex.reset_session()
    yield
    ex.unregister(*(e.id for e in TEST_EXERCISES))
    ex.reset_session()


def status(exercise_id, answer):
    result = check(exercise_id, answer)
    text = repr(result)
    assert "\n" not in text and "Traceback" not in text
    assert result._repr_html_().startswith("<div")
    return result.status


CASES = [
    # id, answer, expected status
    ("99.1", 7644, "correct"),
    ("99.1", 7644.0, "correct"),
    ("99.1", np.int64(7644), "correct"),
    ("99.1", np.float32(7644), "correct"),
    ("99.1", np.array(7644), "correct"),
    ("99.1", 4750, "close"),  # miles
    ("99.1", 7000, "close"),  # within 10 %
    ("99.1", 100, "wrong"),
    ("99.1", -7644, "wrong"),
    ("99.1", float("inf"), "wrong"),
    ("99.1", 10**5000, "wrong"),
    ("99.1", "7644", "wrong-type"),
    ("99.1", "7644 km", "wrong-type"),
    ("99.1", True, "wrong-type"),
    ("99.1", float("nan"), "wrong-type"),
    ("99.1", pd.NA, "wrong-type"),
    ("99.1", pd.Series([7644]), "wrong-type"),
    ("99.1", [7644], "wrong-type"),
    ("99.1", pd.DataFrame({"a": [1]}), "wrong-type"),
    ("99.1", ..., "unanswered"),
    ("99.1", None, "unanswered"),
    ("99.2", 12.5, "correct"),
    ("99.2", 12.45, "correct"),
    ("99.2", 0.125, "close"),
    ("99.2", 42.5, "close"),
    ("99.2", 50, "wrong"),
    ("99.3", 1994, "correct"),
    ("99.3", 1994.0, "correct"),
    ("99.3", 1993, "close"),
    ("99.3", 1980, "wrong"),
    ("99.3", "1994", "wrong-type"),
    ("99.3", 1994.5, "wrong-type"),
    ("99.3", dt.date(1994, 2, 14), "wrong-type"),
    ("99.4", "2015-11-30", "correct"),
    ("99.4", dt.date(2015, 11, 30), "correct"),
    ("99.4", dt.datetime(2015, 11, 30, 12), "correct"),
    ("99.4", pd.Timestamp("2015-11-30"), "correct"),
    ("99.4", np.datetime64("2015-11-30"), "correct"),
    ("99.4", "2015-07-27", "close"),
    ("99.4", "2015-11-03", "close"),
    ("99.4", "2014-11-30", "wrong"),
    ("99.4", "30/11/2015", "wrong-type"),
    ("99.4", "2015-02-30", "wrong-type"),
    ("99.4", 2015, "wrong-type"),
    ("99.4", pd.NaT, "wrong-type"),
    ("99.5", "Astana", "correct"),
    ("99.5", "  ASTANA ", "correct"),
    ("99.5", "Akmola", "correct"),
    ("99.5", "Astanna", "close"),
    ("99.5", "Almaty", "wrong"),
    ("99.5", 5, "wrong-type"),
    ("99.5", ["Astana"], "wrong-type"),
    ("99.5", "x" * 100_000, "wrong-type"),
    ("99.6", "Russia", "correct"),
    ("99.6", "Russian Federation", "correct"),
    ("99.6", "rus", "correct"),
    ("99.6", "russia.", "correct"),
    ("99.6", "China", "wrong"),
    ("99.6", "Rusia", "wrong"),
    ("99.7", "goal", "correct"),
    ("99.7", "Goal", "correct"),
    ("99.7", "fact", "wrong"),
    ("99.7", "maybe", "wrong-type"),
    ("99.8", ["Russia", "China"], "correct"),
    ("99.8", ("CHN", "Russian Federation"), "correct"),
    ("99.8", {"china", "russia"}, "correct"),
    ("99.8", pd.Series(["RUS", "CHN"]), "correct"),
    ("99.8", np.array(["RUS", "CHN"]), "correct"),
    ("99.8", pd.Index(["RUS", "CHN"]), "correct"),
    ("99.8", ["Russia"], "close"),
    ("99.8", ["Russia", "China", "Turkey"], "close"),
    ("99.8", ["Turkey"], "wrong"),
    ("99.8", "Russia", "wrong-type"),
    ("99.8", (c for c in ["RUS"]), "wrong-type"),
    ("99.8", [1, 2], "wrong-type"),
    ("99.8", {"RUS": 1}, "wrong-type"),
    ("99.8", ["Russia", ...], "unanswered"),
    ("99.9", [1992, 1993, 1994], "correct"),
    ("99.9", (1992, 1993, 1994), "correct"),
    ("99.9", [1993, 1992, 1994], "close"),
    ("99.9", [1992, 1993], "wrong"),
    ("99.9", [1992, 1993, 1995], "wrong"),
    ("99.10", pd.DataFrame({"km": [1765, 7644], "iso3": ["CHN", "RUS"]}), "correct"),
    (
        "99.10",
        pd.DataFrame(
            {
                "iso3": pd.Series(["RUS", "CHN"], dtype="string"),
                "km": pd.Series([7644, 1765], dtype="Int64"),
                "extra": [1, 2],
            }
        ),
        "correct",
    ),
    ("99.10", pd.DataFrame({"iso3": ["RUS"], "km": [7644.0]}), "wrong"),
    ("99.10", pd.DataFrame({"iso3": ["RUS", "CHN"]}), "wrong"),
    ("99.10", pd.DataFrame({"iso3": ["RUS", "CHN"], "km": [7644.0, 1.0]}), "wrong"),
    ("99.10", pd.Series([1, 2]), "wrong-type"),
    ("99.10", [1, 2], "wrong-type"),
    ("99.11", pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"]), "correct"),
    ("99.11", pd.Series([1, 2, 3]), "wrong"),
    ("99.11", pd.DataFrame({"v": [1, 2, 3]}), "wrong-type"),
    ("99.14", pd.DataFrame({"year": [1992, 1991], "event": ["y", "x"]}), "close"),
    ("99.14", pd.DataFrame({"year": [1991, 1992], "event": ["x", "y"]}), "correct"),
    ("99.12", 5, "data-problem"),
    ("99.13", 5, "data-problem"),
    ("99.15", "Russia", "data-problem"),
]


@pytest.mark.parametrize(
    "exercise_id, answer, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_feedback(exercise_id, answer, expected):
    assert status(exercise_id, answer) == expected


def test_result_is_truthy_only_when_correct():
    assert check("99.1", 7644)
    assert not check("99.1", 1)
    assert not check("99.1", ...)


def test_targeted_messages():
    assert "miles" in check("99.1", 4750).message
    assert "percentage" in check("99.2", 0.125).message
    assert "includes Kazakhstan" in check("99.2", 42.5).message
    assert "did you mean 'Russia'" in check("99.6", "Rusia").message
    assert "1 of 2 right" in check("99.8", ["Russia"]).message
    assert "answer_99_1" in check("99.1", ...).message
    assert "quotes" in check("99.1", "7644").message
    assert "data/borders.csv, line 4" in check("99.12", 5).message
    assert "list(...)" in check("99.8", iter(["RUS"])).message


def test_unknown_ids_name_the_nearest():
    result = check("99.16", 1)
    assert result.status == "unknown-id" and "99.1" in result.message
    assert check(" 99.1 ", 7644)  # spaces around the id do no harm
    assert check("98.1", 1).status == "unknown-id"
    result = check(991, 1)
    assert result.status == "unknown-id" and "quotes" in result.message
    assert "99." in repr(hint("99.99")) and "99." in repr(solution("99.99"))


def test_output_is_escaped_and_deterministic():
    first = check("99.1", "<script>alert(1)</script>")._repr_html_()
    assert "<script>" not in first and "&lt;script&gt;" in first
    assert first == check("99.1", "<script>alert(1)</script>")._repr_html_()
    assert not re.search(r"0x[0-9a-f]{6,}", repr(check("99.1", object())))


def test_hints_come_one_at_a_time():
    assert "first hint" in repr(hint("99.1"))
    assert "second hint" in repr(hint("99.1"))
    last = repr(hint("99.1"))
    assert "No more hints" in last and "\n" not in last
    assert "first hint" in repr(hint("99.1", 1))
    assert "hints 1 to 2" in repr(hint("99.1", 5))
    assert "no hints" in repr(hint("99.3"))


@pytest.mark.parametrize("edition", ["practice", "assessment"])
def test_no_solution_in_the_practice_and_assessment_editions(monkeypatch, edition):
    monkeypatch.setattr(utils.course, "EDITION", edition)
    assert repr(solution("00.1")) == ex.NO_SOLUTIONS[edition]
    assert f"{edition} edition" in repr(solution("00.1"))


ANSWERS_TO_RECORD = [
    (12, 12),
    (np.float64(5.5), 5.5),
    ("China", "China"),
    ({"RUS", "CHN"}, ["CHN", "RUS"]),
    (("a", 1), ["a", 1]),
    (dt.date(1991, 12, 16), "1991-12-16"),
    (float("nan"), "nan"),
    (
        pd.Series([1, 2], index=["x", "y"], name="n"),
        {"name": "n", "index": ["x", "y"], "data": [1, 2]},
    ),
    (pd.DataFrame({"a": [1]}), {"columns": ["a"], "index": [0], "data": [[1]]}),
]


@pytest.mark.parametrize("answer, recorded", ANSWERS_TO_RECORD)
def test_assessment_check_records_without_a_verdict(monkeypatch, answer, recorded):
    monkeypatch.setattr(utils.course, "EDITION", "assessment")
    result = check("99.1", answer)
    assert result.status == "recorded" and not result
    bundle = result._repr_mimebundle_()
    record = bundle[ex.MIME_TYPE]
    assert json.loads(json.dumps(record)) == record  # plain JSON
    assert record == {
        "format": 1,
        "exercise": "99.1",
        "variable": "answer_99_1",
        "answered": True,
        "type": record["type"],
        "value": recorded,
    }
    for shown in (bundle["text/plain"], bundle["text/html"]):
        assert "Recorded" in shown
        for verdict in ("Correct", "Not yet", "Close", "✔", "✘"):
            assert verdict not in shown
    assert 'data-kzw-status="recorded"' in bundle["text/html"]
    assert "1 of 15 exercises done" in repr(progress("99"))
    assert "answered" in repr(progress("99"))


def test_assessment_check_of_a_placeholder_and_odd_values(monkeypatch):
    monkeypatch.setattr(utils.course, "EDITION", "assessment")
    record = check("99.1", ...)._repr_mimebundle_()[ex.MIME_TYPE]
    assert record["answered"] is False and record["value"] is None
    nested = []
    nested.append(nested)
    for odd in (nested, object(), {1: {2: {3: {4: {5: {6: 7}}}}}}, 10**100):
        record = check("99.1", odd)._repr_mimebundle_()[ex.MIME_TYPE]
        json.dumps(record)


def test_solution_shows_code_and_reasoning():
    note = solution("00.1")
    assert "answer_00_1 =" in note.code and note.text
    assert "No worked solution" in repr(solution("99.1"))


def test_progress():
    assert "Say which notebook" in repr(progress())
    check("99.1", 7644)
    check("99.3", 1)
    hint("99.1")
    text = repr(progress())  # the last notebook used: 99
    assert "2 of 15" not in text and "1 of 15 exercises done" in text
    assert "tried" in text and "not tried" in text
    assert "1 of 15" in repr(progress("99")) and "1 of 15" in repr(progress(99))
    assert "no registered exercises" in repr(progress("98"))
    assert "in quotes" in repr(progress(["01"]))
    assert ex.session_report()["99.1"] == "correct"


def test_progress_follows_the_open_notebook(monkeypatch):
    class Shell:
        user_ns = {"__session__": "/home/learner/kzw/notebooks/99-fixture.ipynb"}

    monkeypatch.setattr("IPython.get_ipython", lambda: Shell())
    assert "Notebook 99:" in repr(progress())


def test_a_definition_must_be_well_formed():
    with pytest.raises(ValueError):
        Exercise("1.1", "bad id", "number", lambda: 1)
    with pytest.raises(ValueError):
        Exercise("99.1", "bad kind", "integer", lambda: 1)
    with pytest.raises(ValueError):
        Exercise("99.1", "choice without options", "choice", lambda: "a")
    with pytest.raises(ValueError):
        ex.register(Exercise("99.1", "twice", "number", lambda: 1))


def test_broken_course_module_is_one_line(monkeypatch):
    monkeypatch.setitem(
        ex.SESSION.load_problems,
        "97",
        "utils/course/nb97.py could not be loaded (SyntaxError: invalid syntax).",
    )
    result = check("97.1", 1)
    assert result.status == "unknown-id" and "nb97.py" in result.message


# --------------------------------------------------------------------------- the real course


def test_every_registered_exercise_is_complete():
    assert not ex.load_problems(), ex.load_problems()
    real = [e for e in ex.exercises() if not e.notebook == "99"]
    assert any(e.id == "00.1" for e in real)
    for exercise in real:
        assert exercise.question and "\n" not in exercise.question, exercise.id
        assert 1 <= len(exercise.hints) <= 5, f"{exercise.id}: give 1 to 5 hints"
        entry = exercise.solution
        assert isinstance(entry, Solution), f"{exercise.id}: no worked solution"
        compile(entry.code, exercise.id, "exec")
        assert re.search(rf"^{exercise.variable}\s*=", entry.code, flags=re.M), (
            f"{exercise.id}: the solution code must assign {exercise.variable}"
        )
        assert entry.why.strip(), exercise.id
