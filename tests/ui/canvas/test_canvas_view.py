"""The canvas view transform (no Qt needed)."""

from __future__ import annotations

import itertools

import pytest

from studio.ui.canvas.view import MAX_SCALE, MIN_SCALE, ViewTransform


def test_round_trip() -> None:
    v = ViewTransform(scale=2.5, offset_x=-13.0, offset_y=40.0)
    wx, wy = v.to_widget(10.0, 20.0)
    assert (wx, wy) == (12.0, 90.0)
    assert v.to_image(wx, wy) == pytest.approx((10.0, 20.0))


# a grid rather than hypothesis: hypothesis leaves a .hypothesis folder in the checkout,
# which the project's norecursedirs setting then turns into a collection error
_GRID = list(
    itertools.product(
        [0.05, 0.3, 1.0, 3.0, 17.0],  # scale
        [0.1, 0.8, 1.25, 7.0],  # factor
        [-4000.5, 0.0, 123.25],  # offset
        [(0.0, 0.0), (399.5, 17.0), (1999.0, 1500.0)],  # cursor
    )
)


@pytest.mark.parametrize(("scale", "factor", "off", "cursor"), _GRID)
def test_zoom_keeps_the_point_under_the_cursor(
    scale: float, factor: float, off: float, cursor: tuple[float, float]
) -> None:
    v = ViewTransform(scale, off, -off / 2)
    wx, wy = cursor
    before = v.to_image(wx, wy)
    v.zoom_at(factor, wx, wy)
    assert v.to_image(wx, wy) == pytest.approx(before, rel=1e-9, abs=1e-6)
    assert v.scale == pytest.approx(min(MAX_SCALE, max(MIN_SCALE, scale * factor)))
    assert MIN_SCALE <= v.scale <= MAX_SCALE


def test_zoom_is_clamped() -> None:
    v = ViewTransform()
    v.zoom_at(1e6, 0, 0)
    assert v.scale == MAX_SCALE
    v.zoom_at(1e-9, 0, 0)
    assert v.scale == MIN_SCALE


def test_fit_centres_and_fits() -> None:
    v = ViewTransform()
    v.fit(4000, 2000, 816, 616, margin=8)
    assert v.scale == pytest.approx(0.2)
    left, top = v.to_widget(0, 0)
    right, bottom = v.to_widget(4000, 2000)
    assert left == pytest.approx(8.0)
    assert right == pytest.approx(808.0)
    assert (top + bottom) / 2 == pytest.approx(308.0)


def test_fit_never_enlarges_a_small_image() -> None:
    v = ViewTransform()
    v.fit(100, 50, 800, 600)
    assert v.scale == 1.0
    assert v.to_widget(0, 0) == (350.0, 275.0)


def test_actual_size_is_pixel_exact_and_keeps_the_centre() -> None:
    v = ViewTransform(scale=0.37, offset_x=11.3, offset_y=-7.9)
    centre_before = v.to_image(400, 300)
    v.actual_size(4096, 4096, 800, 600)
    assert v.scale == 1.0
    assert v.offset_x == int(v.offset_x) and v.offset_y == int(v.offset_y)
    cx, cy = v.to_image(400, 300)
    assert abs(cx - centre_before[0]) <= 1 and abs(cy - centre_before[1]) <= 1


def test_pan_and_rects() -> None:
    v = ViewTransform(scale=2.0)
    v.pan(5, -3)
    assert v.rect_to_widget(1, 1, 10, 4) == (7.0, -1.0, 20.0, 8.0)
    assert v.rect_to_image(7, -1, 20, 8) == pytest.approx((1.0, 1.0, 10.0, 4.0))
