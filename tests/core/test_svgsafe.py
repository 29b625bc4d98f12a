"""Hostile SVGs are refused with a reason, without fetching, in bounded memory."""

from __future__ import annotations

import tracemalloc
from xml.parsers import expat

import pytest

from studio.core.svgsafe import MAX_DEPTH, check_svg, looks_like_svg
from tests.core.svgcorpus import FRIENDLY, hostile

CORPUS = hostile("http://127.0.0.1:9")


def test_a_plain_drawing_passes_with_its_size_and_a_clean_copy() -> None:
    check = check_svg(FRIENDLY)
    assert check.ok and check.reason is None
    assert (check.width, check.height) == (40, 20)
    rects: list[dict[str, str]] = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda name, attrs: rects.append(attrs) if name == "rect" else None
    parser.Parse(check.clean, True)
    assert [r["fill"] for r in rects] == ["#ff0000", "#0000ff"]


def test_internal_references_and_embedded_rasters_are_allowed() -> None:
    doc = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        b' viewBox="0 0 8 8"><defs><linearGradient id="g"/></defs>'
        b'<rect width="8" height="8" fill="url(#g)"/><use xlink:href="#g"/>'
        b'<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>'
    )
    assert check_svg(doc).ok


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_hostile_document_is_refused_with_a_reason(name: str) -> None:
    check = check_svg(CORPUS[name])
    assert not check.ok, name
    assert check.reason is not None and str(check.reason)
    assert check.clean == b""


def test_the_reasons_name_the_rule() -> None:
    def reason(name: str) -> str:
        found = check_svg(CORPUS[name]).reason
        return str(found)

    assert "outside resource" in reason("href-http") and "127.0.0.1:9" in reason("href-http")
    assert "file:///etc/passwd" in reason("href-file")
    assert "<script>" in reason("script")
    assert "DTD" in reason("billion-laughs")
    assert "100000x100000" in reason("huge-viewbox")
    assert str(MAX_DEPTH) in reason("deep-nesting")
    assert "bytes" in reason("path-50mb")
    assert "well-formed" in reason("malformed")
    assert "nested <use>" in reason("use-bomb") and "nested <use>" in reason("use-loop")


def test_a_plain_use_of_shapes_is_fine() -> None:
    doc = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><defs><g id="dot">'
        b'<circle r="1"/></g></defs><use href="#dot" x="2"/><use href="#dot" x="5"/></svg>'
    )
    assert check_svg(doc).ok


def test_svg_data_urls_are_not_a_way_around_the_check() -> None:
    doc = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">'
        b'<image href="data:image/svg+xml;base64,PHN2Zy8+" width="8" height="8"/></svg>'
    )
    assert not check_svg(doc).ok


def test_the_whole_corpus_is_checked_in_bounded_memory() -> None:
    tracemalloc.start()
    try:
        for doc in CORPUS.values():
            check_svg(doc)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the documents themselves (50 MB among them) are already in memory; checking adds little
    assert peak < 32 * 1024 * 1024


def test_sniffing_tells_svg_from_other_text() -> None:
    assert looks_like_svg(FRIENDLY)
    assert looks_like_svg(b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg/>')
    assert not looks_like_svg(b'{"error": "svg"}')
    assert not looks_like_svg(b"\x89PNG\r\n\x1a\n<svg>")
