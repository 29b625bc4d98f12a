"""The markup annotations and the expansion of a comparison or batch of edits, over real
HTTP against the sandbox with a real history: kept once with the group's pictures, each
member's job keeps them as a single edit's does (so "Reuse settings" on a member brings
them back), and a damaged or missing one fails every member with nothing sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studio.core.batch import BatchRunner, Target, plan_batch, plan_compare, start_group
from studio.core.expand import Expansion, Size, expanded_image, mask_png
from studio.core.group_inputs import SPEC_KEY, EditInputs, load_inputs, store_inputs
from studio.core.history.groups import GroupKind, MemberState
from studio.core.markup import Annotation, Kind, MarkupDoc
from studio.core.providers import Provider
from studio.core.request import ImageRequest, InputImage
from studio.core.service import Studio
from studio.sandbox.server import SandboxServer
from tests.core.test_markup_requests import SIZE, markup_png
from tests.sandbox.conftest import checker, png_bytes

MARKUP_MODELS = ("gpt-image-2.5-flare", "gpt-image-2.6-flare")
PROMPT = "do what the notes say"


def _markup_inputs() -> EditInputs:
    doc = MarkupDoc.of(
        *SIZE,
        [
            Annotation(Kind.RECT, ((20, 12), (44, 30))),
            Annotation(Kind.TEXT, ((50, 40),), text="make it red"),
        ],
    )
    return EditInputs(
        (InputImage("photo.png", png_bytes(checker(SIZE))),),
        markup=InputImage("markup.png", markup_png()),
        markup_doc=doc,
    )


def _expanded_inputs() -> EditInputs:
    exp = Expansion.margins(Size(*SIZE), 16, 0, 16, 32, feather=4)
    picture = expanded_image(png_bytes(checker(SIZE)), exp)
    return EditInputs(
        (InputImage("photo-expanded.png", picture),),
        InputImage("mask.png", mask_png(exp)),
        expansion=exp,
    )


def _compare(studio: Studio, provider: Provider, inputs: EditInputs) -> int:
    targets = [Target(provider, m, {"quality": "low"}) for m in MARKUP_MODELS]
    members = plan_compare(studio, PROMPT, targets, inputs)
    spec = {"targets": [t.to_json() for t in targets]}
    spec[SPEC_KEY] = store_inputs(studio.paths.group_inputs_dir, inputs)
    return start_group(studio, GroupKind.COMPARE, PROMPT, spec, members)


def _edits(sandbox: SandboxServer) -> list[object]:
    return [r for r in sandbox.requests if r.path.endswith("/images/edits")]


def _single(studio: Studio, provider: Provider, request: ImageRequest) -> ImageRequest:
    """What "Reuse settings" gets back from the history for ``request`` run on its own."""
    outcome = studio.run_job(provider, request)
    assert outcome.ok and outcome.job_id is not None, outcome.error
    return studio.history.request_for(outcome.job_id)


def _same_reuse(member: ImageRequest, single: ImageRequest) -> None:
    assert member.markup_doc == single.markup_doc
    assert member.expansion == single.expansion
    assert [i.data for i in member.images] == [i.data for i in single.images]
    assert (member.mask and member.mask.data) == (single.mask and single.mask.data)
    assert (member.markup and member.markup.data) == (single.markup and single.markup.data)


def test_each_member_of_a_comparison_keeps_the_markup_annotations_like_a_single_edit(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    inputs = _markup_inputs()
    gid = _compare(studio_ctx, sandbox_provider, inputs)
    group = BatchRunner(studio_ctx, gid).run()
    assert [m.state for m in group.members] == [MemberState.SUCCEEDED] * 2
    sent = _edits(sandbox)
    assert len(sent) == 2
    single = _single(studio_ctx, sandbox_provider, inputs.request(MARKUP_MODELS[0], PROMPT, {}))
    assert single.markup_doc == inputs.markup_doc  # what a member must match
    for member in group.members:
        again = studio_ctx.history.request_for(member.job_id or 0)
        assert again.markup_doc == inputs.markup_doc
        assert again.expansion is None
        _same_reuse(again, single)
    # kept once, with the group's pictures
    folder = studio_ctx.paths.group_inputs_dir / group.spec[SPEC_KEY]["folder"]
    assert sorted(p.name for p in folder.iterdir()) == ["image-1.png", "markup.json", "markup.png"]


def test_each_member_of_a_batch_keeps_the_expansion_like_a_single_edit(
    studio_ctx: Studio, sandbox: SandboxServer, sandbox_provider: Provider
) -> None:
    inputs = _expanded_inputs()
    target = Target(sandbox_provider, "gpt-image-2", {"quality": "low"})
    template = "a {thing} in the new space"
    members = plan_batch(studio_ctx, template, "thing\nboat\ngull\n", target, inputs)
    spec = {SPEC_KEY: store_inputs(studio_ctx.paths.group_inputs_dir, inputs)}
    gid = start_group(studio_ctx, GroupKind.BATCH, template, spec, members)
    group = BatchRunner(studio_ctx, gid, concurrency=1).run()
    assert [m.state for m in group.members] == [MemberState.SUCCEEDED] * 2
    assert len(_edits(sandbox)) == 2
    single = _single(studio_ctx, sandbox_provider, inputs.request("gpt-image-2", "a boat", {}))
    assert single.expansion == inputs.expansion
    for member in group.members:
        again = studio_ctx.history.request_for(member.job_id or 0)
        assert again.expansion == inputs.expansion
        assert again.markup_doc is None
        _same_reuse(again, single)


def test_stored_annotations_and_expansion_read_back_as_written(tmp_path: Path) -> None:
    root = tmp_path
    both = EditInputs(
        _markup_inputs().images,
        markup=_markup_inputs().markup,
        markup_doc=_markup_inputs().markup_doc,
        expansion=_expanded_inputs().expansion,
    )
    spec = store_inputs(root, both)
    json.dumps(spec)  # kept in the group row as JSON
    back = load_inputs(root, {SPEC_KEY: spec})
    assert back is not None
    assert back.markup_doc == both.markup_doc and back.expansion == both.expansion
    plain = store_inputs(root, EditInputs(both.images))
    assert "markup_doc" not in plain and "expansion" not in plain
    again = load_inputs(root, {SPEC_KEY: plain})
    assert again is not None and again.markup_doc is None and again.expansion is None


Damage = Callable[[Path, dict[str, Any]], None]


def _write(name: str, data: bytes) -> Damage:
    def damage(folder: Path, spec: dict[str, Any]) -> None:
        (folder / name).write_bytes(data)

    return damage


def _name(key: str, value: object) -> Damage:
    return lambda folder, spec: spec.__setitem__(key, value)


def _remove(name: str) -> Damage:
    return lambda folder, spec: (folder / name).unlink()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_write("markup.json", b"{not json"), "its record is damaged"),
        (_write("markup.json", b'{"version": 1, "width": 0}'), "its record is damaged"),
        (_write("expand.json", b" " * 5000), "larger than"),
        (_name("markup_doc", "../../history.sqlite3"), "its record is damaged"),
        (_name("expansion", "/etc/passwd"), "its record is damaged"),
        (_name("markup_doc", ["markup.json"]), "its record is damaged"),
        (_remove("expand.json"), "expand.json"),
    ],
    ids=["not-json", "not-a-doc", "too-large", "outside", "absolute", "not-a-name", "gone"],
)
def test_a_damaged_or_missing_record_fails_every_member_and_sends_nothing(
    studio_ctx: Studio,
    sandbox: SandboxServer,
    sandbox_provider: Provider,
    damage: Damage,
    words: str,
) -> None:
    inputs = EditInputs(
        _markup_inputs().images,
        markup=_markup_inputs().markup,
        markup_doc=_markup_inputs().markup_doc,
        expansion=Expansion.margins(Size(*SIZE), 0, 0, 8, 0),
    )
    targets = [Target(sandbox_provider, m, {"quality": "low"}) for m in MARKUP_MODELS]
    members = plan_compare(studio_ctx, PROMPT, targets, inputs)
    stored = store_inputs(studio_ctx.paths.group_inputs_dir, inputs)
    damage(studio_ctx.paths.group_inputs_dir / stored["folder"], stored)
    spec = {"targets": [t.to_json() for t in targets], SPEC_KEY: stored}
    gid = start_group(studio_ctx, GroupKind.COMPARE, PROMPT, spec, members)
    group = BatchRunner(studio_ctx, gid).run()
    assert [m.state for m in group.members] == [MemberState.FAILED] * 2
    for member in group.members:
        assert member.error is not None
        message = member.error["message"]
        assert "The input images of this comparison cannot be read" in message
        assert words in message
    assert not any("/images/" in r.path for r in sandbox.requests)
