"""Keep PySide6 6.12 on Python 3.11 from deallocating None, True and False.

Its generated wrappers hand back ``None`` (every void method), ``True`` (every
``Signal.emit`` and ``connect``) and invalid ``QVariant`` s as ``None`` without
taking a reference. From Python 3.12 these objects are immortal and nothing
happens; on 3.11 their counts reach zero after a few thousand calls (a gallery
repainting while it scrolls, a thumbnail signal per tile) and the interpreter
aborts with "none_dealloc" / "bool_dealloc". Until the project requires Python
>= 3.12, give them counts no session can exhaust (the same idea as
``studio.ui.canvas.refcount_guard``, extended to the booleans). No-op on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_done = False


def protect_singletons() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object; id() is its address
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    _done = True
