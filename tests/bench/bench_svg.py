"""The SVG safety check: the cost of checking (and re-writing) a provider's drawing,
against expat merely parsing the same bytes, and the time to refuse each hostile one.

A 7 MB drawing of many paths (near the size limit) is checked; the reference is a bare
``xml.parsers.expat`` parse of it with no callbacks, the least any checking parser
must spend. Each document of the hostile corpus (tests/core/svgcorpus.py) is refused
and timed against that same reference: refusing must never cost more than checking
a large honest drawing.
"""

from __future__ import annotations

from xml.parsers import expat

from tests.bench.timing import measure, row


def _big_drawing(target_bytes: int = 7 * 1024 * 1024) -> bytes:
    head = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000">'
    path = b'<path d="M10 10 L500 500 L990 10 Z" fill="#336699" stroke="#000"/>'
    group = b"<g>" + path * 20 + b"</g>"
    count = max(1, (target_bytes - len(head)) // len(group))
    count = min(count, 40_000 // 21)  # stays under the element limit
    body = group * count
    pad = b" " * max(0, target_bytes - len(head) - len(body) - 6)
    return head + body + pad + b"</svg>"


def _bare_parse(data: bytes) -> None:
    parser = expat.ParserCreate()
    parser.Parse(data, True)


def run(quick: bool) -> list[dict[str, object]]:
    from studio.core.svgsafe import check_svg
    from tests.core.svgcorpus import hostile

    repeats = 3 if quick else 9
    big = _big_drawing()
    assert check_svg(big).ok, "the benchmark drawing must pass the check"
    reference = measure(lambda: _bare_parse(big), repeats)
    rows = [
        row(
            f"check a {len(big) / 1e6:.1f} MB drawing",
            measure(lambda: check_svg(big), repeats),
            reference,
            target="a few times a bare parse",
            note="reference: expat parsing the same bytes with no callbacks",
        )
    ]
    for name, doc in hostile("http://127.0.0.1:9").items():
        rows.append(
            row(
                f"refuse {name} ({len(doc):,} bytes)",
                measure(lambda doc=doc: check_svg(doc), repeats),
                reference,
                target="≤ checking the 7 MB drawing",
                note="reference: the bare parse of the 7 MB drawing",
            )
        )
    return rows
