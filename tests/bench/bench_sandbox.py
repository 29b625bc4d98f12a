"""The sandbox's picture making and its HTTP round trip.

Target from the brief: a 1536x1024 PNG in well under 100 ms. The reference
is Pillow saving the same picture with its default PNG settings (what a
naive server would do), measured in the same run.
"""

from __future__ import annotations

import io

from tests.bench.timing import median_time, row

PROMPT = "a red fox in the snow, watercolor"


def run(quick: bool) -> list[dict[str, object]]:
    import httpx

    from studio.sandbox import imaging
    from studio.sandbox.server import SandboxServer

    repeats = 5 if quick else 21
    rows: list[dict[str, object]] = []

    def make(w: int, h: int, transparent: bool = False) -> bytes:
        picture = imaging.generate(
            PROMPT, seed=1, width=w, height=h, model="gpt-image-2", transparent=transparent
        )
        return imaging.encode(picture, "png")

    picture = imaging.generate(PROMPT, seed=1, width=1536, height=1024, model="gpt-image-2")

    def naive() -> None:
        buf = io.BytesIO()
        picture.save(buf, "PNG")

    reference = median_time(naive, repeats)
    ours = median_time(lambda: make(1536, 1024), repeats)
    rows.append(
        row(
            "sandbox: draw+encode 1536x1024 png",
            ours,
            reference,
            "< 100 ms",
            "ref: PIL default save",
        )
    )
    rows.append(
        row(
            "sandbox: draw+encode 1024x1024 transparent png",
            median_time(lambda: make(1024, 1024, True), repeats),
            reference,
            "< 100 ms",
        )
    )
    with (
        SandboxServer(profile="relay") as server,
        httpx.Client(base_url=server.base_url, timeout=60) as client,
    ):
        payload = {"model": "gpt-image-2", "prompt": PROMPT, "size": "1536x1024"}

        def round_trip() -> None:
            r = client.post("/images/generations", json=payload)
            r.raise_for_status()

        rows.append(
            row(
                "sandbox: POST generations 1536x1024 (HTTP)",
                median_time(round_trip, repeats),
                ours,
                "< 150 ms",
                "ref: draw+encode alone",
            )
        )
    return rows
