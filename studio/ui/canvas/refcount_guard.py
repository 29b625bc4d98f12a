"""Work around PySide6 6.12 on Python 3.11: void Qt method calls drop references to None.

PySide6 6.12's generated wrappers return ``None`` without taking a reference
(and some paths do the same with ``True``/``False``). From Python 3.12 on these
objects are immortal and nothing happens; on 3.11 the count reaches zero after
some tens of thousands of calls (a few thousand brush moves) and the
interpreter aborts with "none_dealloc: deallocating None".

The real fix is Python >= 3.12 for this project; until then this gives the
three singletons a reference count no session can exhaust. No-op on 3.12+.
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
