"""Create .venv with a working pip, even on a Debian machine without the python3-venv package.

Debian's python3 ships without ensurepip unless python3-venv is installed. Then we make the venv
without pip and install pip from its wheel on PyPI (a wheel is a zip that can run itself).
Standard library only: this runs before anything is installed.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

VENV = Path(sys.argv[1] if len(sys.argv) > 1 else ".venv")
PIP_VERSION = "25.3"


def main() -> int:
    python = VENV / "bin" / "python"
    if python.exists():
        return 0
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
        return 0
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"venv with pip failed ({exc}); installing pip from PyPI instead.", file=sys.stderr)
    venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
    with urllib.request.urlopen(f"https://pypi.org/pypi/pip/{PIP_VERSION}/json", timeout=60) as response:
        release = json.load(response)
    wheel_url = next(f["url"] for f in release["urls"] if f["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(tmp) / wheel_url.rsplit("/", 1)[-1]
        urllib.request.urlretrieve(wheel_url, wheel)  # noqa: S310 (a fixed https URL from PyPI)
        subprocess.run([str(python), f"{wheel}/pip", "install", "--quiet", str(wheel)], check=True)  # noqa: S603
    return 0


if __name__ == "__main__":
    sys.exit(main())
