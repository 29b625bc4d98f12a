"""Lifecycle as table data: states computed against a date, replacements, carry-over,
and the one-time settings migration off a retired default."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from studio.core.capabilities import CapabilityRegistry, RateKind, builtin_capabilities
from studio.core.lifecycle import State, carry_over, today
from studio.core.migrate import migrate_retired_defaults, migration_notice
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.settings import Settings
from studio.core.validation import validate

NOV_30 = dt.date(2026, 11, 30)
DEC_1 = dt.date(2026, 12, 1)
NEW = [
    "gpt-image-2",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.6-flare",
    "gpt-image-2.6-sunburst",
]


@pytest.fixture(scope="module")
def reg() -> CapabilityRegistry:
    return builtin_capabilities()


def test_states_on_the_eve_and_the_day_of_the_december_shutdown(reg: CapabilityRegistry) -> None:
    def states(day: dt.date) -> dict[str, State]:
        return {m.id: m.lifecycle.state_on(day) for m in reg.models()}

    eve, day = states(NOV_30), states(DEC_1)
    for model_id in NEW:
        assert eve[model_id] is State.ACTIVE and day[model_id] is State.ACTIVE
    for model_id in ("gpt-image-1.5", "gpt-image-1-mini", "chatgpt-image-latest"):
        assert eve[model_id] is State.DEPRECATED, model_id
        assert day[model_id] is State.RETIRED, model_id
        life = reg.get(model_id).lifecycle  # type: ignore[union-attr]
        assert life.shutdown == DEC_1
        assert set(life.replacements) == {"gpt-image-2.6-flare", "gpt-image-2.6-sunburst"}
    for model_id, shut in (("gpt-image-1", "2026-10-23"), ("dall-e-2", "2026-05-12")):
        assert eve[model_id] is State.RETIRED
        assert reg.get(model_id).lifecycle.shutdown.isoformat() == shut  # type: ignore[union-attr]
    assert reg.get("gpt-image-1").lifecycle.replacements == (  # type: ignore[union-attr]
        "gpt-image-2.5-flare",
        "gpt-image-2.5-sunburst",
    )
    assert reg.get("gpt-image-1").lifecycle.relay_may_serve  # type: ignore[union-attr]


def test_today_follows_the_environment_for_reproducible_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IMAGE_STUDIO_TODAY", "2026-12-01")
    assert today() == DEC_1
    caps = builtin_capabilities().get("gpt-image-1.5")
    assert caps is not None and caps.lifecycle.retired == "2026-12-01"
    monkeypatch.setenv("IMAGE_STUDIO_TODAY", "2026-11-30")
    assert caps.lifecycle.retired is None and caps.lifecycle.state_on() is State.DEPRECATED


def test_snapshots_are_aliases_of_their_model(reg: CapabilityRegistry) -> None:
    for alias, model_id in (
        ("gpt-image-2-2026-04-21", "gpt-image-2"),
        ("gpt-image-2.5-flare-2026-09-08", "gpt-image-2.5-flare"),
        ("gpt-image-2.5-sunburst-2026-09-08", "gpt-image-2.5-sunburst"),
        ("gpt-image-1.5-2025-12-16", "gpt-image-1.5"),
    ):
        assert alias in reg and reg.canonical(alias) == model_id
        assert reg.get(alias) is reg.get(model_id)
    assert "gpt-image-2-2026-04-21" not in reg.ids()  # lists show the entry once


def test_each_new_model_takes_its_parameters_and_nothing_else(reg: CapabilityRegistry) -> None:
    common = {
        "size", "quality", "n", "background", "output_format", "output_compression",
        "moderation", "stream", "partial_images", "safety_identifier",
    }  # fmt: skip
    v26 = common | {"complexity", "frame_count", "frame_duration_ms", "svg"}
    for model_id in NEW:
        caps = reg.get(model_id)
        assert caps is not None
        assert set(caps.params) == (v26 if "2.6" in model_id else common), model_id
        for absent in ("user", "input_fidelity", "response_format", "style"):
            assert absent not in caps.params
        quality = caps.params["quality"].choices
        if model_id == "gpt-image-2":
            assert quality == ("auto", "low", "medium", "high")
        else:
            assert quality == ("auto", "low", "medium", "high", "xhigh", "max")
        formats = caps.params["output_format"].choices
        gif_svg = ("gif", "svg") if "2.6" in model_id else ()
        assert formats == ("png", "jpeg", "webp", *gif_svg)
        rule = caps.params["size"].rule
        assert rule is not None and (rule.multiple_of, rule.max_side, rule.max_aspect) == (
            16,
            3840,
            3.0,
        )
    v26 = reg.get("gpt-image-2.6-flare")
    assert v26 is not None
    assert (v26.params["frame_count"].minimum, v26.params["frame_count"].maximum) == (2, 16)
    assert v26.params["frame_count"].default == 9
    assert v26.params["frame_duration_ms"].minimum == 20
    assert v26.params["frame_duration_ms"].default == 200
    assert set(v26.params["svg"].fields) == {"model", "reasoning.effort"}
    assert "preview" in reg.get("gpt-image-2").params["background"].help  # type: ignore[union-attr]


def _gen(model: str, **params: object) -> ImageRequest:
    return ImageRequest(Mode.GENERATE, model, "a lighthouse", dict(params))


def _fields(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.field for p in problems]


def test_cross_field_rules_are_table_data(reg: CapabilityRegistry) -> None:
    flare = reg.get("gpt-image-2.6-flare")
    assert flare is not None
    gif = validate(_gen("gpt-image-2.6-flare", output_format="gif", stream=True), flare)
    assert _fields(gif) == ["output_format"] and "GIF" in gif[0].message
    png = InputImage("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    masked = ImageRequest(
        Mode.EDIT, "gpt-image-2.6-flare", "x", {"output_format": "gif"}, (png,), mask=png
    )
    assert "output_format" in _fields(validate(masked, flare))
    svg = validate(_gen("gpt-image-2.6-flare", output_format="svg", n=2), flare)
    assert _fields(svg) == ["output_format"] and "n = 1" in svg[0].message
    ok = _gen(
        "gpt-image-2.6-flare",
        output_format="svg",
        svg={"model": "gpt-5.2", "reasoning": {"effort": "low"}},
    )
    assert validate(ok, flare) == []
    frames = validate(_gen("gpt-image-2.6-flare", output_format="png", frame_count=4), flare)
    assert _fields(frames) == ["frame_count"] and "output_format = gif" in frames[0].message
    clear = validate(
        _gen("gpt-image-2.6-flare", background="transparent", output_format="jpeg"), flare
    )
    assert _fields(clear) == ["background"]


@pytest.mark.parametrize(
    ("model", "params", "field", "words"),
    [
        ("gpt-image-2", {"quality": "xhigh"}, "quality", "choose auto, low, medium, high"),
        ("gpt-image-2.5-flare", {"complexity": "low"}, "complexity", "does not take"),
        ("gpt-image-2.6-flare", {"size": "1000x1000"}, "size", "multiples of 16"),
        ("gpt-image-2.6-sunburst", {"size": "3840x1072"}, "size", "at most 3:1"),
        ("gpt-image-2.6-sunburst", {"size": "3840x3840"}, "size", "8,294,400 pixels"),
        ("gpt-image-2.5-sunburst", {"user": "u1"}, "user", "does not take 'user'"),
        (
            "gpt-image-2.6-flare",
            {"frame_duration_ms": 10, "output_format": "gif"},
            "frame_duration_ms",
            "at least 20",
        ),
    ],
)
def test_bad_input_names_the_field_and_the_rule(
    reg: CapabilityRegistry, model: str, params: dict[str, object], field: str, words: str
) -> None:
    problems = validate(_gen(model, **params), reg.get(model))  # type: ignore[arg-type]
    assert _fields(problems) == [field]
    assert words in problems[0].message


def test_prices_carry_their_source_and_whether_official(reg: CapabilityRegistry) -> None:
    sun = reg.get("gpt-image-2.6-sunburst").price  # type: ignore[union-attr]
    assert sun is not None
    assert {k: r.per_million for k, r in sun.rates.items()} == {
        RateKind.TEXT_INPUT: 5.0,
        RateKind.TEXT_CACHED: 1.25,
        RateKind.IMAGE_INPUT: 8.0,
        RateKind.IMAGE_CACHED: 2.0,
        RateKind.IMAGE_OUTPUT: 30.0,
    }
    assert all(r.official and "OpenAI" in r.source for r in sun.rates.values())
    flare = reg.get("gpt-image-2.6-flare").price  # type: ignore[union-attr]
    assert flare is not None and not any(r.official for r in flare.rates.values())
    assert all("third-party" in r.source for r in flare.rates.values())
    tokens = reg.get("gpt-image-2.5-flare")
    assert tokens is not None and tokens.output_tokens["max"]["1024x1024"] == 7024
    assert (
        not tokens.output_tokens_meta.official and "third-party" in tokens.output_tokens_meta.source
    )
    assert reg.get("gpt-image-2.6-flare").output_tokens == {}  # type: ignore[union-attr]
    mini = reg.get("gpt-image-1-mini").price  # type: ignore[union-attr]
    assert mini is not None and mini.rates[RateKind.IMAGE_INPUT].per_million == 2.5


def test_carry_over_keeps_what_the_replacement_takes(reg: CapabilityRegistry) -> None:
    png = InputImage("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    old = ImageRequest(
        Mode.EDIT,
        "gpt-image-1.5",
        "a red hat",
        {"quality": "high", "size": "1536x1024", "input_fidelity": "high", "user": "u-7", "n": 2},
        (png,),
        mask=png,
    )
    target = reg.get("gpt-image-2.6-flare")
    assert target is not None
    moved = carry_over(old, target)
    assert moved.request.model == "gpt-image-2.6-flare"
    assert dict(moved.request.params) == {"quality": "high", "size": "1536x1024", "n": 2}
    assert moved.dropped == ("input_fidelity", "user")
    assert moved.request.mask is png and moved.request.images == (png,)
    dalle = ImageRequest(Mode.GENERATE, "dall-e-3", "x", {"quality": "hd", "style": "vivid"})
    assert carry_over(dalle, target).dropped == ("quality", "style")


def test_a_retired_default_is_migrated_once_with_one_notice(
    reg: CapabilityRegistry, studio_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(default_models={"openai": "gpt-image-1.5", "tuzi": "gpt-image-1"})
    moves = migrate_retired_defaults(settings, reg, NOV_30)
    assert moves == [] and settings.default_models["openai"] == "gpt-image-1.5"

    moves = migrate_retired_defaults(settings, reg, DEC_1)
    # OpenAI cannot serve it any more; tu-zi is a relay that may still serve gpt-image-1
    assert [(m.provider_id, m.old, m.new) for m in moves] == [
        ("openai", "gpt-image-1.5", "gpt-image-2.6-flare")
    ]
    assert settings.default_models == {"openai": "gpt-image-2.6-flare", "tuzi": "gpt-image-1"}
    notice = migration_notice(moves)
    assert notice is not None and "gpt-image-1.5 → gpt-image-2.6-flare" in notice.message

    # through the front door: the studio migrates on open, saves, and says so once
    from studio.core.paths import resolve_paths
    from studio.core.service import Studio

    settings_file = resolve_paths().ensure().settings_file
    settings_file.write_text(
        json.dumps({"default_models": {"openai": "gpt-image-1-mini", "sandbox": "dall-e-3"}})
    )
    monkeypatch.setenv("IMAGE_STUDIO_TODAY", "2026-12-01")
    first = Studio.open(recover=False)
    try:
        (notice,) = first.notices
        assert "openai: gpt-image-1-mini → gpt-image-2.6-flare" in notice.message
        assert "sandbox" not in notice.message  # the sandbox plays a relay that still serves it
        assert notice.template.startswith("Models that have shut down")  # translatable
    finally:
        first.close()
    saved = json.loads(settings_file.read_text())
    assert saved["default_models"] == {"openai": "gpt-image-2.6-flare", "sandbox": "dall-e-3"}
    second = Studio.open(recover=False)
    try:
        assert second.notices == [] and not [p for p in second.problems if "shut down" in p]
    finally:
        second.close()
