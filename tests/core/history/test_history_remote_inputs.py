"""Inputs by URL or file id are stored as references (plus a thumbnail), not as copies."""

from __future__ import annotations

from studio.core.history import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.request import ImageRequest, InputImage, Mode
from tests.core.history.history_helpers import png_bytes

URL = "https://images.example.com/cats/tabby.png"


def test_a_url_input_keeps_its_address_and_thumbnail_and_reuse_gives_them_back() -> None:
    thumb = png_bytes(16, 12)
    local = png_bytes(20, 20, (1, 2, 3))
    request = ImageRequest(
        Mode.EDIT,
        "gpt-image-2.6-flare",
        "hat",
        {"n": 1},
        images=(InputImage.from_url(URL, thumb), InputImage("local.png", local)),
        mask=InputImage.from_file_id("file-mask42"),
    )
    with HistoryStore(resolve_paths()) as store:
        job_id = store.start_job(provider_id="openai", provider_name="OpenAI", request=request)
        again = store.request_for(job_id)
        job = store.get_job(job_id)
    first, second = again.images
    assert first.url == URL and first.remote and first.data == thumb
    assert first.source_path is None  # the thumbnail is not the input
    assert second.url is None and second.data == local
    assert again.mask is not None and again.mask.file_id == "file-mask42"
    assert again.mask.data == b"" and again.has_remote_inputs
    assert job is not None
    names = sorted(p.name for p in job.inputs)
    assert names == ["input-01-thumb.png", "input-02.png"]  # no copy of the remote image
    assert job.mask is None  # a file id without a thumbnail has no file
