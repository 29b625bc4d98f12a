"""PyInstaller runtime hook: give a windowed (console=False) launcher real stdio.

Windows/macOS windowed executables start with ``sys.stdout``/``sys.stderr`` set
to ``None``; any ``print`` or library warning would then crash the app. Point
them at the null device instead (the GUI logs to its file; the CLI uses the
console launcher, where the streams are real and this hook changes nothing).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
if sys.stdin is None:
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
