"""When Python's cycle collector runs: not while the program loads, and never over
what loading made.

Start-up allocates tens of thousands of objects that live as long as the process
(modules, classes, the window's widgets). The collector walked them again and again:
~150 passes and 48-58 ms before the window's first paint, ~60 passes and 10-17 ms of a
250 ms CLI ``generate``, and later full passes of 17-33 ms on whichever thread set one
off, while the window could not paint. ``image-studio`` pauses collection while it
loads and :func:`resume` freezes what exists (left out of every later pass; the few
hundred garbage objects of start-up stay) before turning it back on for the work.
"""

from __future__ import annotations

import gc

_frozen_once = False


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Freeze what exists and collect from now on, if :func:`pause` turned collection
    off; a caller that left it on (a test calling ``run_cli``) is left as it is."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def freeze_once() -> None:
    """Freeze what exists now, once per process: the window calls it when the modules a
    job needs are loaded, after the first paint."""
    global _frozen_once
    if not _frozen_once:
        _frozen_once = True
        gc.freeze()
