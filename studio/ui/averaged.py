"""A picture averaged down to its size on screen, for drawing it well under half size.

Drawn straight, a painter's smooth hint samples the picture, and thin lines and small
text (a Chinese prompt on a sandbox picture) break up into specks; averaged down once,
they stay readable. The result viewer and the mask canvas both draw through here, so
the copies are kept in one place: the newest few, keyed by picture and size.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

#: copies kept (the viewer, the mask editor and the conversation's painter may each show one)
KEPT = 3
_copies: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()


def averaged_down(image: QImage, width: int, height: int) -> QImage | None:
    """``image`` averaged down to ``width`` × ``height`` device pixels, or None when that
    is half its size or more (drawn as it is then)."""
    if image.isNull() or width <= 0 or height <= 0:
        return None
    if width * 2 > image.width() or height * 2 > image.height():
        return None
    key = (image.cacheKey(), width, height)
    small = _copies.get(key)
    if small is None:
        small = image.scaled(
            width,
            height,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        _copies[key] = small
        while len(_copies) > KEPT:
            _copies.popitem(last=False)
    else:
        _copies.move_to_end(key)
    return small
