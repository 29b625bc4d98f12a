"""Result formats: what the bytes are and whether that is what the reply declared
(an animated GIF's timing is read by :mod:`studio.core.gifs`).

Replies of the GPT image models say what their images are only once, in the
top-level ``output_format`` (there is no per-image field); the bytes are then
checked against it, so a GIF announced as a PNG (or a PNG announced as an SVG)
is caught as a broken reply instead of being stored under the wrong name.
"""

from __future__ import annotations

#: every result format the studio stores
RESULT_FORMATS = ("png", "jpeg", "webp", "gif", "svg")
#: file extension per format
EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp", "gif": "gif", "svg": "svg"}
_DECLARED_ALIASES = {"jpg": "jpeg"}


def declared_format(value: object) -> str | None:
    """A reply's ``output_format`` as a format name, or None when absent or unknown."""
    if not isinstance(value, str):
        return None
    name = value.strip().lower()
    name = _DECLARED_ALIASES.get(name, name)
    return name if name in RESULT_FORMATS else None


def sniff_format(data: bytes) -> str | None:
    """The format the bytes themselves show (None when none of the result formats)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    from studio.core.svgsafe import looks_like_svg  # loaded only for what no signature named

    if looks_like_svg(data):
        return "svg"
    return None
