"""Hostile SVG documents (and one friendly one), each built as real bytes.

``hostile(url)`` points the external references at ``url`` so a test server can
count whether anything was ever fetched.
"""

from __future__ import annotations

SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
XLINK_NS = 'xmlns:xlink="http://www.w3.org/1999/xlink"'

#: a 40x20 drawing: left half red, right half blue, nothing outside
FRIENDLY = (
    f'<svg {SVG_NS} width="40" height="20" viewBox="0 0 40 20">'
    '<rect x="0" y="0" width="20" height="20" fill="#ff0000"/>'
    '<rect x="20" y="0" width="20" height="20" fill="#0000ff"/>'
    "</svg>"
).encode()


def _billion_laughs() -> bytes:
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE svg [", '<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        lines.append(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">')
    lines.append("]>")
    lines.append(f'<svg {SVG_NS} viewBox="0 0 10 10"><text>&lol9;</text></svg>')
    return "\n".join(lines).encode()


def _deep(levels: int = 5000) -> bytes:
    return (
        f'<svg {SVG_NS} viewBox="0 0 10 10">'.encode()
        + b"<g>" * levels
        + b'<rect width="1" height="1"/>'
        + b"</g>" * levels
        + b"</svg>"
    )


def _huge_path(megabytes: int = 50) -> bytes:
    step = b" l1 1 l-1 -1"
    count = megabytes * 1024 * 1024 // len(step)
    return f'<svg {SVG_NS} viewBox="0 0 10 10"><path d="M0 0'.encode() + step * count + b'"/></svg>'


def _use_bomb(levels: int = 9) -> bytes:
    """Each level shows the one below ten times: 10**9 rectangles from ~100 elements."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    for i in range(1, levels + 1):
        uses = "".join(f'<use href="#l{i - 1}" x="{k}"/>' for k in range(10))
        defs.append(f'<g id="l{i}">{uses}</g>')
    return (
        f'<svg {SVG_NS} viewBox="0 0 10 10"><defs>{"".join(defs)}</defs>'
        f'<use href="#l{levels}"/></svg>'
    ).encode()


def hostile(url: str) -> dict[str, bytes]:
    """name -> document; every one must be refused (``url`` is a live counting server)."""
    return {
        "href-http": (
            f'<svg {SVG_NS} viewBox="0 0 10 10"><image href="{url}/a.png" width="10" '
            'height="10"/></svg>'
        ).encode(),
        "xlink-href-http": (
            f'<svg {SVG_NS} {XLINK_NS} viewBox="0 0 10 10">'
            f'<image xlink:href="{url}/b.png" width="10" height="10"/></svg>'
        ).encode(),
        "href-file": (
            f'<svg {SVG_NS} {XLINK_NS} viewBox="0 0 10 10">'
            '<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'
        ).encode(),
        "use-external": (
            f'<svg {SVG_NS} viewBox="0 0 10 10"><use href="{url}/sprite.svg#x"/></svg>'
        ).encode(),
        "css-import": (
            f'<svg {SVG_NS} viewBox="0 0 10 10"><style>@import url({url}/s.css);</style>'
            '<rect width="5" height="5"/></svg>'
        ).encode(),
        "fill-url": (
            f'<svg {SVG_NS} viewBox="0 0 10 10"><rect width="5" height="5" '
            f'fill="url({url}/p.svg#g)"/></svg>'
        ).encode(),
        "script": (
            f'<svg {SVG_NS} viewBox="0 0 10 10"><script>fetch("{url}/s")</script>'
            '<rect width="5" height="5"/></svg>'
        ).encode(),
        "onload": (
            f'<svg {SVG_NS} viewBox="0 0 10 10" onload="fetch(\'{url}/o\')">'
            '<rect width="5" height="5"/></svg>'
        ).encode(),
        "external-entity": (
            f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "{url}/e.xml">]>'
            f'<svg {SVG_NS} viewBox="0 0 10 10"><text>&x;</text></svg>'
        ).encode(),
        "billion-laughs": _billion_laughs(),
        "huge-viewbox": (
            f'<svg {SVG_NS} viewBox="0 0 100000 100000"><rect width="5" height="5"/></svg>'
        ).encode(),
        "huge-size": (
            f'<svg {SVG_NS} width="100000" height="100000"><rect width="5" height="5"/></svg>'
        ).encode(),
        "deep-nesting": _deep(),
        "path-50mb": _huge_path(),
        "malformed": f'<svg {SVG_NS} viewBox="0 0 10 10"><rect width="5"</svg>'.encode(),
        "use-bomb": _use_bomb(),
        "use-loop": (
            f'<svg {SVG_NS} viewBox="0 0 10 10"><g id="a"><use href="#a"/></g></svg>'
        ).encode(),
    }
