"""The project's commands: set up the environment, launch JupyterLab, run the tests.

Usage (from the repository root; `make <command>` calls this too):

    python3 tools/tasks.py lab        # set up .venv if needed, open notebooks/00-start-here.ipynb
    python3 tools/tasks.py test       # set up .venv if needed, run every test
    python3 tools/tasks.py execute    # re-execute notebooks in place; refresh README and guide
    python3 tools/tasks.py editions   # build teacher and student editions into build/editions
    python3 tools/tasks.py bench      # print speed and size figures
    python3 tools/tasks.py site       # build the static site into build/site
    python3 tools/tasks.py setup      # only create or refresh .venv (and .venv-site)

Anything after the command is passed on (to pytest, jupyter lab, ...).

The environment is the project's own virtual environment in `.venv` (notebooks and tests).
The static-site tooling (Jupyter Book 1.x, repo2docker) lives apart in `.venv-site`, so its
pins cannot clash with the notebooks'. Each is created when missing and reinstalled when
stale, that is when its requirements, pyproject.toml or the Python version changed since the
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


def ensure_venv(venv: Path, requirements: str, inputs: list[str], editable: bool) -> Path:
    """Create or refresh a virtual environment so it matches its pins; return its python."""
    python = venv_python(venv)
    stamp_file = venv / "kzw-environment.stamp"
    stamp = wanted_stamp(inputs)
    if python.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return python
    uv = shutil.which("uv")
    say(f"setting up {venv.name}/ from {requirements} (" + ("uv" if uv else "pip") + ")")
    if uv:
        if not python.exists():
            run([uv, "venv", venv, "--python", sys.executable])
        install = [uv, "pip", "install", "--python", python]
    else:
        if not python.exists():
            run([sys.executable, "-m", "venv", venv])
        run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        install = [python, "-m", "pip", "install", "--quiet"]
    run(install + ["-r", requirements])
    if editable:
        # The helper package `utils`, importable from any folder, installed only into .venv.
        run(install + ["--no-deps", "-e", "."])
    stamp_file.write_text(stamp)
    say(f"{venv.name}/ ready")
    return python


def ensure_environment() -> Path:
    """The notebooks' and tests' environment, .venv."""
    return ensure_venv(VENV, "requirements-dev.txt",
                       ["requirements.txt", "requirements-dev.txt", "pyproject.toml"], True)


def ensure_site_environment() -> Path:
    """The static-site tooling's environment, .venv-site (tools/build_site.py finds it)."""
    return ensure_venv(SITE_VENV, "requirements-site.txt", ["requirements-site.txt"], False)


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
    say("maps are in offline mode: no background tiles; countries, seas and borders draw as usual "
        "(KZW_OFFLINE=0 make lab turns it off)")


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


def lab(args: list[str]) -> int:
    python = ensure_environment()
    env = dict(os.environ)
    choose_map_mode(env)
    # Executed notebooks open "untrusted" (maps hidden) until trusted; trust the shipped ones.
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    run([python, "-m", "jupyter", "trust", *notebooks])
    cmd = [python, "-m", "jupyter", "lab", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.root_dir={ROOT}", *args, FIRST_NOTEBOOK]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.insert(4, "--allow-root")  # containers and hubs often run as root
    say("JupyterLab starts on localhost; press Ctrl+C twice to stop it")
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def test(args: list[str]) -> int:
    python = ensure_environment()
    ensure_site_environment()  # the site and Binder tests need it
    ensure_node_modules()  # axe-core for the accessibility browser tests
    return subprocess.call([str(python), "-m", "pytest", *args], cwd=ROOT)


def site(args: list[str]) -> int:
    python = ensure_environment()
    ensure_site_environment()
    return subprocess.call([str(python), str(ROOT / "tools" / "build_site.py"), *args], cwd=ROOT)


def tool(script: str):
    def command(args: list[str]) -> int:
        python = ensure_environment()
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
    "setup": lambda args: (ensure_environment(), ensure_site_environment(), ensure_node_modules(), 0)[3],
    "lab": lab,
    "test": test,
    "execute": execute,
    "editions": tool("build_editions.py"),
    "bench": tool("bench.py"),
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
