"""A comparison of edits over real HTTP against the sandbox: every target edits the same
picture and mask, a target that cannot edit is sent nothing, a resume and a retry edit
the same bytes, and a damaged record sends nothing anywhere."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from studio.core.batch import BatchRunner, Target, plan_compare, retry_member, start_group
from studio.core.group_inputs import SPEC_KEY, EditInputs, load_inputs, store_inputs
from studio.core.history.groups import GroupKind, GroupStatus, MemberState
from studio.core.providers import Provider
from studio.core.request import InputImage
from studio.core.service import Studio
from studio.sandbox.server import SandboxServer


def _png(colour: tuple[int, int, int, int], size: int = 256) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (size, size), colour).save(out, "PNG")
    return out.getvalue()


def _inputs() -> EditInputs:
    mask = Image.new("RGBA", (256, 256), (0, 0, 0, 255))
    mask.paste((0, 0, 0, 0), (64, 64, 192, 192))  # the hole: what is edited
    out = io.BytesIO()
    mask.save(out, "PNG")
    return EditInputs(
        (InputImage("harbour.png", _png((20, 90, 160, 255))),),
        InputImage("mask.png", out.getvalue()),
    )


def _edits(sandbox: SandboxServer) -> list[dict[str, bytes | str]]:
    """What each edit request carried: its model and the bytes of its image and mask."""
    out = []
    for r in sandbox.requests:
        if not r.path.endswith("/images/edits"):
            continue
        parts = {p.name: p for p in r.multipart()}
        out.append(
            {
                "model": parts["model"].text(),
                "image": parts["image"].data,
                "mask": parts["mask"].data,
            }
        )
    return out


def _start(studio: Studio, targets: list[Target], inputs: EditInputs) -> int:
    members = plan_compare(studio, "a lantern on the quay", targets, inputs)
    spec = {"targets": [t.to_json() for t in targets]}
    spec[SPEC_KEY] = store_inputs(studio.paths.group_inputs_dir, inputs)
    return start_group(studio, GroupKind.COMPARE, "a lantern on the quay", spec, members)


def test_every_target_edits_the_same_picture_and_one_that_cannot_edit_gets_nothing(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    inputs = _inputs()
    targets = [
        Target(sandbox_provider, "gpt-image-2", {"size": "1024x1024", "quality": "low"}),
        Target(sandbox_provider, "dall-e-3", {}),  # generates only: refused, sent nothing
        Target(sandbox_provider, "gpt-image-2.6-flare", {"quality": "low"}),
    ]
    gid = _start(studio_ctx, targets, inputs)
    group = BatchRunner(studio_ctx, gid).run()
    states = {m.target["model"]: m.state for m in group.members}
    assert states == {
        "gpt-image-2": MemberState.SUCCEEDED,
        "dall-e-3": MemberState.REFUSED,
        "gpt-image-2.6-flare": MemberState.SUCCEEDED,
    }
    edits = _edits(sandbox)
    assert sorted(e["model"] for e in edits) == ["gpt-image-2", "gpt-image-2.6-flare"]
    assert all(e["image"] == inputs.images[0].data for e in edits)
    assert all(e["mask"] == inputs.mask.data for e in edits if inputs.mask is not None)
    assert not [r for r in sandbox.requests if r.path.endswith("/images/generations")]
    # each member's job is an ordinary edit in the history, with its input kept
    for member in group.members:
        if member.state is MemberState.SUCCEEDED:
            record = studio_ctx.history.get_job(member.job_id or 0)
            assert record is not None and record.mode == "edit"
            assert record.images and record.images[0].path.is_file()
    # the pictures are kept with the group, by names the spec gives
    folder = studio_ctx.paths.group_inputs_dir / group.spec[SPEC_KEY]["folder"]
    assert sorted(p.name for p in folder.iterdir()) == ["image-1.png", "mask.png"]


def test_a_resumed_comparison_and_a_retry_edit_the_same_bytes(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    inputs = _inputs()
    targets = [
        Target(sandbox_provider, "gpt-image-2", {"quality": "low"}),
        Target(sandbox_provider, "gpt-image-2.6-flare", {"quality": "low"}),
    ]
    gid = _start(studio_ctx, targets, inputs)
    stopped = BatchRunner(studio_ctx, gid)
    stopped.stop()  # the studio closed before anything was sent: all stays queued
    assert stopped.run().status is GroupStatus.INTERRUPTED
    assert _edits(sandbox) == []
    # the next start: a new runner reads the group (and its pictures) from disk
    group = BatchRunner(studio_ctx, gid).run()
    assert [m.state for m in group.members] == [MemberState.SUCCEEDED] * 2
    new_idx = retry_member(studio_ctx, gid, 0)
    BatchRunner(studio_ctx, gid).run(only={new_idx})
    edits = _edits(sandbox)
    assert [e["model"] for e in edits].count("gpt-image-2") == 2
    assert len(edits) == 3
    assert all(e["image"] == inputs.images[0].data for e in edits)


@pytest.mark.parametrize(
    "damage",
    [
        {"folder": "../../../etc", "images": [{"file": "image-1.png"}]},
        {"folder": "0" * 32, "images": [{"file": "../../history.sqlite3"}]},
        {"folder": "0" * 32, "images": [{"file": "image-1.png"}]},  # the file is gone
        {"folder": "0" * 32, "images": []},
        "not a record",
    ],
)
def test_a_damaged_or_missing_record_fails_each_member_and_sends_nothing(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider, damage: object
) -> None:
    targets = [
        Target(sandbox_provider, "gpt-image-2", {"quality": "low"}),
        Target(sandbox_provider, "gpt-image-2.6-flare", {"quality": "low"}),
    ]
    members = plan_compare(studio_ctx, "a quay", targets, _inputs())
    spec = {"targets": [t.to_json() for t in targets], SPEC_KEY: damage}
    gid = start_group(studio_ctx, GroupKind.COMPARE, "a quay", spec, members)
    group = BatchRunner(studio_ctx, gid).run()
    assert [m.state for m in group.members] == [MemberState.FAILED] * 2
    for member in group.members:
        assert member.error is not None
        assert "The input images of this comparison cannot be read" in member.error["message"]
    assert sandbox.requests == [] or not any("/images/" in r.path for r in sandbox.requests)


def test_stored_inputs_read_back_as_written_remote_ones_by_reference(tmp_path: Path) -> None:
    inputs = EditInputs(
        (
            InputImage("a.png", _png((1, 2, 3, 255), 32)),
            InputImage.from_url("https://example.invalid/b.png"),
            InputImage.from_file_id("file-abc"),
        ),
        InputImage("m.png", _png((0, 0, 0, 0), 32)),
    )
    spec = store_inputs(tmp_path, inputs)
    json.dumps(spec)  # kept in the group row as JSON
    back = load_inputs(tmp_path, {SPEC_KEY: spec})
    assert back is not None
    assert back.images[0].data == inputs.images[0].data and back.images[0].filename == "a.png"
    assert back.images[1].url == "https://example.invalid/b.png"
    assert back.images[2].file_id == "file-abc"
    assert back.mask is not None and back.mask.data == inputs.mask.data  # type: ignore[union-attr]
    assert load_inputs(tmp_path, {"targets": []}) is None  # a comparison from the prompt
