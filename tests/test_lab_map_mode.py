"""`make lab` chooses the map mode: offline (no tiles) when asked or when the tile server is out of reach."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("tasks", ROOT / "tools" / "tasks.py")
tasks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tasks)


@pytest.mark.parametrize(
    "reachable, given, expected, said",
    [
        (True, None, None, ""),
        (False, None, "1", "cannot be reached"),
        (True, "1", "1", "offline mode"),
        (False, "0", "0", ""),
    ],
)
def test_offline_mode_is_chosen_and_announced(
    monkeypatch, capsys, reachable, given, expected, said
):
    monkeypatch.setattr(tasks, "tiles_reachable", lambda timeout=2.0: reachable)
    env = {} if given is None else {"KZW_OFFLINE": given}
    tasks.choose_map_mode(env)
    out = capsys.readouterr().out
    assert env.get("KZW_OFFLINE") == expected
    assert said in out
    assert ("offline mode" in out) == (expected == "1")


def test_unreachable_server_is_detected_quickly(monkeypatch):
    monkeypatch.setattr(tasks, "TILE_SERVER", ("127.0.0.1", 9))  # the discard port: nothing listens
    assert tasks.tiles_reachable(timeout=0.5) is False
