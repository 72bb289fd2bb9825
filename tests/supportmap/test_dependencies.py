"""Installs are reproducible: requirements.lock pins, with hashes, everything pyproject.toml names."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\[\]-]+?)(?:\[[^\]]*\])?==([^\s;]+)$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    entries = re.findall(
        r"^([a-z0-9][a-z0-9_.-]*)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M
    )
    return {normalise(name): version for name, version, _ in entries}


def test_every_dependency_in_pyproject_is_pinned_and_locked_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    lock = locked()
    for requirement in wanted:
        match = PIN.match(requirement)
        assert match, f"{requirement} is not pinned with =="
        name, version = normalise(match.group(1)), match.group(2)
        assert lock.get(name) == version, f"{name}=={version} is not in requirements.lock: run make lock"


def test_every_locked_package_has_a_hash():
    text = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^[a-z0-9][a-z0-9_.-]*==\S+", text, re.M)
    assert len(pins) == len(locked()) > 30
