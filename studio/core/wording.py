"""How validation words things: shared pieces of the messages (lists, sizes, modes)."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from typing import Any

from studio.core.errors import Text
from studio.core.request import Mode

KNOWN_EXTRAS = ("seed", "aspect_ratio", "watermark", "negative_prompt")
_FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP", "gif": "GIF"}
#: the modes as words inside sentences (translatable; English equals the value)
_MODE_WORDS = {
    Mode.GENERATE: Text.of("generate"),
    Mode.EDIT: Text.of("edit"),
    Mode.VARIATIONS: Text.of("variations"),
}
#: what a model's table says it offers, as words inside sentences (translatable)
_ENDPOINT_WORDS = {
    "generate": Text.of("generate"),
    "edit": Text.of("edit"),
    "variations": Text.of("variations"),
    "stream": Text.of("stream"),
    "upload": Text.of("upload"),
}
_show = reprlib.Repr()
_show.maxstring = 60
_show.maxother = 60


def _text(value: Any) -> str:
    return value if isinstance(value, str) and len(value) <= 60 else _show.repr(value)


def _mode(mode: Mode) -> Text | str:
    return _MODE_WORDS.get(mode, str(mode))


def _offered(endpoints: Iterable[str]) -> object:
    """A model's endpoints as one translatable phrase ("edit, generate")."""
    words = [_ENDPOINT_WORDS.get(e, e) for e in sorted(endpoints)]
    return _join(words, "{a}, {b}") if words else Text.of("nothing")


def _same(a: Any, b: Any) -> bool:
    """Equality that does not confuse True with 1 or "1" with 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def _is_in(value: Any, allowed: tuple[Any, ...]) -> bool:
    return any(_same(value, c) for c in allowed)


def _list(values: tuple[Any, ...]) -> str:
    return ", ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values)


def plural(count: int, one: str, other: str) -> str:
    """The template for ``count`` things: ``one`` when there is exactly one, else
    ``other`` ("1 input image", "4 input images"), never "image(s)" after a number.

    Both are literal templates at the call (so the catalogue lists and translates each
    whole); a language with one form, as Chinese, says both alike."""
    return one if count == 1 else other


def _join(items: Iterable[object], template: str) -> object:
    """``items`` joined pairwise by ``template`` (e.g. "{a} or {b}"), as one phrase."""
    out: object = ""
    for i, item in enumerate(items):
        out = item if i == 0 else Text.of(template, a=out, b=item)
    return out


def _either(items: Iterable[object]) -> object:
    """'a or b or c' (translatable)."""
    return _join(items, "{a} or {b}")


def _fmt_bytes(n: int) -> str | Text:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return Text.of(plural(n, "{count} byte", "{count} bytes"), count=n)


def _over(size: int, limit: int) -> str | Text:
    """``size`` as text that visibly exceeds ``limit`` even when both round alike."""
    text, most = _fmt_bytes(size), _fmt_bytes(limit)
    return Text.of("just over {size}", size=most) if str(text) == str(most) else text
