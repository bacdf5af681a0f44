"""A real JupyterHub, end to end: the hub guide's nbgitpuller link, two students, one update.

Two students log in to a JupyterHub on 127.0.0.1 (dummy authenticator, local process spawner,
configurable-http-proxy), follow the nbgitpuller link exactly as docs/teaching-on-a-hub.md
writes it (pointing at a local git repository of the collection), run notebook 00 in a kernel
of their single-user server and save it with an answer of their own. The teacher then commits
a change to another cell of the same notebook and to data/README.md. The students follow the
link again: the update arrives and every student edit survives. Then everything stops, by
process id, and no process or port is left behind.

Needs requirements-hub.txt in the running Python and configurable-http-proxy in node_modules
(package.json); without them the test skips, and fails under CI=true.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "teaching-on-a-hub.md"
GUIDE_HUB = "https://hub.example.org"
GUIDE_REPO = "https://github.com/OWNER/REPO"
NOTEBOOK = "notebooks/00-start-here.ipynb"
ANSWER_CELL = "nb00-014"  # tagged "answer": answer_00_1 = ...
TEACHER_CELL = "nb00-021"  # "For discussion", far from the answer cell
TEACHER_AFTER = (
    "- What would make you trust, or distrust, a number you find on a government website?\n"
)
TEACHER_LINE = "- Which figure in this notebook would you check first, and where?\n"
STUDENTS = ["aigerim", "daniyar"]


def missing_hub_tools() -> str | None:
    """What the hub test lacks on this machine, in one line (None when nothing)."""
    from hub_server import PROXY

    missing = [name for name in ("jupyterhub", "nbgitpuller") if not importlib.util.find_spec(name)]
    if not PROXY.exists():
        missing.append("configurable-http-proxy (npm ci)")
    if not shutil.which("git") or not shutil.which("node"):
        missing.append("git and node")
    if missing:
        return (f"hub test needs {', '.join(missing)}: pip install -r requirements-hub.txt "
                f"into {sys.prefix}, and npm ci")  # fmt: skip
    return None


@pytest.fixture(scope="module")
def hub_tools():
    """Skip (or fail under CI=true) when JupyterHub, nbgitpuller or the proxy is missing."""
    reason = missing_hub_tools()
    if reason and os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    elif reason:
        pytest.skip(reason)


def guide_links() -> list[str]:
    """The nbgitpuller links of the hub guide: the multi-line form joined, then the one-liner."""
    blocks = re.findall(r"```text\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    links = ["".join(line.strip() for line in block.splitlines()) for block in blocks]
    return [link for link in links if link.startswith(f"{GUIDE_HUB}/hub/user-redirect/git-pull?")]


def link_for(hub_url: str, repo_url: str) -> str:
    """The guide's one-line link with only the hub's address and the repository replaced."""
    link = guide_links()[-1]
    encoded_repo = quote(GUIDE_REPO, safe="")
    assert link.count(encoded_repo) == 1, f"the guide's link has no repo={encoded_repo}: {link}"
    return link.replace(GUIDE_HUB, hub_url, 1).replace(encoded_repo, quote(repo_url, safe=""))


def cell(notebook: dict, cell_id: str) -> dict:
    return next(c for c in notebook["cells"] if c.get("id") == cell_id)


def source(c: dict) -> str:
    return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]


def test_guide_shows_one_link_twice():
    """The guide's multi-line link and its URL-encoded one-liner say the same thing."""
    links = guide_links()
    assert len(links) == 2, f"expected the link twice in {GUIDE.name}, found {len(links)}"
    readable, encoded = (dict(parse_qsl(urlsplit(link).query)) for link in links)
    assert readable == encoded, f"the two links differ:\n{readable}\n{encoded}"
    assert set(encoded) == {"repo", "branch", "targetPath", "urlpath"}, encoded
    assert encoded["urlpath"].startswith(f"lab/tree/{encoded['targetPath']}/"), encoded


def test_guide_installs_the_tested_nbgitpuller():
    """The guide's `pip install nbgitpuller==X` is the version requirements-hub.txt pins."""
    pins = dict(
        line.split("==") for line in (ROOT / "requirements-hub.txt").read_text().splitlines()
        if "==" in line
    )  # fmt: skip
    text = GUIDE.read_text(encoding="utf-8")
    assert f"nbgitpuller=={pins['nbgitpuller']}" in text, (
        "the guide and requirements-hub.txt differ"
    )
    assert not re.findall(rf"nbgitpuller==(?!{re.escape(pins['nbgitpuller'])})", text)


@pytest.mark.hub
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_two_students_pull_work_and_get_an_update(hub_tools, tmp_path):
    """Log in, pull, run, answer; the teacher updates; pull again: update in, work kept."""
    from hub_server import Hub, Student, git, make_collection_repository

    bare, teacher = make_collection_repository(tmp_path / "git")
    query = dict(parse_qsl(urlsplit(guide_links()[-1]).query))
    target, branch = query["targetPath"], query["branch"]
    assert branch == "main"
    copy = f"{target}/{NOTEBOOK}"
    # The guide's .pth line points Python at the student's copy; homes differ per user here,
    # so the same thing is done per user with PYTHONPATH.
    env = {"KZW_OFFLINE": "1", "PYTHONPATH": f"{{home}}/{target}"}
    hub = Hub(tmp_path / "hub", STUDENTS, environment=env)
    try:
        hub.start()
        link = link_for(hub.url, f"file://{bare}")
        students = [Student(hub, name) for name in STUDENTS]

        # 1. Each student logs in, follows the link, runs notebook 00 and answers 00.1.
        for student in students:
            student.log_in()
            pulled = student.follow(link)
            assert pulled["phase"] == "finished", f"{student.name}: first pull: {pulled['events']}"
            assert pulled["landing"] == 200, f"{student.name}: urlpath answered {pulled['landing']}"
            assert pulled["landing_url"].endswith(query["urlpath"]), pulled["landing_url"]
            assert (hub.home(student.name) / target / ".git").is_dir(), "no clone in the home"

            notebook = student.read(copy)
            answer = f"answer_00_1 = {2_724_900 + len(student.name)}  # {student.name}'s answer"
            cell(notebook, ANSWER_CELL)["source"] = f'{answer}\ncheck("00.1", answer_00_1)'
            code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
            kernel = student.open_session(copy)
            results = student.run_cells(kernel, [source(c) for c in code])
            errors = [source(c)[:60] for c, r in zip(code, results) if r["status"] != "ok"]
            assert not errors, f"{student.name}: cells failed in the hub's kernel: {errors}"
            (where,) = student.run_cells(kernel, ["import utils; print(utils.__file__)"])
            assert str(hub.home(student.name) / target) in where["outputs"][0]["text"], where
            for c, result in zip(code, results):  # what JupyterLab saves after Run All
                c["outputs"], c["execution_count"] = result["outputs"], result["execution_count"]
            student.save_notebook(copy, notebook)

        # 2. The teacher changes another cell of notebook 00, and data/README.md.
        published = nbformat.read(teacher / NOTEBOOK, as_version=4)
        discussion = cell(published, TEACHER_CELL)
        assert TEACHER_AFTER in discussion["source"], f"{TEACHER_CELL} changed; update the test"
        discussion["source"] = discussion["source"].replace(
            TEACHER_AFTER, TEACHER_AFTER + TEACHER_LINE
        )
        nbformat.write(published, teacher / NOTEBOOK)
        with open(teacher / "data" / "README.md", "a", encoding="utf-8") as readme:
            readme.write("\nUpdated for the spring term.\n")
        git(teacher, "commit", "--quiet", "-am", "A discussion question; a note in data/README")
        git(teacher, "push", "--quiet", "origin", "main")

        # 3. Each student follows the link again: the update arrives, their work stays.
        for student in students:
            pulled = student.follow(link)
            assert pulled["phase"] == "finished", f"{student.name}: second pull: {pulled['events']}"
            readme = student.read(f"{target}/data/README.md")
            assert "Updated for the spring term." in readme, f"{student.name}: README not updated"
            notebook = student.read(copy)
            nbformat.validate(nbformat.from_dict(notebook))
            assert TEACHER_LINE in source(cell(notebook, TEACHER_CELL)), (
                f"{student.name}: the teacher's new question did not arrive in {NOTEBOOK}"
            )
            answer_cell = cell(notebook, ANSWER_CELL)
            assert f"# {student.name}'s answer" in source(answer_cell), (
                f"{student.name}: the student's answer was lost: {source(answer_cell)!r}"
            )
            assert answer_cell["outputs"], f"{student.name}: the answer's feedback was lost"
            strays = [p.name for p in hub.home(student.name).iterdir() if "backup" in p.name]
            assert not strays, f"{student.name}: nbgitpuller made a backup: {strays}"
    finally:
        leftovers = hub.stop()
    assert not leftovers, f"processes left after the hub stopped: {leftovers}"
    assert not hub.busy_ports(), f"ports still taken: {hub.busy_ports(0)}"
    assert len(hub.seen) >= 1 + 1 + 2 * 2, f"expected hub, proxy, 2 servers, 2 kernels: {hub.seen}"
