"""Locating the data shipped inside the package (``studio/resources``).

The capability tables, ``providers.toml`` and the compiled translations live in
the ``studio.resources`` package, so a source checkout, an installed wheel and
the PyInstaller bundle all find them the same way: through ``importlib.resources``.
"""

from __future__ import annotations

import functools
import sys
from importlib.resources import files
from pathlib import Path

PACKAGE = "studio.resources"


@functools.cache
def resources_dir() -> Path:
    """The folder holding the package data, as a real path (Qt and ``glob`` need one)."""
    root = files(PACKAGE)
    if isinstance(root, Path):
        return root
    # a frozen bundle whose importer hands out a non-path reader: the data sits unpacked
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle).joinpath(*PACKAGE.split("."))
    raise RuntimeError(f"the {PACKAGE} data is not on the file system ({root!r})")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
