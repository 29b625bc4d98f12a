"""What a job needs loaded, loaded before the first job asks for it.

Importing holds the interpreter lock: a process's first job would import the HTTP
stack, the reply readers and Pillow's image plugins on its worker thread, about a
hundred modules, and the window cannot paint while a worker holds the lock. The first
batch of a session stalled the window for up to 50 ms that way. The window calls
:func:`warm_up` on a worker once it has painted, while the person is still reading it;
the CLI does not (a command runs one job and exits: it would only pay the same
imports earlier).
"""

from __future__ import annotations

import importlib

#: what the first job imports (found by listing ``sys.modules`` around a first job)
JOB_MODULES = (
    "studio.core.events",  # (the window's start leaves a job's own types out too)
    "studio.core.result",
    "studio.core.client",
    "studio.core.provider_client",
    "studio.core.pool",
    "studio.core.responses",
    "studio.core.pngcheck",
    "studio.core.errorparse",
    "studio.core.retry",
    "studio.core.wire",
    "studio.core.costs",
    "encodings.idna",  # a host name's encoding, on the first connection
    "httpcore",
    "h11",
    "httpx._transports.default",
    "PIL.Image",
    "PIL.ImageOps",
    "PIL.ExifTags",
)


def warm_up(also: tuple[str, ...] = ()) -> int:
    """Import every module of :data:`JOB_MODULES` and ``also`` (the caller's own layers:
    core names none of them) and Pillow's common image plugins; returns how many modules
    are loaded now (what the caller shows, if anything)."""
    import sys

    for name in (*JOB_MODULES, *also):
        importlib.import_module(name)
    from PIL import Image

    Image.preinit()  # BMP, GIF, JPEG, PPM, PNG: what replies and inputs are
    return len(sys.modules)
