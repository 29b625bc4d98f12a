"""The metadata reader's core sentences, listed for translation (see ``core_text``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# studio/core/metadata_read.py
METADATA_MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "core", "The {key} text is {size:,} bytes, over the {limit:,} read; it was skipped."
    ),
    QT_TRANSLATE_NOOP(
        "core", "The {key} JSON is nested more than {limit} levels deep; it was skipped."
    ),
    QT_TRANSLATE_NOOP("core", "The file could not be read: {reason}."),
    QT_TRANSLATE_NOOP("core", "The file is cut short or broken; what came before that was read."),
    QT_TRANSLATE_NOOP(
        "core", "The {key} text grows past {limit:,} bytes when decompressed; it was skipped."
    ),
    QT_TRANSLATE_NOOP("core", "The XMP declares a DTD, which the studio never reads."),
    QT_TRANSLATE_NOOP(
        "core",
        "The file holds more than {limit:,} bytes of compressed text; the rest was skipped.",
    ),
    QT_TRANSLATE_NOOP("core", "The {key} text is not valid JSON; it was skipped."),
    QT_TRANSLATE_NOOP("core", "The {key} text is not valid UTF-8; it was skipped."),
    QT_TRANSLATE_NOOP("core", "The {key} text is not valid compressed data; it was skipped."),
    QT_TRANSLATE_NOOP("core", "The XMP is not well-formed XML; it was skipped."),
    QT_TRANSLATE_NOOP(
        "core", "The studio reads metadata only from PNG, JPEG, WebP, GIF and SVG files."
    ),
    # studio/core/metadata_read_gifsvg.py
    QT_TRANSLATE_NOOP("core", "The GIF holds more blocks than are read; the rest was skipped."),
    QT_TRANSLATE_NOOP("core", "The drawing is {size:,} bytes; only the first {limit:,} were read."),
    QT_TRANSLATE_NOOP(
        "core",
        "The drawing declares a DTD or entities, which the studio never reads; "
        "its metadata was skipped.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The drawing has more than {limit:,} elements or nests deeper than {depth} "
        "levels; the rest was skipped.",
    ),
)
