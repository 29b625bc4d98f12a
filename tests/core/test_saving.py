"""Originals stay the provider's bytes; saved copies carry parameters, or nothing."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from studio.core.history import HistoryStore, JobRecord
from studio.core.history.export import export_jobs
from studio.core.metadata_read import read_metadata, read_metadata_file
from studio.core.paths import resolve_paths
from studio.core.provenance import has_content_credentials
from studio.core.request import ImageRequest, Mode
from studio.core.result import GeneratedImage, ImageResult
from studio.core.saving import SaveMode, file_bytes, name_for, save_image, save_into
from tests.core import metadata_samples as samples

SIGNED: dict[str, tuple[Callable[[], bytes], str]] = {
    "png": (samples.c2pa_png, "png"),
    "jpeg": (samples.c2pa_jpeg, "jpeg"),
    "webp": (samples.c2pa_webp, "webp"),
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths(tmp_path / "home"))
    yield s
    s.close()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def stored_job(
    store: HistoryStore, data: bytes, fmt: str, prompt: str = "红狐 in snow"
) -> JobRecord:
    request = ImageRequest(
        mode=Mode.GENERATE,
        model="gpt-image-2.6-sunburst",
        prompt=prompt,
        params={"size": "1024x1024", "quality": "high", "seed": 3},
    )
    job_id = store.start_job(provider_id="openai", provider_name="OpenAI", request=request)
    image = GeneratedImage(data, fmt, 24, 16)
    return store.finish_job(job_id, ImageResult(images=[image]))


@pytest.mark.parametrize("kind", sorted(SIGNED))
def test_content_credentials_are_detected(kind: str) -> None:
    make, _ = SIGNED[kind]
    assert has_content_credentials(make())
    assert read_metadata(make()).credentials


def test_plain_files_carry_no_credentials() -> None:
    for data in (samples.png(), samples.jpeg(), samples.webp(), b"", b"\x89PNG\r\n\x1a\n"):
        assert not has_content_credentials(data)


@pytest.mark.parametrize("kind", sorted(SIGNED))
def test_signed_originals_stay_byte_identical_through_history_save_and_export(
    kind: str, store: HistoryStore, tmp_path: Path
) -> None:
    make, fmt = SIGNED[kind]
    original = make()
    job = stored_job(store, original, fmt)
    image = job.images[0]
    assert image.path.read_bytes() == original  # the history keeps the provider's bytes
    again = store.get_job(job.id)
    assert again is not None and again.images[0].path.read_bytes() == original

    saved = save_image(job, image, tmp_path / f"saved.{fmt}", SaveMode.ORIGINAL)
    assert saved.path.read_bytes() == original and not saved.credentials_dropped

    written = export_jobs([job], tmp_path / "export", pattern="{job}.{ext}", mode="original")
    assert written[0].read_bytes() == original

    # with parameters: the copy says its credentials no longer verify; the original is untouched
    with_params = save_image(job, image, tmp_path / f"params.{fmt}")
    assert with_params.mode is SaveMode.PARAMETERS and with_params.credentials_dropped
    assert image.path.read_bytes() == original
    stripped = save_image(job, image, tmp_path / f"stripped.{fmt}", SaveMode.STRIPPED)
    assert not has_content_credentials(stripped.path.read_bytes())


def test_save_with_parameters_is_read_back_as_the_same_request(
    store: HistoryStore, tmp_path: Path
) -> None:
    job = stored_job(store, samples.png(), "png")
    saved = save_into(tmp_path, job, job.images[0])
    assert saved.path.name == name_for(job, job.images[0])
    assert saved.path.name.endswith(f"_{job.id}_红狐-in-snow.png")
    found = read_metadata_file(saved.path).settings
    assert found is not None and found.source == "Image Studio"
    assert (found.prompt, found.model, found.provider) == (job.prompt, job.model, "openai")
    assert found.params == job.params
    # a second save never overwrites the first
    assert save_into(tmp_path, job, job.images[0]).path != saved.path


def test_saved_and_exported_files_get_ordinary_permissions(
    store: HistoryStore, tmp_path: Path, umask_022: None
) -> None:
    job = stored_job(store, samples.png(), "png")
    saved = save_into(tmp_path / "out", job, job.images[0])
    assert stat.S_IMODE(saved.path.stat().st_mode) == 0o644
    for path in export_jobs([job], tmp_path / "export", pattern="{job}.{ext}", mode="parameters"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    # the studio's own copy stays private
    assert stat.S_IMODE(job.images[0].path.stat().st_mode) == 0o600
    os.umask(0o077)
    private = save_into(tmp_path / "out", job, job.images[0])
    assert stat.S_IMODE(private.path.stat().st_mode) == 0o600


def test_files_that_cannot_carry_metadata_are_saved_as_the_original() -> None:
    from studio.core.metadata_write import ImageStory

    story = ImageStory("a fox", "gpt-image-2.6-flare", "openai", "OpenAI")
    broken = b"GIF89a" + bytes(20)  # a GIF cut short
    assert file_bytes(broken, None, SaveMode.PARAMETERS) == (broken, SaveMode.ORIGINAL, False)
    assert file_bytes(broken, story, SaveMode.PARAMETERS) == (broken, SaveMode.ORIGINAL, False)
    refused = b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
    assert file_bytes(refused, story, SaveMode.STRIPPED) == (refused, SaveMode.ORIGINAL, False)
