"""The layer rules: core and the CLI never import the sandbox or Qt.

Checked twice: over the source (every import statement, lazy ones inside functions
included, and ``importlib.import_module`` / ``__import__`` with a literal name), and
by importing the modules in a fresh interpreter and looking at ``sys.modules``.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "studio"
#: what core and the CLI must never import (Qt bindings under any name, and the sandbox)
FORBIDDEN = ("studio.sandbox", "PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def guarded_files() -> list[Path]:
    return [*sorted((STUDIO / "core").rglob("*.py")), STUDIO / "cli.py"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(source: str, module: str) -> set[str]:
    """Every module name ``source`` imports, wherever the import statement sits."""
    package = module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
    return names


def forbidden(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN))


def test_the_scanner_sees_every_kind_of_import() -> None:
    source = (
        "import os\n"
        "from studio.core import errors\n"
        "def later():\n"
        "    from studio.sandbox.embedded import get_embedded_sandbox\n"
        "    import PySide6.QtCore\n"
        "    importlib.import_module('shiboken6')\n"
        "class C:\n"
        "    def m(self):\n"
        "        from ..sandbox import server\n"
    )
    found = forbidden(imported_names(source, "studio.core.example"))
    assert "studio.sandbox.embedded" in found
    assert "PySide6.QtCore" in found
    assert "shiboken6" in found
    assert "studio.sandbox.server" in found
    assert "studio.core.errors" not in found and "os" not in found


def test_core_and_cli_source_never_import_the_sandbox_or_qt() -> None:
    files = guarded_files()
    assert STUDIO / "core" / "service.py" in files and len(files) > 20
    offenders = {
        str(path.relative_to(ROOT)): bad
        for path in files
        if (bad := forbidden(imported_names(path.read_text("utf-8"), module_name(path))))
    }
    assert offenders == {}


def test_importing_core_and_the_cli_loads_neither_the_sandbox_nor_qt(studio_home: Path) -> None:
    modules = [module_name(p) for p in guarded_files()]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from studio.cli import run_cli\n"
        "rc = run_cli(['history', '--json'])\n"
        "print(json.dumps({'rc': rc, 'modules': sorted(sys.modules)}), file=sys.stderr)\n"
    )
    env = {**os.environ, "IMAGE_STUDIO_HOME": str(studio_home), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["rc"] == 0
    loaded = set(report["modules"])
    assert {"studio.cli", "studio.core.service", "studio.core.client"} <= loaded
    assert forbidden(loaded) == []
