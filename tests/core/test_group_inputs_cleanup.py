"""A comparison's input pictures go when its group goes for good: every job of it deleted
and no undo left to bring one back. Never while an undo is pending, never a folder
another group names, never anything outside ``group-inputs``; and a bounded start-up
sweep removes folders no group names."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from studio.core.group_inputs import (
    SPEC_KEY,
    EditInputs,
    load_inputs,
    remove_folder,
    store_inputs,
    sweep_orphans,
)
from studio.core.history.groups import GroupKind, GroupStatus, GroupStore, MemberSpec, MemberState
from studio.core.history.store import HistoryStore
from studio.core.paths import resolve_paths
from studio.core.request import ImageRequest, InputImage, Mode

TARGET = {"provider": "sandbox", "model": "gpt-image-2", "params": {}}
OLD = time.time() - 3 * 24 * 3600


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    history = HistoryStore(resolve_paths().ensure())
    yield history
    history.close()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (16, 16), (200, 30, 30, 255)).save(out, "PNG")
    return out.getvalue()


def _group(
    store: HistoryStore,
    spec_edit: dict[str, object] | None = None,
    *,
    status: GroupStatus = GroupStatus.FINISHED,
    queued: int = 0,
) -> tuple[int, list[int], Path]:
    """A finished comparison of edits with two answered members (and ``queued`` members
    not sent yet); returns its id, its jobs and its input folder."""
    root = store.paths.group_inputs_dir
    edit = spec_edit or store_inputs(root, EditInputs((InputImage("a.png", _png()),)))
    groups = GroupStore(store)
    members = [MemberSpec(f"a cat {i}", TARGET) for i in range(2 + queued)]
    gid = groups.create(GroupKind.COMPARE, "a cat", {"targets": [], SPEC_KEY: edit}, members)
    jobs = []
    for idx in range(2):
        job = store.start_job(
            provider_id="sandbox",
            provider_name="Sandbox",
            request=ImageRequest(Mode.EDIT, "gpt-image-2", f"a cat {idx}"),
        )
        groups.update_member(gid, idx, MemberState.SUCCEEDED, job_id=job)
        jobs.append(job)
    groups.set_status(gid, status)
    return gid, jobs, root / str(edit["folder"])


def test_the_folder_goes_only_when_the_last_undo_of_its_group_is_given_up(
    store: HistoryStore,
) -> None:
    gid, jobs, folder = _group(store)
    assert (folder / "image-1.png").is_file()
    first, second = (store.delete_job(j) for j in jobs)
    # every job is deleted, but both deletes can still be undone
    assert folder.is_dir() and GroupStore(store).get(gid) is not None
    store.discard_deleted(first)
    assert folder.is_dir(), "the second delete can still be undone"
    assert GroupStore(store).get(gid) is not None
    store.discard_deleted(second)
    assert GroupStore(store).get(gid) is None
    assert not folder.exists()
    assert store.paths.group_inputs_dir.is_dir()


def test_an_undone_delete_keeps_the_group_and_its_pictures(store: HistoryStore) -> None:
    gid, jobs, folder = _group(store)
    first, second = (store.delete_job(j) for j in jobs)
    store.restore_job(first)
    store.discard_deleted(second)
    group = GroupStore(store).get(gid)
    assert group is not None and group.members[0].job_id == jobs[0]
    back = load_inputs(store.paths.group_inputs_dir, group.spec)
    assert back is not None and back.images[0].data == _png()
    assert folder.is_dir()


def test_a_folder_another_group_names_stays(store: HistoryStore) -> None:
    gid, jobs, folder = _group(store)
    spec = GroupStore(store).get(gid).spec  # type: ignore[union-attr]
    other, _other_jobs, same = _group(store, spec[SPEC_KEY])
    assert same == folder
    for deleted in [store.delete_job(j) for j in jobs]:
        store.discard_deleted(deleted)
    assert GroupStore(store).get(gid) is None
    assert folder.is_dir()
    still = GroupStore(store).get(other)
    assert still is not None and load_inputs(store.paths.group_inputs_dir, still.spec)


@pytest.mark.parametrize("status", [GroupStatus.INTERRUPTED, GroupStatus.RUNNING])
def test_a_group_that_may_still_send_keeps_its_pictures(
    store: HistoryStore, status: GroupStatus
) -> None:
    gid, jobs, folder = _group(store, status=status, queued=1)
    for deleted in [store.delete_job(j) for j in jobs]:
        store.discard_deleted(deleted)
    assert GroupStore(store).get(gid) is not None
    assert folder.is_dir()


def test_a_damaged_record_never_deletes_outside_the_folder(
    store: HistoryStore, tmp_path: Path
) -> None:
    victim = store.paths.data_dir / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    gid, jobs, _folder = _group(store, {"folder": "../victim", "images": []})
    for deleted in [store.delete_job(j) for j in jobs]:
        store.discard_deleted(deleted)
    assert GroupStore(store).get(gid) is None  # the group goes, but nothing it named
    assert (victim / "keep.txt").read_text() == "mine"
    root = store.paths.group_inputs_dir
    root.mkdir(parents=True, exist_ok=True)
    assert not remove_folder(root, "../victim")
    assert not remove_folder(root, "")
    assert (victim / "keep.txt").is_file() and root.is_dir()


def _aged(path: Path) -> Path:
    os.utime(path, (OLD, OLD), follow_symlinks=False)
    return path


def test_the_sweep_removes_only_old_folders_no_group_names(
    store: HistoryStore, tmp_path: Path
) -> None:
    root = store.paths.group_inputs_dir
    _gid, _jobs, named = _group(store)
    _aged(named)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.png").write_bytes(b"x")
    orphan = root / ("a" * 32)
    orphan.mkdir()
    (orphan / "image-1.png").write_bytes(b"x")
    (orphan / "link.png").symlink_to(outside / "precious.png")
    _aged(orphan)
    young = root / ("b" * 32)
    young.mkdir()  # its group may be being written now
    not_ours = root / "notes"
    not_ours.mkdir()
    _aged(not_ours)
    link = root / ("c" * 32)
    link.symlink_to(outside, target_is_directory=True)
    _aged(link)
    a_file = root / ("d" * 32)
    a_file.write_bytes(b"x")
    _aged(a_file)

    assert sweep_orphans(store, root) == 1
    assert not orphan.exists()
    assert named.is_dir() and young.is_dir() and not_ours.is_dir()
    assert link.is_symlink() and a_file.is_file()
    assert (outside / "precious.png").read_bytes() == b"x"


def test_the_sweep_is_bounded(store: HistoryStore) -> None:
    root = store.paths.group_inputs_dir
    root.mkdir(parents=True, exist_ok=True)
    orphans = [root / f"{i:032x}" for i in range(6)]
    for folder in orphans:
        folder.mkdir()
        _aged(folder)
    assert sweep_orphans(store, root, budget_s=-1.0) == 0  # no time: nothing looked at
    assert all(f.is_dir() for f in orphans)
    assert sweep_orphans(store, root, names=2) == 2  # reads two names at most
    assert sum(f.is_dir() for f in orphans) == 4
    assert sweep_orphans(store, root) == 4
    assert sweep_orphans(store, root / "missing") == 0
