"""The README states the two commands, and its sequence table matches the notebooks."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_sequence_table_is_current():
    result = subprocess.run(
        [sys.executable, "tools/update_readme.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_ci_runs_the_readme_test_command():
    block = re.search(r"```bash\n(.*?)```", README, flags=re.S)[1]
    test_command = next(line.split("#")[0].strip() for line in block.splitlines() if "test" in line)
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines(), f"{test_command!r} is not a line of .ci/run"


def test_every_notebook_is_listed():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        assert f"(notebooks/{path.name})" in README, f"{path.name} missing from README"
