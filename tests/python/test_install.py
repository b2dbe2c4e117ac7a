"""The package installs offline into a virtual environment and works there.

Builds the extension with Debian's setuptools and pybind11 (no network, no build isolation),
then imports the installed package from outside the source tree.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def clean_env():
    """The environment without PYTHONPATH, so the venv sees only what pip installed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["MAX_JOBS"] = "2"
    return env


def test_pip_install_into_a_venv_and_use_it(tmp_path):
    if sys.executable != "/usr/bin/python3" and not os.path.exists("/usr/bin/python3"):
        pytest.fail("Debian's /usr/bin/python3 is required")
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    # Build from a copy so the source tree's build-pip/ and egg-info stay untouched.
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("build*", ".git", ".venv", "__pycache__"))
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--no-build-isolation", "--no-index", "-q", str(src)],
        capture_output=True, text=True, env=clean_env(),
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    script = textwrap.dedent(
        """
        import charter, numpy as np
        from datetime import datetime, timedelta
        assert "site-packages" in charter.__file__, charter.__file__
        cn = charter.calendars.china()
        assert cn.add(datetime(2025, 9, 30, 17, 30), timedelta(hours=24)) == datetime(2025, 10, 11, 13, 0)
        out = cn.add_many(np.array(["2025-09-30T17:30"], dtype="datetime64[s]"), timedelta(hours=24))
        assert out[0] == np.datetime64("2025-10-11T13:00")
        print("ok")
        """
    )
    run = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=tmp_path, capture_output=True, text=True, env=clean_env())
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "ok"
