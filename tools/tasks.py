"""The project's commands: set up the environment, launch JupyterLab, run the tests.

Usage (from the repository root; `make <command>` calls this too):

    python3 tools/tasks.py lab        # set up .venv if needed, open notebooks/00-start-here.ipynb
    python3 tools/tasks.py test       # set up .venv if needed, run every test (what CI runs)
    python3 tools/tasks.py check      # the fast tests to run while working (under a minute)
    python3 tools/tasks.py execute    # re-execute notebooks in place; refresh README and guide
    python3 tools/tasks.py editions   # build teacher, practice and assessment editions
    python3 tools/tasks.py grade DIR  # grade the submitted notebooks in DIR into build/grades
    python3 tools/tasks.py bench      # print speed and size figures
    python3 tools/tasks.py site       # build the static site into build/site
    python3 tools/tasks.py setup      # only create or refresh .venv (and .venv-site)

Anything after the command is passed on (to pytest, jupyter lab, ...).

The environment is the project's own virtual environment in `.venv`: `lab` installs only what
the notebooks need (requirements.txt); `test`, `check` and `bench` add the test tools
(requirements-dev.txt), and `test` also JupyterHub and nbgitpuller for the hub test
(requirements-hub.txt; its proxy comes from package.json with `npm ci`). The static-site tooling (Jupyter Book 1.x, repo2docker) lives apart in
`.venv-site`, so its pins cannot clash with the notebooks'. Each set is installed when missing
and again when stale, that is when its requirements or the Python version changed since the
last install. `uv` is used when it is on PATH, pip otherwise.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
SITE_VENV = ROOT / ".venv-site"
FIRST_NOTEBOOK = "notebooks/00-start-here.ipynb"


def say(message: str) -> None:
    print(f"[kzw] {message}", flush=True)


def venv_python(venv: Path = VENV) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    exe = "python.exe" if os.name == "nt" else "python"
    return venv / folder / exe


def wanted_stamp(inputs: list[str]) -> str:
    """A fingerprint of everything an environment is built from."""
    digest = hashlib.sha256(sys.version.encode())
    for name in inputs:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def run(cmd: list[str | Path], **kwargs) -> None:
    shown = " ".join(str(c) for c in cmd)
    say(f"$ {shown}")
    subprocess.run([str(c) for c in cmd], check=True, cwd=kwargs.pop("cwd", ROOT), **kwargs)


def ensure_venv(venv: Path) -> Path:
    """Create the virtual environment if it is missing; return its python."""
    python = venv_python(venv)
    if not python.exists():
        say(f"creating {venv.name}/, the project's own Python environment")
        if shutil.which("uv"):
            run([shutil.which("uv"), "venv", venv, "--python", sys.executable])
        else:
            run([sys.executable, "-m", "venv", venv])
            run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    return python


def ensure_requirements(python: Path, requirements: str, inputs: list[str], what: str) -> None:
    """Install `requirements` into the environment of `python` unless its stamp says it is current."""
    stamp_file = python.parent.parent / f"kzw-{Path(requirements).stem}.stamp"
    stamp = wanted_stamp(inputs)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    count = sum(
        1
        for line in (ROOT / requirements).read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-r"))
    )
    say(
        f"installing {what} into {python.parent.parent.name}/ ({requirements}: {count} pinned "
        "packages and what they need). The first time this downloads a few hundred MB and may "
        "take a few minutes; later runs skip it."
    )
    uv = shutil.which("uv")
    if uv:
        run([uv, "pip", "install", "--python", python, "-r", requirements])
    else:
        run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--progress-bar",
                "on",
                "-r",
                requirements,
            ]
        )
    stamp_file.write_text(stamp)
    say(f"{python.parent.parent.name}/ ready")


def link_helper_package(python: Path) -> None:
    """Make `utils` importable from any folder (notebooks/ included) with one .pth file.

    A path file needs no build step, no network and leaves no *.egg-info folder in the
    learner's file browser, unlike an editable install.
    """
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    link = Path(purelib) / "kazakhstan_in_the_world.pth"
    if not (link.exists() and link.read_text(encoding="utf-8").strip() == str(ROOT)):
        link.write_text(f"{ROOT}\n", encoding="utf-8")
    # An editable install made by earlier versions of this script would shadow the link.
    for old in Path(purelib).glob("*kazakhstan_in_the_world*"):
        if old != link:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    shutil.rmtree(ROOT / "kazakhstan_in_the_world.egg-info", ignore_errors=True)


def ensure_environment(tests: bool = False) -> Path:
    """.venv: what the notebooks need (requirements.txt), and with `tests` the test tools too."""
    python = ensure_venv(VENV)
    ensure_requirements(
        python,
        "requirements.txt",
        ["requirements.txt"],
        "what the notebooks need (JupyterLab, pandas, folium, ...)",
    )
    if tests:
        ensure_requirements(
            python,
            "requirements-dev.txt",
            ["requirements.txt", "requirements-dev.txt"],
            "the test tools (pytest, nbval, hypothesis, Playwright, ...)",
        )
    link_helper_package(python)
    return python


def ensure_site_environment() -> Path:
    """The static-site tooling's environment, .venv-site (tools/build_site.py finds it)."""
    python = ensure_venv(SITE_VENV)
    ensure_requirements(
        python,
        "requirements-site.txt",
        ["requirements-site.txt"],
        "the website tools (Jupyter Book 1.x, repo2docker)",
    )
    return python


TILE_SERVER = ("tile.openstreetmap.org", 443)


def tiles_reachable(timeout: float = 2.0) -> bool:
    """True when this machine can open a connection to the map tile server."""
    import socket

    try:
        with socket.create_connection(TILE_SERVER, timeout=timeout):
            return True
    except OSError:
        return False


def choose_map_mode(env: dict) -> None:
    """Offline maps (no tiles) when KZW_OFFLINE says so or the tile server is out of reach; say which."""
    chosen = env.get("KZW_OFFLINE", "").strip().lower()
    if chosen in ("0", "false", "no", "off"):
        return
    if chosen not in ("1", "true", "yes", "on"):
        if tiles_reachable():
            return
        env["KZW_OFFLINE"] = "1"
        say(f"the map tile server ({TILE_SERVER[0]}) cannot be reached from this machine")
    say(
        "maps are in offline mode: no background tiles; countries, seas and borders draw as usual "
        "(KZW_OFFLINE=0 make lab turns it off)"
    )


def ensure_node_modules() -> None:
    """axe-core for the accessibility tests (package-lock.json), by `npm ci` when npm exists."""
    npm, lock = shutil.which("npm"), ROOT / "package-lock.json"
    stamp_file = ROOT / "node_modules" / "kzw-environment.stamp"
    if not npm or not lock.exists():
        return  # the accessibility tests then skip (or fail under CI=true)
    stamp = hashlib.sha256(lock.read_bytes()).hexdigest()
    if not (stamp_file.exists() and stamp_file.read_text() == stamp):
        run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        stamp_file.write_text(stamp)


def lab_options(root: Path) -> list[str]:
    """How `make lab` starts JupyterLab (the browser tests start it the same way)."""
    options = ["--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}"]
    if (root / FIRST_NOTEBOOK).exists():
        # both the browser and the printed address open notebook 00, not the Launcher
        options.append(f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK}")
    return options


def lab(args: list[str]) -> int:
    python = ensure_environment()
    env = dict(os.environ)
    choose_map_mode(env)
    # Executed notebooks open "untrusted" (maps hidden) until trusted; trust the shipped ones.
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    run([python, "-m", "jupyter", "trust", *notebooks])
    cmd = [python, "-m", "jupyter", "lab", *lab_options(ROOT), *args]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.insert(4, "--allow-root")  # containers and hubs often run as root
    say("JupyterLab starts on localhost; press Ctrl+C twice to stop it")
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def lint(python: Path) -> int:
    """The one style (pyproject.toml [tool.ruff]): lint and layout, reported, nothing rewritten."""
    ruff = [str(python), "-m", "ruff"]
    folders = ["utils", "tools", "tests", "data/geo"]
    code = subprocess.call([*ruff, "check", "--quiet", *folders], cwd=ROOT)
    code = code or subprocess.call([*ruff, "format", "--check", "--quiet", *folders], cwd=ROOT)
    if code:
        say(
            "style: `.venv/bin/ruff check --fix` and `.venv/bin/ruff format` fix what is listed above"
        )
    return code


def test(args: list[str]) -> int:
    """Every test (what CI runs), after the style check."""
    python = ensure_environment(tests=True)
    ensure_requirements(
        python,
        "requirements-hub.txt",
        ["requirements.txt", "requirements-dev.txt", "requirements-hub.txt"],
        "JupyterHub and nbgitpuller (the end-to-end hub test, tests/hub)",
    )
    ensure_site_environment()  # the site and Binder tests need it
    ensure_node_modules()  # axe-core for the accessibility browser tests
    return lint(python) or subprocess.call([str(python), "-m", "pytest", *args], cwd=ROOT)


CHECK_ARGS = [
    "-o",
    "addopts=",
    "-p",
    "no:cacheprovider",
    "-m",
    "not slow",
    "--ignore=tests/browser",
    "tests",
]


def check(args: list[str]) -> int:
    """The fast tier to run while working: no notebook execution, no browser, no site build."""
    python = ensure_environment(tests=True)
    env = {**os.environ, "KZW_QUICK": "1"}  # fewer generated values in the property tests
    return lint(python) or subprocess.call(
        [str(python), "-m", "pytest", *CHECK_ARGS, *args], cwd=ROOT, env=env
    )


def site(args: list[str]) -> int:
    python = ensure_environment()
    ensure_site_environment()
    return subprocess.call([str(python), str(ROOT / "tools" / "build_site.py"), *args], cwd=ROOT)


def tool(script: str, tests: bool = False):
    def command(args: list[str]) -> int:
        python = ensure_environment(tests)
        return subprocess.call([str(python), str(ROOT / "tools" / script), *args], cwd=ROOT)

    return command


def execute(args: list[str]) -> int:
    """Re-execute notebooks, then refresh what is generated from them (README, guide)."""
    code = tool("execute_notebooks.py")(args)
    python = ensure_environment()
    for script in ("update_readme.py", "teaching_guide.py"):
        code = code or subprocess.call([str(python), str(ROOT / "tools" / script)], cwd=ROOT)
    return code


COMMANDS = {
    "setup": lambda args: (
        ensure_environment(tests=True),
        ensure_site_environment(),
        ensure_node_modules(),
        0,
    )[3],
    "lab": lab,
    "test": test,
    "check": check,
    "execute": execute,
    "editions": tool("build_editions.py"),
    "grade": tool("grade.py"),
    "bench": tool("bench.py", tests=True),
    "site": site,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except subprocess.CalledProcessError as err:
        say(f"a setup step failed (exit {err.returncode}); see the output above")
        return err.returncode or 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
