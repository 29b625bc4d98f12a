"""Content credentials (C2PA): is a manifest embedded in the file?

Presence only: the manifest store is found where the C2PA specification puts it
(a ``caBX`` chunk in PNG, an APP11 JUMBF segment labelled ``c2pa`` in JPEG, a
``C2PA`` RIFF chunk in WebP); its signature is not checked. Any change to the
file's bytes (adding metadata included) makes the credentials stop verifying,
which is why the stored original is always the provider's bytes untouched.
"""

from __future__ import annotations

from studio.core.imagechunks import ChunkError, jpeg_segments, kind_of, png_chunks, webp_chunks


def has_content_credentials(data: bytes) -> bool:
    """Whether ``data`` carries a C2PA manifest store (never raises on a broken file)."""
    try:
        kind = kind_of(data)
        if kind == "png":
            return any(c.type == b"caBX" for c in png_chunks(data))
        if kind == "jpeg":
            segments, _ = jpeg_segments(data)
            return any(s.marker == 0xEB and _is_c2pa_jumbf(s.data) for s in segments)
        if kind == "webp":
            return any(c.fourcc == b"C2PA" for c in webp_chunks(data))
    except ChunkError:
        return False
    return False


def _is_c2pa_jumbf(payload: bytes) -> bool:
    # APP11: "JP" common identifier, box instance, sequence number, then a JUMBF
    # superbox ("jumb") whose description box ("jumd") carries the label "c2pa"
    return payload[:2] == b"JP" and b"jumb" in payload[:64] and b"c2pa" in payload[:256]
