"""Loading what a job needs ahead: after ``warm_up`` a first job imports nothing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from studio.sandbox.server import SandboxServer

FIRST_JOB = """
import sys
from pathlib import Path
from studio.core.warm import warm_up
from studio.core.service import Studio
from studio.core.providers import AuthStyle, Provider
from studio.core.request import ImageRequest, Mode

studio = Studio.open(Path(sys.argv[1]), recover=False)
provider = Provider(id="t", name="t", base_url=sys.argv[2], auth=AuthStyle.NONE,
                    models=("dall-e-2",), default_model="dall-e-2", builtin=False)
if sys.argv[3] == "warm":
    warm_up()
before = set(sys.modules)
out = studio.run_job(provider, ImageRequest(Mode.GENERATE, "dall-e-2", "a fox",
                                            {"size": "256x256"}), source="test")
assert out.error is None, out.error
print(sorted(set(sys.modules) - before))
studio.close()
"""


def _first_job_imports(tmp_path: Path, base_url: str, mode: str) -> list[str]:
    """What a fresh process's first job imports (the sandbox is another process's)."""
    out = subprocess.run(
        [sys.executable, "-c", FIRST_JOB, str(tmp_path / mode), base_url, mode],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    found: list[str] = ast.literal_eval(out.stdout.strip().splitlines()[-1])
    return found


def test_after_warm_up_a_first_job_imports_nothing(tmp_path: Path, sandbox: SandboxServer) -> None:
    cold = _first_job_imports(tmp_path, sandbox.base_url, "cold")
    assert "studio.core.client" in cold and "h11" in cold  # what warming is for
    assert _first_job_imports(tmp_path, sandbox.base_url, "warm") == []
