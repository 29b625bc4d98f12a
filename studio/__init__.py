"""Image Studio: a desktop studio for OpenAI-compatible image APIs."""

from __future__ import annotations

from functools import cache

__all__ = ["APP_ID", "APP_NAME", "ORG_DOMAIN", "ORG_NAME", "version"]


@cache
def version() -> str:
    """The version from the package metadata (pyproject is its one home).

    Looked up on demand: importlib.metadata costs ~30 ms, which every CLI run
    would pay at import time. The PyInstaller bundle carries the metadata too."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("image-studio")
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'studio' has no attribute {name!r}")


APP_NAME = "Image Studio"
APP_ID = "image-studio"
ORG_NAME = "ImageStudio"
ORG_DOMAIN = "imagestudio.app"
