"""The pip requirements and environment.yml pin the same packages at the same versions."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*==\s*([^\s;#]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_pins(*files: str) -> dict[str, str]:
    pins = {}
    for file in files:
        for line in (ROOT / file).read_text().splitlines():
            line = line.strip()
            if not line or line.startswith(("#", "-r")):
                continue
            match = PIN.match(line)
            assert match, f"{file}: {line!r} is not an exact pin (name==version)"
            pins[normal(match[1])] = match[2]
    return pins


def environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            match = PIN.match(item) or re.match(r"^([A-Za-z0-9_.\-]+)=([^=\s]+)$", item)
            if match:
                pins[normal(match[1])] = match[2]
    return pins


def test_requirements_are_exact_pins():
    pins = requirement_pins("requirements.txt", "requirements-dev.txt")
    assert pins["pandas"].startswith("3."), "pandas must be 3.x"
    assert pins["jupyterlab"].startswith("4."), "jupyterlab must be 4.x"
    for name in ["jupyterlab", "pandas", "folium", "nbval", "pytest"]:
        assert name in pins, f"{name} is not pinned"


def test_environment_yml_matches_requirements():
    req = requirement_pins("requirements.txt", "requirements-dev.txt")
    env = environment_pins()
    problems = []
    for name, version in sorted(req.items()):
        if name not in env:
            problems.append(f"{name}: requirements pin {version}, environment.yml lacks it")
        elif env[name] != version:
            problems.append(f"{name}: requirements pin {version}, environment.yml pins {env[name]}")
    for name, version in sorted(env.items()):
        if name not in req and name not in ("python", "pip"):
            problems.append(f"{name}: environment.yml pins {version}, requirements lack it")
    assert not problems, "environment.yml and requirements drifted:\n" + "\n".join(problems)


def test_environment_python_matches_pyproject():
    env = environment_pins()
    text = (ROOT / "pyproject.toml").read_text()
    floor = re.search(r'requires-python\s*=\s*">=(\d+\.\d+)"', text)[1]
    assert tuple(map(int, env["python"].split("."))) >= tuple(map(int, floor.split(".")))
