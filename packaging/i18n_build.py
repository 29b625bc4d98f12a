"""Regenerate the translation catalogue: ``uv run python packaging/i18n_build.py``.

Runs ``pyside6-lupdate`` over every UI module (and ``studio/app.py``) to update
``studio/resources/translations/studio_zh_CN.ts`` (translations already there are
kept; no source locations, so that parallel changes to the UI do not all collide on
line numbers), then ``pyside6-lrelease`` to compile the ``.qm`` the app loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "studio" / "resources" / "translations"
LANGS = ("zh_CN",)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    files = [*sorted((ROOT / "studio" / "ui").rglob("*.py")), ROOT / "studio" / "app.py"]
    return [str(f.relative_to(ROOT)) for f in files if f.exists()]


def main() -> int:
    out = TRANSLATIONS
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        ts = out / f"studio_{lang}.ts"
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *sources(),
                "-no-obsolete",
                "-locations",
                "none",
                "-ts",
                str(ts),
            ],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(out / f"studio_{lang}.qm")],
            cwd=ROOT,
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
