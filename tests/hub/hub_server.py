"""A throwaway JupyterHub on 127.0.0.1 for tests/hub, and a student who uses it over HTTP.

`Hub` starts JupyterHub (from requirements-hub.txt) with its proxy, configurable-http-proxy
(from node_modules, package-lock.json), the dummy authenticator and SimpleLocalProcessSpawner.
Everything lives in one temporary folder: the hub's database, cookie secret, proxy pid file,
log, and each user's home (`home/<name>`). Ports are random free ports on 127.0.0.1.

`Student` does what a browser does, with plain HTTP: logs in through the hub's login form,
follows an nbgitpuller link (launching their server from the hub's "not running" page when
needed, then doing what nbgitpuller's page script does: calling `git-pull/api` and following
the redirect), and uses their single-user server's REST and kernel APIs with a token of their
own.

`Hub.stop()` ends the hub by process id (the hub stops the proxy and the single-user servers,
which stop their kernels), then checks every process id it saw and every port it used.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "classroom"  # the dummy authenticator's shared password

CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.bind_url = {public_url!r}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///" + {db!r}
c.JupyterHub.cookie_secret_file = {secret!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {args!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# "{{home}}" in a value stands for the user's home folder
c.Spawner.environment = {{
    key: (lambda spawner, value=value: value.format(home=spawner.home_dir))
    for key, value in {environment!r}.items()
}}
"""


class Hub:
    """One JupyterHub for `users`. Use as a context manager, or call start() and stop()."""

    def __init__(self, folder: Path, users: list[str], environment: dict | None = None):
        """environment: variables for the single-user servers; "{home}" stands for the home."""
        self.folder = Path(folder)
        self.users = list(users)
        self.environment = dict(environment or {})
        self.port = None
        self.process = None
        self.seen: dict[int, str] = {}  # pid -> name of every process of the hub's tree
        self.ports: set[int] = set()  # every port the hub's tree listened on
        self.log_path = self.folder / "jupyterhub.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str) -> Path:
        return self.folder / "home" / user

    def write_config(self) -> Path:
        self.port = free_port()
        ports = {"hub_port": free_port(), "proxy_api_port": free_port()}
        self.ports.update([self.port, *ports.values()])
        args = ["--allow-root"] if os.geteuid() == 0 else []
        config = CONFIG.format(
            public_url=f"{self.url}/",
            db=str(self.folder / "jupyterhub.sqlite"),
            secret=str(self.folder / "jupyterhub_cookie_secret"),
            proxy=str(PROXY),
            proxy_pid=str(self.folder / "proxy.pid"),
            password=PASSWORD,
            users=self.users,
            home_template=str(self.folder / "home" / "{username}"),
            python=sys.executable,
            args=args,
            environment=self.environment,
            **ports,
        )
        path = self.folder / "jupyterhub_config.py"
        path.write_text(config, encoding="utf-8")
        return path

    def start(self, timeout: float = 60) -> Hub:
        """Start the hub (which starts the proxy) and wait until it answers through the proxy."""
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.write_config()
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        }
        env.pop("JUPYTERHUB_API_TOKEN", None)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(config)],
                cwd=self.folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited early:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api", timeout=2).status_code == 200:
                    self.remember_processes()
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def remember_processes(self) -> None:
        """Note every process of the hub's tree (proxy, servers, kernels) and its ports."""
        try:
            tree = [psutil.Process(self.process.pid)]
            tree += tree[0].children(recursive=True)
        except psutil.NoSuchProcess:
            return
        for process in tree:
            try:
                self.seen[process.pid] = process.name()
                for conn in process.net_connections(kind="inet"):
                    if conn.status == psutil.CONN_LISTEN:
                        self.ports.add(conn.laddr.port)
            except psutil.NoSuchProcess:
                pass

    def stop(self, timeout: float = 60) -> list[str]:
        """Stop the hub by process id; end any process it left, by id. Return the leftovers."""
        if self.process is None:
            return []
        self.remember_processes()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        deadline = time.monotonic() + 10
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.2)  # servers and kernels may take a moment after the hub exits
        leftovers = [f"{pid} ({self.seen[pid]})" for pid in self.alive()]
        for pid in self.alive():
            end_pid(pid)
        return leftovers

    def alive(self) -> list[int]:
        """Process ids seen in the hub's tree that still run (zombies do not count)."""
        running = []
        for pid in sorted(self.seen):
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    running.append(pid)
            except psutil.NoSuchProcess:
                pass
        return running

    def busy_ports(self, wait: float = 10) -> list[int]:
        """Ports the hub's tree used that are still taken (after waiting up to `wait` s)."""
        deadline = time.monotonic() + wait
        while True:
            busy = sorted(port for port in self.ports if not port_is_free(port))
            if not busy or time.monotonic() > deadline:
                return busy
            time.sleep(0.2)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no hub log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Hub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True when a new server could listen on 127.0.0.1:port (TIME_WAIT does not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def end_pid(pid: int, timeout: float = 5) -> None:
    """Terminate one process by id, then kill it if it does not stop."""
    try:
        process = psutil.Process(pid)
        process.terminate()
        process.wait(timeout)
    except psutil.TimeoutExpired:
        process.kill()
    except psutil.NoSuchProcess:
        pass


class Student:
    """One student of `hub`, driving it over HTTP as a browser would."""

    def __init__(self, hub: Hub, name: str):
        self.hub = hub
        self.name = name
        self.session = requests.Session()
        self.token = None

    @property
    def server(self) -> str:
        """The student's single-user server, through the proxy."""
        return f"{self.hub.url}/user/{self.name}/"

    # ------------------------------------------------------------ the hub

    def log_in(self) -> None:
        """Fill in the hub's login form; then create an API token from the logged-in session."""
        self.session.get(f"{self.hub.url}/hub/login", timeout=30).raise_for_status()
        xsrf = self.session.cookies.get("_xsrf", path="/hub/")
        reply = self.session.post(
            f"{self.hub.url}/hub/login",
            data={"username": self.name, "password": PASSWORD, "_xsrf": xsrf},
            timeout=30,
        )
        reply.raise_for_status()
        if not self.session.cookies.get("jupyterhub-session-id"):
            raise AssertionError(f"{self.name}: the hub's login form did not log in")
        xsrf = self.session.cookies.get("_xsrf", path="/hub/")  # renewed for the logged-in user
        reply = self.session.post(
            f"{self.hub.url}/hub/api/users/{self.name}/tokens",
            json={"note": "hub test", "expires_in": 3600},
            headers={"X-XSRFToken": xsrf},
            timeout=30,
        )
        reply.raise_for_status()
        self.token = reply.json()["token"]

    def follow(self, link: str, timeout: float = 180) -> dict:
        """Open an nbgitpuller link as a browser would; return what happened.

        The page nbgitpuller serves runs a script that calls `git-pull/api` with the values in
        its <body data-...> attributes, streams the pull's progress, then sends the browser to
        the link's urlpath. This does the same and returns the pull's events, the last phase and
        the status of the final page.
        """
        deadline = time.monotonic() + timeout
        reply = self.session.get(link, timeout=60)
        if reply.status_code == 424:  # "Server not running": the student presses Launch
            spawn = re.search(r'href="([^"]*/hub/spawn/[^"]*)"', reply.text)
            assert spawn, f"{self.name}: no launch link on the hub's page:\n{reply.text[:2000]}"
            reply = self.session.get(self.hub.url + html.unescape(spawn.group(1)), timeout=60)
        while "/hub/spawn-pending/" in urlsplit(reply.url).path:
            assert time.monotonic() < deadline, f"{self.name}: the server did not start"
            time.sleep(1)
            reply = self.session.get(reply.url, timeout=60)
        reply.raise_for_status()
        data = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', reply.text))
        assert "repo" in data, f"{self.name}: not nbgitpuller's page: {reply.url}"
        data = {key: unquote(html.unescape(value)) for key, value in data.items()}
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        params.update({key: data[key] for key in ("depth", "branch", "backup") if key in data})
        events = []
        with self.session.get(
            f"{self.hub.url}{data['base-url']}git-pull/api?{urlencode(params)}",
            stream=True,
            timeout=max(1, deadline - time.monotonic()),
        ) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if line.startswith("data: "):
                    events.append(json.loads(line[len("data: ") :]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        landing = self.session.get(f"{self.hub.url}{data['base-url']}{data['path']}", timeout=60)
        return {
            "phase": events[-1].get("phase") if events else None,
            "events": events,
            "landing": landing.status_code,
            "landing_url": landing.url,
            "path": data["path"],
            "targetpath": data["targetpath"],
        }

    # ------------------------------------------------------------ the single-user server

    def api(self, method: str, path: str, **kwargs):
        reply = requests.request(
            method,
            f"{self.server}api/{path}",
            headers={"Authorization": f"token {self.token}"},
            timeout=60,
            **kwargs,
        )
        reply.raise_for_status()
        return reply.json() if reply.content else None

    def read(self, path: str) -> dict:
        """A file or notebook of the student's home, through the contents API."""
        return self.api("GET", f"contents/{path}", params={"content": 1})["content"]

    def save_notebook(self, path: str, notebook: dict) -> None:
        self.api(
            "PUT",
            f"contents/{path}",
            json={"type": "notebook", "format": "json", "content": notebook},
        )

    def open_session(self, path: str) -> str:
        """Open `path` in a kernel session, as JupyterLab does; return the kernel id."""
        model = self.api(
            "POST",
            "sessions",
            json={"path": path, "name": path, "type": "notebook", "kernel": {"name": "python3"}},
        )
        return model["kernel"]["id"]

    def run_cells(self, kernel_id: str, sources: list[str], timeout: float = 300) -> list[dict]:
        """Run code in the kernel over its websocket; per source, its outputs and status."""
        # In a thread of its own: asyncio.run refuses to start inside a running event loop, as
        # the browser tests' Playwright session leaves in the main thread.
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, self._run_cells(kernel_id, sources, timeout)).result()

    async def _run_cells(self, kernel_id: str, sources: list[str], timeout: float) -> list[dict]:
        from nbformat.v4 import output_from_msg
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.server.replace("http://", "ws://", 1) + f"api/kernels/{kernel_id}/channels"
        request = HTTPRequest(url, headers={"Authorization": f"token {self.token}"})
        socket = await websocket_connect(request, max_message_size=256 * 1024 * 1024)
        session, results = uuid.uuid4().hex, []
        try:
            for source in sources:
                msg_id = uuid.uuid4().hex
                header = {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                          "username": self.name, "version": "5.3", "date": ""}  # fmt: skip
                content = {"code": source, "silent": False, "store_history": True,
                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}  # fmt: skip
                await socket.write_message(json.dumps({
                    "header": header, "parent_header": {}, "metadata": {}, "content": content,
                    "channel": "shell", "buffers": []}))  # fmt: skip
                result = {"outputs": [], "status": None, "execution_count": None}
                idle = False
                while not (idle and result["status"]):
                    raw = await asyncio.wait_for(socket.read_message(), timeout)
                    if raw is None:
                        raise RuntimeError(f"{self.name}: the kernel's websocket closed")
                    msg = json.loads(raw)
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = msg["msg_type"]
                    if kind == "execute_reply":
                        result["status"] = msg["content"]["status"]
                        result["execution_count"] = msg["content"].get("execution_count")
                    elif kind == "status":
                        idle = msg["content"]["execution_state"] == "idle"
                    elif kind in ("stream", "display_data", "execute_result", "error"):
                        result["outputs"].append(output_from_msg(msg))
                results.append(result)
        finally:
            socket.close()
        return results


def make_collection_repository(folder: Path, source: Path = ROOT) -> tuple[Path, Path]:
    """The teacher's git repository of the collection, from `source`'s tracked files.

    Returns (bare, teacher): a bare repository (what the link's repo= points at) and the
    teacher's clone of it, whose commits are pushed to the bare one.
    """
    teacher, bare = folder / "teacher", folder / "collection.git"
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=source, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    for name in filter(None, files):
        if (source / name).is_file() and not (source / name).is_symlink():
            (teacher / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, teacher / name)
    git(teacher, "init", "--quiet", "--initial-branch=main")
    git(teacher, "add", "--all")
    git(teacher, "commit", "--quiet", "-m", "The collection, as published")
    subprocess.run(["git", "clone", "--quiet", "--bare", str(teacher), str(bare)], check=True)
    git(teacher, "remote", "add", "origin", str(bare))
    git(teacher, "fetch", "--quiet", "origin")
    git(teacher, "branch", "--quiet", "--set-upstream-to=origin/main", "main")
    return bare, teacher


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` as the teacher; return its output."""
    identity = ["-c", "user.name=Teacher", "-c", "user.email=teacher@example.org"]
    return subprocess.run(
        ["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout
