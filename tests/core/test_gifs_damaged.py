"""A damaged GIF (a file dropped on the viewer, a reply cut short) gives a ValueError
from ``gif_timing``, never whatever Pillow's reader hit on the way."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from studio.core.gifs import gif_timing


def _gif() -> bytes:
    """Two 20×20 frames, 50 and 70 ms."""
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[50, 70])
    return out.getvalue()


def test_whole_frames_are_read() -> None:
    assert gif_timing(_gif()).durations == (50, 70)


def _cut_descriptor() -> bytes:
    """A third frame whose image descriptor ends after two bytes."""
    whole = _gif()
    assert whole.endswith(b"\x3b")  # the trailer
    return whole[:-1] + b"\x2c\x00"


def _bomb() -> bytes:
    """The logical screen claims 65535 × 65535 pixels."""
    whole = _gif()
    return whole[:6] + struct.pack("<HH", 65535, 65535) + whole[10:]


@pytest.mark.parametrize("make", [_cut_descriptor, _bomb], ids=["cut-descriptor", "bomb"])
def test_a_damaged_gif_is_a_value_error(make: object) -> None:
    data = make()  # type: ignore[operator]
    with pytest.raises(ValueError, match="not a readable GIF"):
        gif_timing(data)
