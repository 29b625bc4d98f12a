"""The history store: recording jobs, reading them back, search, favourites, delete/undo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from studio.core.errors import ErrorKind, StudioError
from studio.core.history import HistoryStore, JobQuery, JobStatus
from studio.core.paths import resolve_paths
from studio.core.result import ImageResult
from tests.core.history.history_helpers import edit_request, generate_request, generated, png_bytes


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    s = HistoryStore(resolve_paths())
    yield s
    s.close()


def test_a_job_goes_from_running_to_succeeded_with_its_images(store: HistoryStore) -> None:
    job_id = store.start_job(
        provider_id="sandbox",
        provider_name="Sandbox",
        request=generate_request(size="1024x1024"),
        estimate={"usd": 0.04},
    )
    running = store.get_job(job_id)
    assert running is not None and running.status == JobStatus.RUNNING
    assert running.finished_at is None and running.images == []

    first = store.add_image(job_id, generated((1, 2, 3), revised="an otter, revised"))
    assert first.path.is_absolute() and first.path.read_bytes() == generated((1, 2, 3)).data
    result = ImageResult(
        images=[generated((1, 2, 3), revised="an otter, revised"), generated((4, 5, 6))],
        usage={"total_tokens": 1300},
    )
    job = store.finish_job(job_id, result, timings={"request_s": 1.5})

    assert job.status == "succeeded" and job.error is None
    assert len(job.images) == 2  # the image added while streaming is not stored twice
    assert [i.width for i in job.images] == [32, 32]
    assert job.images[1].path.read_bytes() == generated((4, 5, 6)).data
    assert job.usage == {"total_tokens": 1300}
    assert job.timings == {"request_s": 1.5}
    assert job.estimate == {"usd": 0.04}
    assert job.revised_prompts == ["an otter, revised"]
    assert job.params == {"n": 1, "size": "1024x1024"}
    assert job.finished_at is not None and job.finished_at >= job.created_at
    assert job.folder is not None and job.folder.is_dir()
    assert job.source == "gui" and job.provider_name == "Sandbox"


def test_partial_success_keeps_images_and_notes_the_failure(store: HistoryStore) -> None:
    job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    err = StudioError(ErrorKind.PROVIDER, "rate limited", status=429, code="rate_limit_exceeded")
    job = store.finish_job(job_id, ImageResult(images=[generated()], errors=[err]))
    assert job.status == "succeeded"
    assert len(job.images) == 1
    assert job.error is not None and "rate limited" in job.error.message
    assert job.error.status == 429 and job.error.code == "rate_limit_exceeded"


def test_no_images_with_errors_is_failed_or_cancelled(store: HistoryStore) -> None:
    a = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    err = StudioError(ErrorKind.PROVIDER, "moderation_blocked", status=400, code="moderation")
    failed = store.finish_job(a, ImageResult(errors=[err]))
    assert failed.status == "failed" and failed.error is not None
    assert failed.error.message == "moderation_blocked" and failed.error.kind == "provider"

    b = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    assert store.finish_job(b, ImageResult(errors=[StudioError.cancelled()])).status == "cancelled"

    c = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    assert store.finish_job(c, ImageResult()).status == "failed"


def test_fail_job_records_the_reason_by_kind(store: HistoryStore) -> None:
    a = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    job = store.fail_job(a, StudioError(ErrorKind.NETWORK, "connection reset", status=None))
    assert job.status == "failed" and job.error is not None
    assert (job.error.message, job.error.kind) == ("connection reset", "network")
    b = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    assert store.fail_job(b, StudioError.cancelled()).status == "cancelled"


def test_request_for_rebuilds_inputs_and_mask_byte_for_byte(store: HistoryStore) -> None:
    request = edit_request()
    job_id = store.start_job(provider_id="p", provider_name="P", request=request, source="cli")
    again = store.request_for(job_id)
    assert again.mode == request.mode and again.model == request.model
    assert again.prompt == request.prompt and dict(again.params) == dict(request.params)
    assert [i.data for i in again.images] == [i.data for i in request.images]
    assert [i.filename for i in again.images] == ["otter.png", "second.png"]
    assert [i.content_type for i in again.images] == ["image/png", "image/png"]
    assert again.mask is not None and request.mask is not None
    assert again.mask.data == request.mask.data and again.mask.filename == "mask.png"
    job = store.get_job(job_id)
    assert job is not None and job.source == "cli"
    assert len(job.inputs) == 2 and job.mask is not None
    assert job.inputs[0].read_bytes() == request.images[0].data


def test_request_for_an_unknown_job_raises(store: HistoryStore) -> None:
    with pytest.raises(LookupError):
        store.request_for(12345)


def test_credentials_never_reach_the_database(store: HistoryStore) -> None:
    sentinel = "sk-test-SENTINEL-not-a-key"
    request = generate_request(api_key=sentinel, Authorization=f"Bearer {sentinel}")
    job_id = store.start_job(provider_id="p", provider_name="P", request=request)
    store.finish_job(job_id, ImageResult(images=[generated()]))
    job = store.get_job(job_id)
    assert job is not None and job.params == {"n": 1}
    store.close()
    for f in store.paths.data_dir.glob("history.sqlite3*"):
        assert sentinel.encode() not in f.read_bytes()


def _job(store: HistoryStore, prompt: str, **kw: object) -> int:
    job_id = store.start_job(
        provider_id=str(kw.get("provider_id", "sandbox")),
        provider_name="X",
        request=generate_request(prompt),
    )
    store.finish_job(job_id, ImageResult(images=[generated(revised=kw.get("revised"))]))  # type: ignore[arg-type]
    return job_id


def test_search_finds_chinese_and_english_prompts(store: HistoryStore) -> None:
    otter_zh = _job(store, "一只戴着帽子的小海獭在河边")
    otter_en = _job(store, "A small Otter wearing a hat")
    cat = _job(store, "一只猫 sitting on a roof")
    revised = _job(store, "a river animal", revised="a sea otter floating")

    def ids(text: str) -> set[int]:
        return {j.id for j in store.list_jobs(JobQuery(text=text))}

    assert ids("小海獭") == {otter_zh}
    assert ids("otter") == {otter_en, revised}  # case-insensitive, revised prompts too
    assert ids("OTTER hat") == {otter_en}  # every term must match
    assert ids("猫") == {cat}  # shorter than a trigram: LIKE fallback
    assert ids("海獭") == {otter_zh}
    assert ids("a") == {otter_en, cat, revised}  # one letter, English
    assert ids('"wearing a hat"') == {otter_en}  # a quoted phrase
    assert ids("giraffe") == set()
    assert ids('100% "x* OR') == set()  # FTS syntax in the query is plain text
    assert store.count_jobs(JobQuery(text="小海獭")) == 1


def test_filters_and_paging_newest_first(store: HistoryStore) -> None:
    ids = [_job(store, f"prompt {i}", provider_id="a" if i % 2 else "b") for i in range(7)]
    jobs = store.list_jobs()
    assert [j.id for j in jobs] == list(reversed(ids))
    assert [j.id for j in store.list_jobs(limit=3, offset=3)] == list(reversed(ids))[3:6]
    assert store.count_jobs(JobQuery(provider_id="a")) == 3
    assert all(j.provider_id == "b" for j in store.list_jobs(JobQuery(provider_id="b")))
    store.set_favourite(ids[2], True)
    favs = store.list_jobs(JobQuery(favourite=True))
    assert [j.id for j in favs] == [ids[2]] and favs[0].favourite
    store.set_favourite(ids[2], False)
    assert store.count_jobs(JobQuery(favourite=True)) == 0
    mid = store.get_job(ids[3])
    assert mid is not None
    assert store.count_jobs(JobQuery(since=mid.created_at)) == 4
    assert store.count_jobs(JobQuery(until=mid.created_at)) == 3
    assert store.count_jobs(JobQuery(status="succeeded", model="gpt-image-1")) == 7
    assert store.count_jobs(JobQuery(mode="edit")) == 0
    facets = store.facets()
    assert facets["provider_id"] == ["a", "b"] and facets["model"] == ["gpt-image-1"]


def test_delete_removes_rows_and_files_and_restore_brings_them_back(
    store: HistoryStore,
) -> None:
    job_id = store.start_job(provider_id="p", provider_name="P", request=edit_request("小海獭"))
    store.finish_job(job_id, ImageResult(images=[generated((7, 7, 7))]))
    store.set_favourite(job_id, True)
    before = store.get_job(job_id)
    assert before is not None and before.folder is not None
    image_bytes = before.images[0].path.read_bytes()

    deleted = store.delete_job(job_id)
    assert store.get_job(job_id) is None
    assert not before.folder.exists()
    assert store.list_jobs(JobQuery(text="小海獭")) == []

    assert store.restore_job(deleted) == job_id
    after = store.get_job(job_id)
    assert after == before
    assert after is not None and after.images[0].path.read_bytes() == image_bytes
    assert [j.id for j in store.list_jobs(JobQuery(text="小海獭"))] == [job_id]
    assert store.request_for(job_id).mask is not None


def test_discarded_delete_cannot_be_restored(store: HistoryStore) -> None:
    job_id = _job(store, "gone for good")
    deleted = store.delete_job(job_id)
    store.discard_deleted(deleted)
    with pytest.raises(FileNotFoundError):
        store.restore_job(deleted)
    assert store.get_job(job_id) is None


def test_store_works_from_other_threads(store: HistoryStore) -> None:
    import threading

    done: list[int] = []

    def work() -> None:
        done.append(_job(store, "from a worker thread"))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count_jobs(JobQuery(text="worker")) == 3
    assert sorted(done) == sorted(j.id for j in store.list_jobs())


def test_a_closed_store_refuses_work(store: HistoryStore) -> None:
    store.close()
    with pytest.raises(RuntimeError):
        store.list_jobs()


def test_add_image_accepts_jpeg_and_names_it_jpg(store: HistoryStore) -> None:
    import io

    from PIL import Image

    from studio.core.result import GeneratedImage

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 1, 1)).save(buf, "JPEG")
    job_id = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    img = store.add_image(job_id, GeneratedImage(buf.getvalue(), "jpeg", 8, 8))
    assert img.path.suffix == ".jpg" and img.format == "jpeg"
    assert png_bytes()[:4] == b"\x89PNG"


def test_background_threads_do_not_pile_up_connections(store: HistoryStore) -> None:
    """A Qt pool thread gets a fresh thread state per task; connections must not leak."""
    import threading

    for _ in range(20):  # twenty short-lived threads, as background calls would be
        t = threading.Thread(target=lambda: _job(store, "from a short-lived thread"))
        t.start()
        t.join()
    assert store.count_jobs() == 20
    assert store.open_connections() <= 5
    store.close()
    assert store.open_connections() == 0


def test_keyset_pages_walk_every_match_once_newest_first(store: HistoryStore) -> None:
    ids = [
        _job(store, f"{'otter' if i % 3 else 'heron'} number {i}", provider_id="ab"[i % 2])
        for i in range(23)
    ]
    for query in (
        JobQuery(),
        JobQuery(text="otter"),  # driven by the full-text index
        JobQuery(text="otter", provider_id="a"),  # ... with a filter checked on the way
        JobQuery(text="ot number"),  # a short term through LIKE beside the index
    ):
        expected = [j.id for j in store.list_jobs(query, limit=100)]
        walked: list[int] = []
        before: int | None = None
        while True:
            page = store.list_jobs(query, limit=4, before_id=before)
            if not page:
                break
            walked.extend(j.id for j in page)
            before = page[-1].id
        assert walked == expected == sorted(expected, reverse=True)
        assert len(walked) == store.count_jobs(query)
    assert len(store.list_jobs(JobQuery(text="otter"), limit=100)) == 15
    assert store.count_jobs(JobQuery(text="otter", provider_id="a")) == len(
        [i for i in range(23) if i % 3 and i % 2 == 0]
    )
    assert max(ids) == store.list_jobs(limit=1)[0].id


def test_pages_found_by_offset_and_read_upwards_and_counts_after_a_job(
    store: HistoryStore,
) -> None:
    """What the gallery's window reads: a page some jobs past a known one (a jump), the
    jobs just newer than a known one (scrolling up), and the jobs after a page (counted,
    or counted up to a bound)."""
    for i in range(30):
        _job(store, f"{'otter' if i % 2 else 'heron'} number {i}")
    for query in (JobQuery(), JobQuery(text="otter"), JobQuery(text="ot number")):
        every = [j.id for j in store.list_jobs(query, limit=100)]
        anchor = every[4]
        jumped = store.list_jobs(query, limit=3, before_id=anchor, offset=2)
        assert [j.id for j in jumped] == every[7:10]
        upwards = store.list_jobs(query, limit=3, after_id=every[9], offset=1)
        assert [j.id for j in upwards] == every[5:8]  # newest first, as every page
        assert store.count_jobs(query, before_id=anchor) == len(every) - 5
        assert store.count_jobs(query, before_id=anchor, limit=4) == 4
        assert store.count_jobs(query, limit=1000) == len(every)
        # the same walks oldest first
        oldest = replace(query, oldest_first=True)
        assert [j.id for j in store.list_jobs(oldest, limit=100)] == every[::-1]
        rev = every[::-1]
        jumped = store.list_jobs(oldest, limit=3, before_id=rev[4], offset=2)
        assert [j.id for j in jumped] == rev[7:10]
        upwards = store.list_jobs(oldest, limit=3, after_id=rev[9], offset=1)
        assert [j.id for j in upwards] == rev[5:8]
        assert store.count_jobs(oldest, before_id=rev[4]) == len(every) - 5
        # the last jobs of the listing, counted back from its end (a jump to the bottom)
        tail = store.list_jobs(query, limit=3, from_end=True, offset=2)
        assert [j.id for j in tail] == every[-5:-2]
        tail = store.list_jobs(oldest, limit=3, from_end=True)
        assert [j.id for j in tail] == rev[-3:]


def test_records_never_share_their_decoded_containers(store: HistoryStore) -> None:
    """Empty JSON columns are decoded without the parser; each record still owns its own."""
    first, second = (_job(store, f"prompt {i}") for i in range(2))
    a, b = store.list_jobs(limit=2)
    assert a.revised_prompts == b.revised_prompts == []
    a.revised_prompts.append("changed")
    again = store.get_job(b.id)
    assert again is not None and again.revised_prompts == [] and b.revised_prompts == []
    assert {first, second} == {a.id, b.id}


def test_a_job_that_returned_the_same_bytes_n_times_shows_n_images(store: HistoryStore) -> None:
    """dall-e-3 asked for 4 sends 4 requests; identical answers are still 4 images."""
    job_id = store.start_job(
        provider_id="sandbox", provider_name="Sandbox", request=generate_request()
    )
    same = generated((7, 7, 7))
    for position in range(4):  # each arrives while the job runs ...
        store.add_image(job_id, same, position)
    # ... and again with the finished result: still four, not eight
    job = store.finish_job(job_id, ImageResult(images=[same] * 4))
    assert len(job.images) == 4
    assert len({img.id for img in job.images}) == 4
    assert len({img.path for img in job.images}) == 1  # one file on disk
    assert all(img.path.read_bytes() == same.data for img in job.images)
    again = store.get_job(job_id)
    assert again is not None and len(again.images) == 4


def test_a_failure_in_the_studios_words_keeps_its_phrase_for_a_translation(
    store: HistoryStore,
) -> None:
    """A job's stored reason was its English message only: a Chinese window showed
    "The provider returned no images." or a network failure's sentence in English."""
    from studio.core.errors import Text

    err = StudioError.of(ErrorKind.NETWORK, "Cannot read {file}: {reason}.", file="a", reason="b")
    a = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    store.fail_job(a, err)
    b = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    store.finish_job(b, ImageResult())
    c = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    two = [err, StudioError(ErrorKind.PROVIDER, "busy", status=503)]
    store.finish_job(c, ImageResult(images=[generated()], errors=two))
    d = store.start_job(provider_id="p", provider_name="P", request=generate_request())
    store.fail_job(d, StudioError(ErrorKind.PROVIDER, "the provider's own words", status=400))

    again = HistoryStore(store.paths)  # read back from the database
    try:
        stored = {j: again.get_job(j).error for j in (a, b, c, d)}
    finally:
        again.close()
    assert stored[a] is not None and stored[a].message == "Cannot read a: b."
    assert stored[a].text == Text("Cannot read {file}: {reason}.", {"file": "a", "reason": "b"})
    assert stored[b] is not None and stored[b].text == Text("The provider returned no images.")
    partial = stored[c]
    assert partial is not None and partial.text is not None
    assert partial.message == "2 requests failed; the other images were kept. Cannot read a: b."
    assert partial.text.args["reason"] == Text(err.template, dict(err.values))
    assert stored[d] is not None and stored[d].text is None  # the provider's words as they are


@pytest.mark.parametrize(
    "text",
    [[1, 2], {"template": "{x}", "args": [[1, 2, 3]]}, {"template": "{x}", "args": "ab"}, "x"],
)
def test_a_damaged_stored_phrase_leaves_the_english_message(text: object) -> None:
    from studio.core.history.models import JobError

    error = JobError.from_dict({"message": "Something broke.", "kind": "network", "text": text})
    assert error.message == "Something broke." and error.text is None
