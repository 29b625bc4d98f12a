"""A result's format comes from the reply's ``output_format``, checked against the bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.core.capabilities import CapabilityRegistry
from studio.core.client import ImagesClient
from studio.core.errors import StudioError
from studio.core.gifs import gif_timing
from studio.core.history import HistoryStore
from studio.core.history.export import MANIFEST, export_jobs
from studio.core.history.queries import JobQuery
from studio.core.journal import Journal
from studio.core.paths import resolve_paths
from studio.core.request import ImageRequest, Mode
from studio.core.responses import parse_images_response
from studio.core.result import ImageResult
from studio.core.validated import validated
from studio.sandbox.faults import Fault
from studio.sandbox.server import SandboxServer
from tests.core.clienthelpers import caps, provider
from tests.core.history.history_helpers import generate_request
from tests.core.imagebytes import b64, gif, png
from tests.core.svgcorpus import FRIENDLY, hostile


def _reply(data: bytes, output_format: str | None) -> bytes:
    body: dict[str, object] = {"created": 1, "data": [{"b64_json": b64(data)}]}
    if output_format is not None:
        body["output_format"] = output_format
    return json.dumps(body).encode()


def test_a_gif_reply_is_a_gif_with_its_frames() -> None:
    data = gif(frames=4, duration=150)
    image = parse_images_response(_reply(data, "gif")).images[0]
    assert (image.format, image.frame_count, image.width) == ("gif", 4, 16)
    assert image.data == data
    assert gif_timing(image.data).durations == (150, 150, 150, 150)


def test_an_svg_reply_is_kept_as_text_with_its_declared_size() -> None:
    image = parse_images_response(_reply(FRIENDLY, "svg")).images[0]
    assert (image.format, image.width, image.height) == ("svg", 40, 20)
    assert image.data == FRIENDLY


def test_a_hostile_svg_is_still_kept_as_the_paid_result() -> None:
    bomb = hostile("http://127.0.0.1:9")["billion-laughs"]
    image = parse_images_response(_reply(bomb, "svg")).images[0]
    assert image.format == "svg" and image.data == bomb


@pytest.mark.parametrize(
    ("data", "declared"),
    [(png(), "gif"), (gif(), "png"), (png(), "svg"), (FRIENDLY, "png"), (b"hello", "svg")],
)
def test_bytes_that_disagree_with_the_declared_format_are_a_protocol_error(
    data: bytes, declared: str
) -> None:
    body = _reply(data, declared)
    with pytest.raises(StudioError) as info:
        parse_images_response(body)
    assert info.value.code == "protocol_error"
    assert declared.upper() in info.value.message
    assert info.value.raw_body == body


def test_without_a_declared_format_the_bytes_decide() -> None:
    assert parse_images_response(_reply(gif(), None)).images[0].format == "gif"
    assert parse_images_response(_reply(FRIENDLY, None)).images[0].format == "svg"


def test_a_mismatched_paid_reply_stays_in_the_journal(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    body = _reply(png(), "gif")
    sandbox.inject(Fault(path="/images/generations", status=200, body=body))
    journal = Journal(tmp_path / "journal")
    request = ImageRequest(Mode.GENERATE, "gpt-image-1", "a fox", {"n": 1})
    with (
        ImagesClient(
            provider(sandbox.base_url), None, journal=journal, capabilities=CapabilityRegistry({})
        ) as client,
        pytest.raises(StudioError) as info,
    ):
        client.run(validated(request, caps()))
    assert info.value.code == "protocol_error"
    assert "journal" in info.value.message
    kept = journal.pending()
    assert len(kept) == 1 and kept[0].read()[0] == body


def test_history_stores_the_format_filters_by_it_and_exports_it(tmp_path: Path) -> None:
    animated = parse_images_response(_reply(gif(), "gif")).images[0]
    drawing = parse_images_response(_reply(FRIENDLY, "svg")).images[0]
    still = parse_images_response(_reply(png(), "png")).images[0]
    with HistoryStore(resolve_paths()) as store:
        ids = {}
        for name, image in (("gif", animated), ("svg", drawing), ("png", still)):
            job_id = store.start_job(
                provider_id="sandbox", provider_name="Sandbox", request=generate_request(name)
            )
            store.finish_job(job_id, ImageResult(images=[image]))
            ids[name] = job_id
        for name, job_id in ids.items():
            found = store.list_jobs(JobQuery(format=name))
            assert [j.id for j in found] == [job_id]
            assert found[0].images[0].format == name
            assert found[0].images[0].path.suffix == f".{name}"
            assert (
                found[0].images[0].path.read_bytes()
                == {
                    "gif": animated,
                    "svg": drawing,
                    "png": still,
                }[name].data
            )
        jobs = [store.get_job(i) for i in ids.values()]
        written = export_jobs([j for j in jobs if j is not None], tmp_path / "out")
    assert {p.suffix for p in written} == {".gif", ".svg", ".png", ".json"}
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert [e["formats"] for e in manifest["jobs"]] == [["gif"], ["svg"], ["png"]]
