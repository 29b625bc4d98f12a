"""The ``markup`` part of an edit, as the 2.5 and 2.6 models take it, honoured visibly.

Refused like the real API: from a model that does not take it, together with a
mask, not a PNG, of another size than the first image after EXIF orientation,
or without transparent pixels. Honoured so a person sees in a second that it
arrived: the regions the annotations cover (widened a little) are repainted,
and the text notes the PNG carries (its "Markup notes" text chunk, which the
studio writes) are printed into the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

from studio.sandbox import imaging
from studio.sandbox.models import SandboxModel, invalid
from studio.sandbox.multipart import Part

#: the PNG text chunk with the notes (the studio's own key; other tools may not write it)
NOTES_KEY = "Markup notes"
_MAX_NOTES = 2000


@dataclass(frozen=True)
class Markup:
    """What the edit reads from the part: where the annotations are, and their notes."""

    alpha: Image.Image  # L, the markup's alpha
    notes: tuple[str, ...]


def oriented_size(image: Image.Image) -> tuple[int, int]:
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:
        orientation = 1
    w, h = image.size
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def read(part: Part, base: Image.Image, model: SandboxModel, has_mask: bool) -> Markup:
    if not model.markup:
        raise invalid("Unknown parameter: 'markup'.", "markup", "unknown_parameter")
    if has_mask:
        raise invalid(
            "'markup' cannot be combined with 'mask'. Provide one or the other.",
            "markup",
            "invalid_markup",
        )
    if not part.is_file or part.content_type != "image/png":
        raise invalid("Invalid markup image - markup must be a PNG file.", "markup")
    try:
        image = imaging.decode(part.data)
    except ValueError:
        raise invalid("Invalid markup image - markup must be a PNG file.", "markup") from None
    if image.format != "PNG":
        raise invalid("Invalid markup image - markup must be a PNG file.", "markup")
    if image.size != oriented_size(base):
        raise invalid(
            "Invalid markup image - markup size does not match image size "
            f"({image.width}x{image.height} vs {base.width}x{base.height}).",
            "markup",
            "invalid_markup",
        )
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    if alpha.getextrema()[0] != 0:
        raise invalid(
            "Invalid markup image - markup must contain transparent pixels.",
            "markup",
            "invalid_markup",
        )
    raw = image.info.get(NOTES_KEY, "")
    text = raw if isinstance(raw, str) else ""
    notes = tuple(line for line in text[:_MAX_NOTES].splitlines() if line.strip())
    return Markup(alpha, notes)


# What marks a note written into the result: a character every font drawn with has (a
# pencil, U+270E, was the missing-glyph box in the CJK fonts and in Pillow's own).
NOTE_MARK = "»"


def apply(result: Image.Image, source: Image.Image, markup: Markup) -> Image.Image:
    """``source`` (the resized input) with the covered regions taken from ``result`` (the
    repainted picture) and the notes written at the bottom; elsewhere unchanged."""
    size = source.size
    alpha = markup.alpha
    if alpha.size != size:
        alpha = alpha.resize(size, Image.Resampling.NEAREST)
    covered = alpha.point([0] + [255] * 255)
    grow = max(3, min(size) // 40) | 1  # an odd filter size
    region = covered.filter(ImageFilter.MaxFilter(grow))
    out = Image.composite(result, source.convert("RGBA"), region)
    if markup.notes:
        draw = ImageDraw.Draw(out)
        font_size = max(10, min(size) // 24)
        with imaging.text_lock():
            font = imaging.font(font_size)
            y = size[1] - font_size * 3 // 2 * len(markup.notes[:6]) - font_size
            for note in markup.notes[:6]:
                draw.text(
                    (font_size, y),
                    f"{NOTE_MARK} {note[:80]}",
                    font=font,
                    fill=(255, 255, 0, 255),
                    stroke_width=max(1, font_size // 12),
                    stroke_fill=(0, 0, 0, 255),
                )
                y += font_size * 3 // 2
    return out
