"""Qt-free mask helpers: import conversion, export, validation, coverage."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from studio.core import masks


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_alpha_png_transparent_means_edit() -> None:
    img = Image.new("RGBA", (8, 4), (10, 20, 30, 255))
    img.putpixel((1, 1), (10, 20, 30, 0))
    img.putpixel((2, 1), (10, 20, 30, 100))  # mostly transparent -> edit
    img.putpixel((3, 1), (10, 20, 30, 200))  # mostly opaque -> keep
    m = masks.mask_from_png(png_bytes(img), (8, 4))
    assert m.style is masks.MaskStyle.ALPHA
    assert (m.width, m.height) == (8, 4)
    assert len(m.data) == 32
    assert m.data[1 * 8 + 1] == 255
    assert m.data[1 * 8 + 2] == 255
    assert m.data[1 * 8 + 3] == 0
    assert m.data.count(255) == 2
    assert set(m.data) == {0, 255}


def test_greyscale_black_means_edit_like_the_tu_zi_conversion() -> None:
    img = Image.new("L", (6, 3), 255)
    img.putpixel((0, 0), 0)
    img.putpixel((5, 2), 40)
    img.putpixel((3, 1), 200)
    m = masks.mask_from_png(png_bytes(img), (6, 3))
    assert m.style is masks.MaskStyle.GREYSCALE
    assert m.data[0] == 255
    assert m.data[2 * 6 + 5] == 255
    assert m.data[1 * 6 + 3] == 0
    assert m.data.count(255) == 2

    # the tu-zi seed turns the grey level into the alpha: the same pixels end up transparent
    seed = img.convert("RGBA")
    seed.putalpha(img)
    from_seed = masks.mask_from_png(png_bytes(seed), (6, 3))
    assert from_seed.style is masks.MaskStyle.ALPHA
    assert from_seed.data == m.data


def test_opaque_rgb_black_and_white_is_greyscale_style() -> None:
    img = Image.new("RGB", (4, 4), (255, 255, 255))
    img.putpixel((2, 2), (0, 0, 0))
    m = masks.mask_from_png(png_bytes(img))
    assert m.style is masks.MaskStyle.GREYSCALE
    assert m.data.count(255) == 1 and m.data[2 * 4 + 2] == 255


def test_wrong_size_names_both_sizes() -> None:
    data = png_bytes(Image.new("L", (30, 20), 0))
    with pytest.raises(ValueError) as err:
        masks.mask_from_png(data, (64, 48), name="holes.png")
    text = str(err.value)
    assert "holes.png" in text
    assert "30×20" in text
    assert "64×48" in text


def test_unreadable_file_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match="not a readable image"):
        masks.mask_from_png(b"<html>not a png</html>", name="page.html")


def test_invert_and_coverage() -> None:
    data = bytes([0, 255, 255, 0, 0, 0, 0, 0])
    assert masks.mask_coverage(data, 4, 2) == pytest.approx(0.25)
    assert masks.invert_mask(data) == bytes([255, 0, 0, 255, 255, 255, 255, 255])
    assert not masks.mask_is_empty(data, 4, 2)
    assert masks.mask_is_empty(bytes(8), 4, 2)


def test_coverage_ignores_row_padding() -> None:
    # 3 pixels a row, stride 4: the padding byte (255) must not count
    data = bytes([255, 0, 0, 255, 0, 0, 0, 255])
    assert masks.mask_coverage(data, 3, 2, stride=4) == pytest.approx(1 / 6)
    assert masks.mask_is_empty(bytes([0, 0, 0, 255, 0, 0, 0, 255]), 3, 2, stride=4)


def test_export_is_opaque_source_with_alpha_zero_where_masked() -> None:
    w, h = 5, 3
    src = Image.new("RGBA", (w, h))
    for y in range(h):
        for x in range(w):
            src.putpixel((x, y), (x * 40, y * 80, 7, 128))  # half-transparent source
    mask = bytearray(w * h)
    mask[0] = 255
    mask[w * 2 + 4] = 255
    out = masks.mask_png_from_alpha(src.tobytes(), bytes(mask), w, h)
    with Image.open(io.BytesIO(out)) as img:
        assert img.format == "PNG"
        assert img.size == (w, h)
        rgba = img.convert("RGBA")
    for y in range(h):
        for x in range(w):
            r, g, b, a = rgba.getpixel((x, y))  # type: ignore[misc]
            edit = mask[y * w + x] == 255
            assert a == (0 if edit else 255)
            if not edit:
                assert (r, g, b) == (x * 40, y * 80, 7)
    assert masks.check_mask_png(out, (w, h)) == []


def test_export_respects_strides() -> None:
    w, h = 3, 2
    # source stride 16 (4 bytes of padding a row), mask stride 4
    row0 = bytes([1, 2, 3, 255] * 3) + b"\xee" * 4
    row1 = bytes([4, 5, 6, 255] * 3) + b"\xee" * 4
    mask = bytes([255, 0, 0, 9, 0, 0, 255, 9])
    out = masks.mask_png_from_alpha(row0 + row1, mask, w, h, source_stride=16, mask_stride=4)
    with Image.open(io.BytesIO(out)) as img:
        rgba = img.convert("RGBA")
        px = [rgba.getpixel((x, y)) for y in range(h) for x in range(w)]
    assert px == [
        (1, 2, 3, 0),
        (1, 2, 3, 255),
        (1, 2, 3, 255),
        (4, 5, 6, 255),
        (4, 5, 6, 255),
        (4, 5, 6, 0),
    ]


def test_round_trip_export_then_import() -> None:
    w, h = 16, 9
    mask = bytes(255 if (x + y) % 3 == 0 else 0 for y in range(h) for x in range(w))
    src = Image.new("RGB", (w, h), (90, 90, 90))
    out = masks.mask_png_from_image_file(src, mask)
    back = masks.mask_from_png(out, (w, h))
    assert back.style is masks.MaskStyle.ALPHA
    assert back.data == mask


def test_check_mask_png_reports_the_rules() -> None:
    soft = Image.new("RGBA", (4, 4), (0, 0, 0, 255))
    soft.putpixel((0, 0), (0, 0, 0, 128))
    problems = masks.check_mask_png(png_bytes(soft), (8, 8), name="m.png")
    assert any("4×4" in p and "8×8" in p for p in problems)
    assert any("between 0 and 255" in p for p in problems)
    assert any("no transparent pixel" in p for p in problems)
    no_alpha = masks.check_mask_png(png_bytes(Image.new("RGB", (2, 2))), (2, 2))
    assert any("no alpha channel" in p for p in no_alpha)
    jpeg = io.BytesIO()
    Image.new("RGB", (2, 2)).save(jpeg, format="JPEG")
    assert any("not PNG" in p for p in masks.check_mask_png(jpeg.getvalue(), (2, 2)))


def test_too_big_for_the_api_falls_back_to_a_colourless_mask() -> None:
    w, h = 64, 64
    noise = Image.effect_noise((w, h), 80).convert("RGBA")
    mask = bytes(255 if x < 10 else 0 for y in range(h) for x in range(w))
    with_colours = masks.mask_png_from_alpha(noise.tobytes(), mask, w, h)
    small = masks.mask_png_from_alpha(noise.tobytes(), mask, w, h, max_bytes=len(with_colours) - 1)
    assert len(small) < len(with_colours)
    with Image.open(io.BytesIO(small)) as img:
        rgba = img.convert("RGBA")
    assert rgba.size == (w, h)
    assert rgba.getpixel((0, 0)) == (0, 0, 0, 0)
    assert rgba.getpixel((40, 5)) == (0, 0, 0, 255)
    assert masks.mask_from_png(small, (w, h)).data == mask
    with Image.open(io.BytesIO(with_colours)) as img:
        assert img.convert("RGBA").getpixel((40, 5))[:3] == noise.getpixel((40, 5))[:3]  # type: ignore[index]


def test_a_clearly_oversized_photo_goes_colourless_and_a_flat_image_keeps_colours() -> None:
    w, h = 512, 512  # 1 MB of pixels against a 100 kB limit
    mask = bytes(255 if y < 100 else 0 for y in range(h) for x in range(w))
    noise = Image.effect_noise((w, h), 90).convert("RGBA")
    out = masks.mask_png_from_alpha(noise.tobytes(), mask, w, h, max_bytes=100_000)
    with Image.open(io.BytesIO(out)) as img:
        assert img.convert("RGBA").getpixel((7, 300)) == (0, 0, 0, 255)
    assert masks.mask_from_png(out, (w, h)).data == mask

    flat = Image.new("RGBA", (w, h), (200, 30, 60, 255))
    out = masks.mask_png_from_alpha(flat.tobytes(), mask, w, h, max_bytes=100_000)
    with Image.open(io.BytesIO(out)) as img:
        assert img.convert("RGBA").getpixel((7, 300)) == (200, 30, 60, 255)
    assert masks.mask_from_png(out, (w, h)).data == mask


def test_a_source_without_padding_after_its_last_row_is_read() -> None:
    row0 = bytes([1, 2, 3, 255] * 3) + b"\xee" * 4
    row1 = bytes([4, 5, 6, 255] * 3)  # the last row ends at the pixels
    out = masks.mask_png_from_alpha(row0 + row1, bytes(6), 3, 2, source_stride=16)
    with Image.open(io.BytesIO(out)) as img:
        assert img.convert("RGBA").getpixel((2, 1)) == (4, 5, 6, 255)


def test_a_dithered_mask_over_the_limit_gets_zlibs_hardest_try() -> None:
    import random

    w, h = 512, 512
    rng = random.Random(7)
    mask = bytes(rng.choice((0, 255)) for _ in range(w * h))
    quick = masks.colourless_mask_png(mask, w, h)
    hard = masks.colourless_mask_png(mask, w, h, level=9)
    assert len(hard) < len(quick)
    noise = Image.effect_noise((w, h), 90).convert("RGBA")
    out = masks.mask_png_from_alpha(noise.tobytes(), mask, w, h, max_bytes=len(hard))
    assert len(out) <= len(hard)
    assert masks.mask_from_png(out, (w, h)).data == mask
