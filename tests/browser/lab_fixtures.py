"""Fixtures for the JupyterLab browser tests (test_jupyterlab.py); conftest.py imports them.

- ``lab_browser``: Debian's Chromium driven by Playwright (never `playwright install`), headless,
  with a fresh profile; closed at the end of the module, and any Chromium process it started
  that is still running is then ended by its process id.
- ``lab_server`` / ``lab_server_offline``: JupyterLab started as `make lab` starts it (see
  lab_server.py); the offline one runs with KZW_OFFLINE=1, which the kernels inherit.
- ``lab_page`` / ``lab_page_offline``: the JupyterLab page for each server, kept from test to
  test (loading JupyterLab takes seconds; test_jupyterlab.open_notebook switches notebooks
  with File > Open from Path) and replaced by a fresh page after a failed test. Its network
  never leaves this machine, as in a classroom behind a filter: every request to anywhere but
  the JupyterLab server is refused (CDNs and map tiles included; nothing is served from a
  local copy). ``page.kzw_requests`` lists the outside requests the page tried.

Without Chromium or Playwright the tests are skipped, unless CI=true (then they fail).
"""

from __future__ import annotations

from urllib.parse import urlparse

import chromium
import psutil
import pytest

from lab_server import LabServer, port_is_free
from tooling import skip_or_fail

__all__ = [
    "lab_browser",
    "lab_pages",
    "lab_server",
    "lab_server_offline",
    "lab_page",
    "lab_page_offline",
]

VIEWPORT = {"width": 1280, "height": 900}


def _missing(reason: str):
    skip_or_fail(f"the JupyterLab browser tests need {reason}")


def _new_descendants(before: set[int]) -> set[int]:
    me = psutil.Process()
    return {p.pid for p in me.children(recursive=True)} - before


def _end(pids) -> None:
    """End processes by id: terminate, wait a little, then kill."""
    alive = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            process.terminate()
            alive.append(process)
        except psutil.NoSuchProcess:
            pass
    _, still = psutil.wait_procs(alive, timeout=5)
    for process in still:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


@pytest.fixture(scope="module")
def lab_browser(request, tmp_path_factory):
    """A headless Chromium for one test module: a browser context (it has new_page())."""
    browser_path = chromium.executable()
    if not browser_path:
        _missing("a chromium executable on the PATH")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _missing("the playwright package")
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    try:
        playwright = sync_playwright().start()
    except Error as err:
        if "asyncio loop" not in str(err):
            raise
        # Another fixture (conftest's session-wide `browser`) already drives Playwright in
        # this process, and Playwright's sync API allows only one at a time: share it.
        yield request.getfixturevalue("browser")
        return
    browser = None
    try:
        browser = playwright.chromium.launch(
            executable_path=browser_path, args=chromium.ARGS, headless=True, chromium_sandbox=False
        )
        # One context for the module: pages share the HTTP cache, so JupyterLab's scripts
        # load once, not once per notebook. Each page still opens a fresh workspace (?reset).
        context = browser.new_context(viewport=VIEWPORT)
        yield context
    finally:
        started = _new_descendants(before)
        if browser is not None:
            browser.close()
        playwright.stop()
        _end(pid for pid in started if psutil.pid_exists(pid))


def _start_server(tmp_path_factory, name, env):
    server = LabServer(tmp_path_factory.mktemp(name), env=env)
    server.start()
    return server


def _stop_server(server) -> None:
    server.stop()
    assert port_is_free(server.port), f"port {server.port} is still in use after JupyterLab stopped"
    assert not server.leftovers(), f"processes left running: {server.leftovers()}"


@pytest.fixture(scope="module")
def lab_server(lab_browser, tmp_path_factory):
    """JupyterLab in the default mode (maps load Leaflet from CDN links)."""
    server = _start_server(tmp_path_factory, "lab", {"KZW_OFFLINE": "0"})
    try:
        yield server
    finally:
        _stop_server(server)


@pytest.fixture(scope="module")
def lab_server_offline(lab_browser, tmp_path_factory):
    """JupyterLab with KZW_OFFLINE=1: the kernels build fully self-contained maps."""
    server = _start_server(tmp_path_factory, "lab-offline", {"KZW_OFFLINE": "1"})
    try:
        yield server
    finally:
        _stop_server(server)


def route_offline_network(page, local_host: str) -> list[dict]:
    """Refuse every request that leaves this machine; return the list that records them.

    Requests to local_host (the JupyterLab server) pass; everything else is refused, as a
    network that blocks CDNs and tile servers would.
    """
    seen: list[dict] = []

    def handle(route):
        request = route.request
        url = urlparse(request.url)
        if url.scheme not in ("http", "https") or url.netloc == local_host:
            route.continue_()
            return
        in_frame = request.frame.parent_frame is not None if _has_frame(request) else False
        seen.append(
            {
                "url": request.url,
                "type": request.resource_type,
                "in_frame": in_frame,
                "answer": "refused",
            }
        )
        route.abort()

    page.route("**/*", handle)
    return seen


def _has_frame(request) -> bool:
    try:
        request.frame
        return True
    except Exception:  # service-worker requests have no frame
        return False


def _page(browser, server):
    page = browser.new_page()
    page.set_default_timeout(30_000)
    page.kzw_requests = route_offline_network(page, f"127.0.0.1:{server.port}")
    return page


@pytest.fixture(scope="module")
def lab_pages(lab_browser):
    """One page per server, kept from test to test (loading JupyterLab takes seconds)."""
    pages = {}
    yield pages
    for page in pages.values():
        if not page.is_closed():
            page.close()


def _kept_page(request, pages, browser, server):
    page = pages.get(server.port)
    if page is None or page.is_closed():
        page = pages[server.port] = _page(browser, server)
    failed_before = request.session.testsfailed
    yield page
    if request.session.testsfailed != failed_before:
        # A failed test may leave the page in any state (a dialog, a busy kernel): start over.
        pages.pop(server.port).close()
        server.shutdown_kernels()


@pytest.fixture
def lab_page(request, lab_pages, lab_browser, lab_server):
    """The JupyterLab page of the default-mode server (reused; replaced after a failure)."""
    yield from _kept_page(request, lab_pages, lab_browser, lab_server)


@pytest.fixture
def lab_page_offline(request, lab_pages, lab_browser, lab_server_offline):
    """The JupyterLab page of the offline-mode server (reused; replaced after a failure)."""
    yield from _kept_page(request, lab_pages, lab_browser, lab_server_offline)
