"""Every notebook follows the skeleton in DESIGN.md, in text and in machine-readable metadata."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REQUIRED_SECTIONS = ["Overview", "Prerequisites", "Imports", "Summary", "What's next", "Sources"]


def headings(nb):
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        in_code = False
        for line in "".join(cell["source"]).splitlines():
            if line.startswith("```"):
                in_code = not in_code
            match = re.match(r"^(#{1,6})\s+(.*)", line)
            if match and not in_code:
                yield len(match[1]), match[2].strip()


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"
    assert NOTEBOOKS[0].name == "00-start-here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_file_name(path):
    assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_skeleton(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = list(headings(nb))
    h1 = [text for level, text in found if level == 1]
    assert len(h1) == 1, f"{path.name}: needs exactly one H1 title, found {h1}"
    assert found[0][0] == 1, f"{path.name}: the first heading must be the H1 title"
    h2 = [text for level, text in found if level == 2]
    missing = [s for s in REQUIRED_SECTIONS if not any(t.startswith(s) for t in h2)]
    assert not missing, f"{path.name}: missing sections {missing}"
    order = [next(i for i, t in enumerate(h2) if t.startswith(s)) for s in REQUIRED_SECTIONS]
    assert order == sorted(order), f"{path.name}: sections out of order: {h2}"
    levels = [level for level, _ in found]
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{path.name}: heading levels skip ({levels})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_metadata(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    meta = nb["metadata"].get("kzw")
    assert meta, f"{path.name}: metadata.kzw is missing"
    assert isinstance(meta.get("title"), str) and meta["title"], "title missing"
    assert isinstance(meta.get("minutes"), int) and 10 <= meta["minutes"] <= 60
    assert meta.get("objectives") and all(isinstance(o, str) for o in meta["objectives"])
    assert isinstance(meta.get("prerequisites"), list)
    text = json.dumps(nb["cells"])
    assert f"{meta['minutes']} minutes" in text, f"{path.name}: time to learn not stated in text"
    overview = next(c for c in nb["cells"] if "## Overview" in "".join(c["source"]))
    numbered = re.findall(r"^\d+\. ", "".join(overview["source"]), flags=re.M)
    assert len(numbered) == len(meta["objectives"]), (
        f"{path.name}: Overview lists {len(numbered)} numbered objectives, metadata has "
        f"{len(meta['objectives'])}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_imports_in_one_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    with_imports = [
        c for c in code if re.search(r"^\s*(import|from)\s+\S+", "".join(c["source"]), flags=re.M)
    ]
    assert len(with_imports) == 1, f"{path.name}: imports must be in one cell"
    for cell in code:
        assert "sys.path" not in "".join(cell["source"]), f"{path.name}: no sys.path lines"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_executed_and_small(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and "".join(cell["source"]).strip():
            assert cell["execution_count"] is not None, f"{path.name}: unexecuted cell"
            assert all(o["output_type"] != "error" for o in cell["outputs"]), path.name
            assert "execution" not in cell["metadata"], f"{path.name}: timing metadata"
    assert path.stat().st_size < 1.5 * 1024 * 1024, f"{path.name} is over 1.5 MB"
    assert not re.search(r"/(work|tmp|root|home)/", path.read_text()), "absolute path inside"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_language_info_as_the_kernel_reports_it(path):
    """JupyterLab writes the kernel's language_info into an opened notebook; when the stored one
    is the same, opening and closing an untouched notebook changes nothing (no save prompt)."""
    from ipykernel.ipkernel import IPythonKernel

    stored = json.loads(path.read_text(encoding="utf-8"))["metadata"]["language_info"]
    reported = dict(IPythonKernel.language_info)
    assert set(stored) == set(reported), f"{path.name}: language_info keys differ from the kernel's"
    for key, value in reported.items():
        if key != "version":  # the executing Python's; see tools/execute_notebooks.py
            assert stored[key] == value, f"{path.name}: language_info[{key!r}]"
    assert re.fullmatch(r"3\.\d+\.\d+", stored["version"]), stored["version"]
