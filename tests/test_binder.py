"""Binder: what repo2docker would build from this repository, read without building it.

`jupyter-repo2docker --no-build --debug .` prints the Dockerfile it would use. The tests check
that it installs environment.yml (conda build pack) and then runs postBuild. That
environment.yml pins the same versions as requirements*.txt is tests/test_environment.py's job.

repo2docker is pinned in requirements-site.txt (`python tools/build_site.py --setup-only`
installs it into .venv-site/). Without it these tests are skipped, except under CI=true.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tooling import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent


def repo2docker_command():
    """The jupyter-repo2docker executable: on PATH, beside $KZW_SITE_PYTHON, or in .venv-site."""
    places = []
    if os.environ.get("KZW_SITE_PYTHON"):
        places.append(Path(os.environ["KZW_SITE_PYTHON"]).parent)
    places.append(ROOT / ".venv-site" / ("Scripts" if os.name == "nt" else "bin"))
    for folder in places:
        for name in ("jupyter-repo2docker", "jupyter-repo2docker.exe"):
            if (folder / name).exists():
                return str(folder / name)
    return shutil.which("jupyter-repo2docker")


@pytest.fixture(scope="module")
def dockerfile():
    command = repo2docker_command()
    if command is None:
        reason = (
            "jupyter-repo2docker not installed: run `python tools/build_site.py "
            "--setup-only` (or pip install -r requirements-site.txt)"
        )
        skip_or_fail(reason)
    run = subprocess.run(
        [command, "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, f"repo2docker failed:\n{run.stdout}\n{run.stderr}"
    return run.stdout + run.stderr


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_binder_files_exist():
    assert (ROOT / "environment.yml").is_file()
    post_build = ROOT / "postBuild"
    assert post_build.is_file()
    assert post_build.read_text().startswith("#!"), "postBuild needs a shebang line"
    assert os.access(post_build, os.X_OK), "postBuild must be executable"


def test_postbuild_installs_the_helpers():
    text = (ROOT / "postBuild").read_text()
    assert "pip install" in text and "-e ." in text, "postBuild should `pip install -e .`"


def test_uses_the_conda_environment(dockerfile):
    python = next(
        d for d in environment()["dependencies"] if isinstance(d, str) and d.startswith("python=")
    )
    assert f"Building conda environment for {python}" in dockerfile
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    # environment.yml is the one install list: requirements.txt is not installed on top.
    assert "requirements.txt" not in dockerfile


def test_runs_postbuild_after_the_environment(dockerfile):
    install = dockerfile.index('--file "environment.yml"')
    post_build = dockerfile.index("RUN ./postBuild")
    assert install < post_build
    assert "chmod +x postBuild" in dockerfile
