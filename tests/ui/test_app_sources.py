"""PySide6 asks of each module imported after it whether its source names PySide6; the
app answers from the file's bytes, with the answers PySide's own check gives."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest


def test_pyside_hears_which_modules_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.app import create_application

    create_application([])
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert getattr(check, "by_bytes", False)  # the app's check is the one PySide calls
    (tmp_path / "studio_probe_qt.py").write_text("# drawn with PySide6 widgets\nVALUE = 1\n")
    (tmp_path / "studio_probe_plain.py").write_text("VALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        qt_mod = importlib.import_module("studio_probe_qt")
        plain = importlib.import_module("studio_probe_plain")
        # the same answers as reading the source the way PySide does
        assert "PySide6" in inspect.getsource(qt_mod)
        assert check(qt_mod) is True
        assert "PySide6" not in inspect.getsource(plain)
        assert check(plain) is False
        assert check(sys) is False  # a built-in goes to PySide's own check
    finally:
        for name in ("studio_probe_qt", "studio_probe_plain"):
            sys.modules.pop(name, None)
