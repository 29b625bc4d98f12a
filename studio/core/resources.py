"""Locating the data shipped inside the package (``studio/resources``).

The capability tables, ``providers.toml`` and the compiled translations live in
the ``studio.resources`` package, so a source checkout, an installed wheel and
the PyInstaller bundle all find them the same way: through ``importlib.resources``.
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path

PACKAGE = "studio.resources"


@functools.cache
def resources_dir() -> Path:
    """The folder holding the package data, as a real path (Qt and ``glob`` need one)."""
    # a checkout, a wheel and the PyInstaller bundle keep the package in a real folder:
    # found from the package itself, without loading importlib.resources (and zipfile)
    where = getattr(importlib.import_module(PACKAGE), "__file__", None)
    if where and (folder := Path(where).parent).joinpath("providers.toml").is_file():
        return folder
    from importlib.resources import files  # any other importer (a zip, say)

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
