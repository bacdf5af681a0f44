"""A throwaway JupyterLab server for the browser tests.

It is started the way `make lab` starts JupyterLab: the notebooks are trusted first with
`jupyter trust`, then `jupyter lab` with the options of `tasks.lab_options` (localhost, the
repository as root, notebook 00 as the first page, kernels over local sockets). On top of that it gets a free
port, a random token, no browser window, and its own config, data and runtime folders, so a
developer's own JupyterLab settings (or trust database) cannot change what the tests see.

Settings written into those private folders:
- no news or update checks, no toast notifications, no "build recommended" prompt;
- notebooks render every cell at once (windowing off), so maps far down a notebook exist in
  the page and can be inspected;
- autosave off, so running a notebook in the browser never rewrites the file in the repository,
  and checkpoints go to the private folder instead of .ipynb_checkpoints/ next to the notebooks.

The server runs in its own process group. `stop()` ends the group, then any process the server
started outside the group (kernels) by its process id, and checks that the port is free again.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import tasks  # noqa: E402  (the launch options `make lab` uses)

USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
PAGE_CONFIG = {"buildAvailable": False, "buildCheck": False}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True when a new server could listen on 127.0.0.1:port (as JupyterLab does, with
    SO_REUSEADDR, so closed connections still in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class LabServer:
    """One JupyterLab server on localhost. Use as a context manager, or call start() and stop().

    root: the repository (the server's root_dir); folder: an empty temporary folder for the
    private Jupyter folders and the server log; env: extra environment variables for the
    server (the kernels inherit them, e.g. {"KZW_OFFLINE": "1"}).
    """

    def __init__(
        self, folder: Path, root: Path = ROOT, env: dict | None = None, python: str = sys.executable
    ):
        self.root = Path(root)
        self.folder = Path(folder)
        self.extra_env = dict(env or {})
        self.python = python
        self.port = None
        self.token = secrets.token_hex(16)
        self.process = None
        self.log_path = self.folder / "jupyter-lab.log"
        self._helpers: set[int] = set()  # pids the server started (kernels), by process id

    # ---------------------------------------------------------------- set-up

    def environment(self) -> dict:
        """The server's environment: private Jupyter folders plus the extra variables."""
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
            env[name] = str(self.folder / name.split("_")[1].lower())
        env.pop("JUPYTERLAB_SETTINGS_DIR", None)
        env.pop("JUPYTERLAB_WORKSPACES_DIR", None)
        env["JUPYTER_PLATFORM_DIRS"] = "0"
        env["KZW_PROGRESS_DIR"] = str(self.folder / "progress")  # the kernels' exercise progress
        env.update(self.extra_env)
        return env

    def write_settings(self) -> None:
        """No news, no update or build prompts, all cells rendered, autosave off."""
        config = self.folder / "config"
        for name, values in USER_SETTINGS.items():
            path = config / "lab" / "user-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2), encoding="utf-8")
        labconfig = config / "labconfig"
        labconfig.mkdir(parents=True, exist_ok=True)
        (labconfig / "page_config.json").write_text(json.dumps(PAGE_CONFIG), encoding="utf-8")

    def notebooks(self) -> list[str]:
        return sorted(
            str(p.relative_to(self.root)) for p in (self.root / "notebooks").glob("*.ipynb")
        )

    def trust_notebooks(self) -> None:
        """`jupyter trust` the shipped notebooks, as the launch command does."""
        notebooks = self.notebooks()
        if notebooks:
            subprocess.run(
                [self.python, "-m", "jupyter", "trust", *notebooks],
                cwd=self.root,
                env=self.environment(),
                check=True,
                capture_output=True,
            )

    def command(self) -> list[str]:
        cmd = [
            self.python,
            "-m",
            "jupyter",
            "lab",
            *tasks.lab_options(self.root),
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            "--no-browser",
            "--allow-root",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            # checkpoints in the private folder, not .ipynb_checkpoints/ in the repository
            f"--FileCheckpoints.checkpoint_dir={self.folder / 'checkpoints'}",
        ]
        return cmd

    # ---------------------------------------------------------------- start and stop

    def start(self, timeout: float = 90) -> LabServer:
        """Trust the notebooks, start the server and wait until it answers."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.write_settings()
        self.trust_notebooks()
        self.port = free_port()
        log = open(self.log_path, "wb")
        try:
            self.process = subprocess.Popen(
                self.command(),
                cwd=self.root,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with code {self.process.returncode} "
                    f"before it was ready:\n{self.log_tail()}"
                )
            if self._answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("api/status"), timeout=2) as reply:
                return reply.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def url(self, path: str = "lab") -> str:
        """A full URL on the server, with the token."""
        separator = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path}{separator}token={self.token}"

    def notebook_url(self, relative_path: str) -> str:
        """The JupyterLab URL that opens one notebook, e.g. notebooks/00-start-here.ipynb."""
        return self.url(f"lab/tree/{relative_path}")

    def api(self, method: str, path: str, body: dict | None = None):
        """Call the server's REST API; return the decoded JSON reply (None when empty)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            body = reply.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Shut down every kernel (a finished test leaves none running to compete for CPU)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.remember_children()
        for kernel in self.api("GET", "api/kernels") or []:
            try:
                self.api("DELETE", f"api/kernels/{kernel['id']}")
            except urllib.error.HTTPError:
                pass  # already gone

    def remember_children(self) -> None:
        """Note the process ids of everything the server runs now (kernels included)."""
        if self.process is None:
            return
        try:
            parent = psutil.Process(self.process.pid)
            self._helpers.update(child.pid for child in parent.children(recursive=True))
        except psutil.NoSuchProcess:
            pass

    def stop(self, timeout: float = 15) -> None:
        """Stop the server's process group, then leftover kernels by pid; check the port."""
        if self.process is None:
            return
        self.remember_children()
        group = self.process.pid  # start_new_session: the group id is the server's pid
        if self.process.poll() is None:
            _signal_group(group, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(group, signal.SIGKILL)
                self.process.wait(5)
        _signal_group(group, signal.SIGKILL)  # anything the server left in its group
        for pid in sorted(self._helpers):
            _end_pid(pid)
        self.process = None
        deadline = time.monotonic() + 10
        while not port_is_free(self.port) and time.monotonic() < deadline:
            time.sleep(0.2)

    def leftovers(self) -> list[int]:
        """Process ids of the server or its children that are still running."""
        alive = []
        for pid in sorted(self._helpers):
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        return alive

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _signal_group(group: int, sig: int) -> None:
    try:
        os.killpg(group, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _end_pid(pid: int, timeout: float = 5) -> None:
    """Terminate one process by id, then kill it if it does not stop."""
    try:
        process = psutil.Process(pid)
        process.terminate()
        process.wait(timeout)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.NoSuchProcess:
        pass
