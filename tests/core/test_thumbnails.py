"""Thumbnails: 2x size, cached by content, alpha kept, no metadata copied."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, PngImagePlugin

from studio.core.thumbnails import SCALE, thumbnail_for


def _px(im: Image.Image, xy: tuple[int, int], mode: str = "RGB") -> tuple[int, ...]:
    value: Any = im.convert(mode).getpixel(xy)
    return tuple(value)


def _save(path: Path, img: Image.Image, fmt: str, **kw: object) -> Path:
    img.save(path, fmt, **kw)
    return path


def test_thumbnail_is_twice_the_size_and_keeps_aspect(tmp_path: Path) -> None:
    src = _save(tmp_path / "wide.png", Image.new("RGB", (2000, 1000), (255, 0, 0)), "PNG")
    thumb = thumbnail_for(src, tmp_path / "thumbs", 128)
    with Image.open(thumb) as im:
        assert im.size == (128 * SCALE, 128)
        assert im.format == "JPEG"
        r, g, b = _px(im, (10, 10))
        assert r > 240 and g < 15 and b < 15


def test_small_images_are_not_enlarged(tmp_path: Path) -> None:
    src = _save(tmp_path / "tiny.png", Image.new("RGB", (40, 30), (0, 0, 255)), "PNG")
    with Image.open(thumbnail_for(src, tmp_path / "thumbs", 256)) as im:
        assert im.size == (40, 30)


def test_transparency_survives(tmp_path: Path) -> None:
    img = Image.new("RGBA", (600, 600), (0, 255, 0, 255))
    img.paste((0, 0, 0, 0), (0, 0, 300, 600))
    src = _save(tmp_path / "alpha.png", img, "PNG")
    thumb = thumbnail_for(src, tmp_path / "thumbs", 100)
    assert thumb.suffix == ".png"
    with Image.open(thumb) as im:
        assert im.size == (200, 200)
        assert _px(im, (10, 100), "RGBA")[3] == 0
        assert _px(im, (190, 100), "RGBA") == (0, 255, 0, 255)


def test_cached_by_content_and_size(tmp_path: Path) -> None:
    thumbs = tmp_path / "thumbs"
    a = _save(tmp_path / "a.png", Image.new("RGB", (800, 800), (9, 9, 9)), "PNG")
    b = tmp_path / "copy-of-a.png"
    b.write_bytes(a.read_bytes())
    first = thumbnail_for(a, thumbs, 64)
    assert thumbnail_for(b, thumbs, 64) == first  # same bytes, same thumbnail
    stamp = first.stat().st_mtime_ns
    assert thumbnail_for(a, thumbs, 64).stat().st_mtime_ns == stamp  # not re-rendered
    assert thumbnail_for(a, thumbs, 32) != first  # another size, another file
    c = _save(tmp_path / "c.png", Image.new("RGB", (800, 800), (10, 9, 9)), "PNG")
    assert thumbnail_for(c, thumbs, 64) != first
    leftovers = [p.name for p in thumbs.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_no_metadata_is_copied(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("prompt", "secret prompt text")
    src = _save(
        tmp_path / "meta.png", Image.new("RGBA", (700, 500), (1, 2, 3, 255)), "PNG", pnginfo=info
    )
    exif = Image.Exif()
    exif[0x010E] = "camera description"  # ImageDescription
    jpg = _save(
        tmp_path / "meta.jpg", Image.new("RGB", (900, 600), (5, 5, 5)), "JPEG", exif=exif.tobytes()
    )
    for path in (src, jpg):
        data = thumbnail_for(path, tmp_path / "thumbs", 100).read_bytes()
        assert b"secret prompt" not in data and b"camera description" not in data
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif()
            assert "prompt" not in im.info


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    jpg = _save(
        tmp_path / "rot.jpg", Image.new("RGB", (400, 200), (0, 0, 0)), "JPEG", exif=exif.tobytes()
    )
    with Image.open(thumbnail_for(jpg, tmp_path / "thumbs", 256)) as im:
        assert im.size == (200, 400)


def test_large_jpeg_is_decoded_reduced(tmp_path: Path) -> None:
    jpg = _save(tmp_path / "big.jpg", Image.new("RGB", (4000, 3000), (200, 100, 50)), "JPEG")
    with Image.open(thumbnail_for(jpg, tmp_path / "thumbs", 256)) as im:
        assert im.size == (512, 384)
        r, g, b = _px(im, (100, 100))
        assert abs(r - 200) < 6 and abs(g - 100) < 6 and abs(b - 50) < 6


def test_the_default_thumbnail_fits_a_gallery_tile_on_a_2x_screen(tmp_path: Path) -> None:
    """320 px on the long side (a 160 px tile at 2x), no larger: disk per job stays small."""
    from studio.core.thumbnails import DEFAULT_SIZE

    img = Image.new("RGB", (1536, 1024), (20, 120, 220))
    img.paste((250, 250, 250), (0, 0, 768, 1024))
    src = _save(tmp_path / "wide.jpg", img, "JPEG", quality=92)
    with Image.open(thumbnail_for(src, tmp_path / "thumbs")) as im:
        assert DEFAULT_SIZE * SCALE == 320
        assert im.size == (320, 213)
        assert max(abs(a - b) for a, b in zip(_px(im, (40, 100)), (250, 250, 250), strict=True)) < 8
        assert max(abs(a - b) for a, b in zip(_px(im, (280, 100)), (20, 120, 220), strict=True)) < 8


def test_a_jpeg_is_decoded_at_the_smallest_scale_that_still_fills_the_thumbnail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1536x1024 JPEG for a 320 px thumbnail (320x213) decodes at 1/4 (384x256): the
    square box alone would have asked for 1/2, four times the pixels."""
    from PIL import JpegImagePlugin

    decoded: list[tuple[int, int]] = []
    load = JpegImagePlugin.JpegImageFile.load

    def spy(self: JpegImagePlugin.JpegImageFile) -> object:
        decoded.append(self.size)
        return load(self)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "load", spy)
    img = Image.new("RGB", (1536, 1024), (20, 120, 220))
    src = _save(tmp_path / "wide.jpg", img, "JPEG", quality=92)
    with Image.open(thumbnail_for(src, tmp_path / "thumbs", 160)) as im:
        assert im.size == (320, 213)
        assert max(abs(a - b) for a, b in zip(_px(im, (160, 100)), (20, 120, 220), strict=True)) < 8
    assert decoded and decoded[0] == (384, 256)
