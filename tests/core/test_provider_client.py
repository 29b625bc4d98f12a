"""The provider protocol seam: the client is chosen by the provider's table data."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from studio.core.client import ImagesClient
from studio.core.errors import ErrorKind, StudioError
from studio.core.events import ImageArrived, JobEvent, JobStarted
from studio.core.provider_client import (
    ProviderClient,
    Uploader,
    client_factory,
    known_protocols,
    register_protocol,
    unregister_protocol,
)
from studio.core.providers import Provider, builtin_providers, merge_providers
from studio.core.request import ImageRequest, Mode
from tests.core import sketch_protocol
from tests.core.sketch_protocol import SketchClient

if TYPE_CHECKING:
    from studio.core.service import Studio


@pytest.fixture
def sketch() -> Iterator[None]:
    register_protocol("sketch", SketchClient, sketch_protocol.recover)
    SketchClient.made.clear()
    yield
    unregister_protocol("sketch")


def _sketch_provider() -> Provider:
    """A provider as the settings file describes it: the protocol is table data."""
    entry = {"id": "doodles", "name": "Doodles", "base_url": "http://127.0.0.1:9/v1"}
    entry |= {"auth": "none", "protocol": "sketch"}
    return merge_providers(builtin_providers(), [entry])["doodles"]


def test_providers_speak_images_unless_their_entry_says_otherwise() -> None:
    for provider in builtin_providers().values():
        assert provider.protocol == "images"
        assert client_factory(provider) is ImagesClient
    assert Provider.from_dict({"id": "x", "base_url": "https://x/v1"}).protocol == "images"
    assert _sketch_provider().protocol == "sketch"
    assert _sketch_provider().to_dict()["protocol"] == "sketch"


def test_the_images_client_is_a_provider_client_that_uploads(studio_ctx: Studio) -> None:
    with studio_ctx.client(builtin_providers()["openai"]) as client:
        assert isinstance(client, ImagesClient)
        assert isinstance(client, Uploader)
        typed: ProviderClient = client  # mypy checks the protocol is met
        assert typed is client


def test_a_registered_protocol_is_chosen_by_table_data_end_to_end(
    studio_ctx: Studio, sketch: None
) -> None:
    provider = _sketch_provider()
    assert "sketch" in known_protocols()
    params = {"n": 2, "size": "1024x1536"}
    request = ImageRequest(Mode.GENERATE, "gpt-image-1", "two flat cards", params)
    events: list[JobEvent] = []
    outcome = studio_ctx.run_job(provider, request, on_event=events.append)
    assert outcome.ok, outcome.error
    (client,) = SketchClient.made
    assert client.closed and client.provider.id == "doodles"
    assert isinstance(events[0], JobStarted)
    assert [e.position for e in events if isinstance(e, ImageArrived)] == [0, 1]
    # stored in history like any provider's images
    assert outcome.record is not None and len(outcome.record.images) == 2
    with Image.open(outcome.record.images[1].path) as stored:
        assert stored.size == (1024, 1536)
        assert stored.getpixel((0, 0)) == (200, 40, 90)
    assert studio_ctx.list_models(provider) == ["gpt-image-1"]


def test_an_unknown_protocol_is_a_clear_error_before_anything_is_sent(
    studio_ctx: Studio,
) -> None:
    provider = _sketch_provider()  # "sketch" is not registered in this test
    SketchClient.made.clear()
    outcome = studio_ctx.run_job(provider, ImageRequest(Mode.GENERATE, "gpt-image-1", "x"))
    assert outcome.error is not None and outcome.error.kind is ErrorKind.VALIDATION
    assert "'sketch' protocol" in outcome.error.message and "images" in outcome.error.message
    assert outcome.job_id is None and SketchClient.made == []


def test_upload_needs_a_client_that_uploads(studio_ctx: Studio, sketch: None) -> None:
    with pytest.raises(StudioError) as info:
        studio_ctx.upload(_sketch_provider(), url="https://example.com/a.png")
    assert info.value.kind is ErrorKind.VALIDATION
    assert "does not take uploads" in info.value.message


def test_a_journalled_reply_is_read_back_by_its_own_protocol(
    studio_ctx: Studio, sketch: None, tmp_path: Path
) -> None:
    """A job's journal entries name their protocol; after a crash that protocol's
    reader parses them (the images reader could not read a bare PNG)."""
    from studio.core.history.models import JobStatus
    from studio.core.journal import Journal

    provider = _sketch_provider()
    outcome = studio_ctx.run_job(provider, ImageRequest(Mode.GENERATE, "gpt-image-1", "keep"))
    assert outcome.ok and outcome.result is not None
    (entry,) = outcome.result.journal_entries  # removed once stored ...
    assert not entry.meta_path.exists()
    (meta,) = SketchClient.made[-1].journalled
    assert meta["protocol"] == "sketch" and meta["job_id"] == outcome.job_id
    # ... so journal it again, as a process that crashed between the reply and the store
    # would leave it (only a dead process's entries are recovered)
    png = outcome.result.images[0].data
    (tmp_path / "reply.png").write_bytes(png)
    writer = (
        "import sys; from pathlib import Path; from studio.core.journal import Journal; "
        "Journal(Path(sys.argv[1])).write(Path(sys.argv[2]).read_bytes(), "
        "{'protocol': 'sketch', 'provider_id': 'doodles', 'prompt': 'after a crash'})"
    )
    journal_dir = studio_ctx.paths.journal_dir
    subprocess.run(
        [sys.executable, "-c", writer, str(journal_dir), str(tmp_path / "reply.png")],
        check=True,
        timeout=60,
    )
    (again,) = Journal(journal_dir).pending()
    assert studio_ctx.recover_journal() == 1
    assert not again.meta_path.exists()
    jobs = [j for j in studio_ctx.history.list_jobs() if j.prompt == "after a crash"]
    assert len(jobs) == 1 and jobs[0].status == JobStatus.SUCCEEDED
    (stored,) = jobs[0].images
    assert stored.path.read_bytes() == png


def test_a_journal_entry_of_an_unknown_protocol_is_kept(studio_ctx: Studio) -> None:
    from studio.core.journal import Journal

    entry = Journal(studio_ctx.paths.journal_dir).write(b"\x89PNG...", {"protocol": "sketch"})
    assert studio_ctx.recover_journal() == 0
    assert entry.meta_path.exists() and entry.body_path.read_bytes() == b"\x89PNG..."
