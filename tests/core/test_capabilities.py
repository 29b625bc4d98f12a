"""The built-in capability tables, their loader and the user override file."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.core import capsload
from studio.core.capabilities import (
    CapabilityRegistry,
    Endpoint,
    ParamType,
    builtin_capabilities,
    load_capabilities,
)
from studio.core.paths import resolve_paths
from studio.core.request import Mode

ALL_MODELS = [
    "gpt-image-2",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.6-flare",
    "gpt-image-2.6-sunburst",
    "gpt-image-1.5",
    "gpt-image-1",
    "gpt-image-1-mini",
    "chatgpt-image-latest",
    "dall-e-3",
    "dall-e-2",
    "seedream-3.0",
    "imagen4",
    "flux-kontext-pro",
    "flux-kontext-max",
    "paiwo-picture",
]
GPT_IMAGE = [
    "gpt-image-2", "gpt-image-2.5-flare", "gpt-image-2.5-sunburst", "gpt-image-2.6-flare",
    "gpt-image-2.6-sunburst", "gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini",
]  # fmt: skip


@pytest.fixture(scope="module")
def reg() -> CapabilityRegistry:
    return load_capabilities()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "capabilities.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- built-in tables -------------------------------------------------------------


def test_every_model_loads_in_a_stable_order(reg: CapabilityRegistry) -> None:
    assert [m.id for m in reg.models()] == ALL_MODELS
    assert reg.override_errors == []
    for model_id in ALL_MODELS:
        assert model_id in reg
        caps = reg.get(model_id)
        assert caps is not None and caps.id == model_id and caps.source == "built-in"
    assert "no-such-model" not in reg and reg.get("no-such-model") is None


def test_every_table_file_contributes(reg: CapabilityRegistry) -> None:
    files = sorted(p.stem for p in capsload.resource("capabilities").glob("*.toml"))
    assert files == [
        "dall-e", "flux-kontext", "gpt-image", "gpt-image-2", "imagen", "paiwo", "seedream"
    ]  # fmt: skip
    assert {m.family for m in reg.models()} == {
        "gpt-image", "gpt-image-2", "dall-e", "seedream", "imagen", "flux-kontext", "paiwo"
    }  # fmt: skip


def test_builtins_are_parsed_once_per_process() -> None:
    assert capsload._builtin_tables() is capsload._builtin_tables()
    assert builtin_capabilities().get("gpt-image-1") is load_capabilities().get("gpt-image-1")


def test_every_param_has_a_label_and_help(reg: CapabilityRegistry) -> None:
    for caps in reg.models():
        for spec in caps.params.values():
            assert spec.label and spec.help, (caps.id, spec.name)
            assert spec.modes, (caps.id, spec.name)


def test_dall_e_3_makes_one_image_per_request_and_no_edits(reg: CapabilityRegistry) -> None:
    caps = reg.get("dall-e-3")
    assert caps is not None
    assert caps.n_per_request == 1 and caps.n_max == 10
    assert caps.params["n"].maximum == 10
    assert caps.endpoints == {Endpoint.GENERATE}
    assert not caps.supports(Mode.EDIT) and not caps.supports(Mode.VARIATIONS)
    assert caps.params["style"].choices == ("vivid", "natural")
    assert caps.params["quality"].choices == ("standard", "hd")
    assert caps.prompt_max == 4000
    assert caps.lifecycle.retired == "2026-05-12" and caps.lifecycle.relay_only


def test_dall_e_2_edits_and_variations_take_one_square_png(reg: CapabilityRegistry) -> None:
    caps = reg.get("dall-e-2")
    assert caps is not None
    assert caps.supports(Mode.VARIATIONS) and caps.supports(Mode.EDIT)
    assert caps.prompt_max == 1000
    assert caps.params["size"].choices == ("256x256", "512x512", "1024x1024")
    assert caps.inputs.formats == ("png",) and caps.inputs.square
    assert caps.inputs.max_images == 1 and caps.inputs.max_bytes == 4 * 1024 * 1024
    assert caps.inputs.mask and caps.inputs.alpha_without_mask
    assert "variations" in {m.value for m in caps.params["response_format"].modes}


def test_gpt_image_2_size_rule(reg: CapabilityRegistry) -> None:
    size = reg.get("gpt-image-2").params["size"]  # type: ignore[union-attr]
    assert size.type is ParamType.SIZE and "auto" in size.choices
    rule = size.rule
    assert rule is not None
    assert (rule.multiple_of, rule.max_side) == (16, 3840)
    assert (rule.min_pixels, rule.max_pixels, rule.max_aspect) == (655_360, 8_294_400, 3.0)
    assert "input_fidelity" not in reg.get("gpt-image-2").params  # type: ignore[union-attr]


@pytest.mark.parametrize("model_id", GPT_IMAGE)
def test_gpt_image_shared_facts(reg: CapabilityRegistry, model_id: str) -> None:
    caps = reg.get(model_id)
    assert caps is not None
    assert caps.endpoints == {Endpoint.GENERATE, Endpoint.EDIT, Endpoint.STREAM}
    assert caps.prompt_max == 32000 and caps.n_per_request == 10
    transparent = [c for c in caps.constraints if c.when == {"background": ("transparent",)}]
    assert transparent and transparent[0].require == {"output_format": ("png", "webp")}
    assert caps.params["output_compression"].only_with == {"output_format": ("jpeg", "webp")}
    assert (
        caps.params["output_compression"].minimum,
        caps.params["output_compression"].maximum,
    ) == (0, 100)
    assert caps.params["partial_images"].only_with == {"stream": (True,)}
    assert (caps.params["partial_images"].minimum, caps.params["partial_images"].maximum) == (0, 3)
    assert caps.params["stream"].type is ParamType.BOOL
    assert caps.params["moderation"].modes == {Mode.GENERATE}
    assert "response_format" not in caps.params and "style" not in caps.params
    assert caps.inputs.max_images == 16 and caps.inputs.mask
    assert caps.inputs.formats == ("png", "jpeg", "webp")
    if model_id.startswith("gpt-image-2"):  # 2.x: safety_identifier replaces the deprecated user
        assert "safety_identifier" in caps.params and "user" not in caps.params
    else:
        assert "user" in caps.params


def test_input_fidelity_is_for_edits_on_1_and_1_5_but_not_mini(reg: CapabilityRegistry) -> None:
    for model_id in ("gpt-image-1", "gpt-image-1.5"):
        spec = reg.get(model_id).params["input_fidelity"]  # type: ignore[union-attr]
        assert spec.modes == {Mode.EDIT} and spec.choices == ("low", "high")
        assert spec in reg.get(model_id).params_for(Mode.EDIT)  # type: ignore[union-attr]
        assert spec not in reg.get(model_id).params_for(Mode.GENERATE)  # type: ignore[union-attr]
    # SDK 3.57: "gpt-image-1-mini supports only low"
    mini = reg.get("gpt-image-1-mini").params["input_fidelity"]  # type: ignore[union-attr]
    assert mini.choices == ("low",) and mini.modes == {Mode.EDIT}


def test_output_token_tables(reg: CapabilityRegistry) -> None:
    g1 = reg.get("gpt-image-1")
    assert g1 is not None
    assert g1.output_tokens["medium"]["1024x1024"] == 1056
    assert g1.output_tokens["high"]["1536x1024"] == 6208
    for model_id in ("gpt-image-1.5", "gpt-image-1-mini"):
        caps = reg.get(model_id)
        assert caps is not None
        assert caps.output_tokens == g1.output_tokens
        assert "unconfirmed" in caps.note and caps.price and "unconfirmed" in caps.price.note
    assert reg.get("gpt-image-2").output_tokens == {}  # type: ignore[union-attr]


def test_prices_are_marked_as_estimates(reg: CapabilityRegistry) -> None:
    priced = [m for m in reg.models() if m.price is not None]
    assert {m.id for m in priced} >= {"gpt-image-1", "dall-e-3", "seedream-3.0", "flux-kontext-max"}
    for caps in priced:
        assert "estimate" in caps.price.note  # type: ignore[union-attr]
    assert reg.get("seedream-3.0").price.currency == "CNY"  # type: ignore[union-attr]


def test_relay_models_and_extras(reg: CapabilityRegistry) -> None:
    relay = {m.id for m in reg.models() if m.relay_defined}
    assert relay == {
        "seedream-3.0",
        "imagen4",
        "flux-kontext-pro",
        "flux-kontext-max",
        "paiwo-picture",
    }
    seedream = reg.get("seedream-3.0")
    assert seedream is not None
    assert seedream.params["seed"].extra and seedream.params["seed"].minimum == -1
    assert seedream.params["aspect_ratio"].extra
    assert "1664x936" in seedream.params["size"].choices
    for caps in reg.models():
        if caps.id.startswith(("gpt-image-2", "gpt-image-1.5", "gpt-image-1-mini", "dall-e")):
            assert not any(p.extra for p in caps.params.values()), caps.id
    flux = reg.get("flux-kontext-pro")
    assert flux is not None and flux.supports(Mode.EDIT)
    assert flux.params["quality"].choices == ("low", "medium", "high")


def test_paiwo_picture_is_upload_only(reg: CapabilityRegistry) -> None:
    caps = reg.get("paiwo-picture")
    assert caps is not None
    assert caps.endpoints == {Endpoint.UPLOAD}
    assert not any(caps.supports(m) for m in Mode)
    assert caps.inputs.max_side == 9999 and set(caps.inputs.formats) == {"png", "jpeg", "webp"}


def test_retired_models_carry_lifecycle_notes(
    reg: CapabilityRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMAGE_STUDIO_TODAY", "2026-11-30")
    retired = {m.id: m.lifecycle.retired for m in reg.models() if m.lifecycle.retired}
    assert retired == {
        "gpt-image-1": "2026-10-23",
        "dall-e-3": "2026-05-12",
        "dall-e-2": "2026-05-12",
    }
    for model_id in retired:
        assert "relay" in reg.get(model_id).lifecycle.source.lower()  # type: ignore[union-attr]


def test_a_broken_builtin_table_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('family = "x"\n[models.m]\nendpoints = ["teleport"]\nprompt_max = 1\n')
    with pytest.raises(capsload.TableError, match="unknown endpoint"):
        capsload._read_family_file(bad, capsload._Tables())


# -- the user override -----------------------------------------------------------


def test_no_override_file_is_fine(tmp_path: Path) -> None:
    reg = load_capabilities(tmp_path / "missing.toml")
    assert reg.override_errors == [] and len(reg) == len(ALL_MODELS)


def test_override_adds_a_model_inheriting_a_builtin(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[models."my-image"]\ninherits = "gpt-image-1"\ndisplay_name = "Mine"\nprompt_max = 500\n',
    )
    reg = load_capabilities(path)
    assert reg.override_errors == []
    mine, base = reg.get("my-image"), reg.get("gpt-image-1")
    assert mine is not None and base is not None
    assert mine.display_name == "Mine" and mine.prompt_max == 500 and mine.source == str(path)
    assert mine.params == base.params and mine.family == "gpt-image"
    assert [m.id for m in reg.models()] == [*ALL_MODELS, "my-image"]


def test_override_adds_a_model_from_family_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, '[models."gpt-image-9"]\nfamily = "gpt-image"\n')
    caps = load_capabilities(path).get("gpt-image-9")
    assert caps is not None
    assert caps.prompt_max == 32000 and "background" in caps.params
    assert "input_fidelity" not in caps.params  # family defaults, not a model's entry


def test_override_merges_over_a_builtin(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[models."gpt-image-1".params.quality]
choices = ["low", "high"]
default = "high"

[models."gpt-image-1".params.seed]
remove = true

[models."gpt-image-1".params.watermark]
type = "bool"
extra = true
modes = ["generate"]
label = "Watermark"
help = "My relay adds a watermark unless false."

[models."gpt-image-1".price]
per_million_output_tokens = 27.2
""",
    )
    reg = load_capabilities(path)
    assert reg.override_errors == []
    caps = reg.get("gpt-image-1")
    assert caps is not None and caps.source == str(path)
    assert caps.params["quality"].choices == ("low", "high")
    assert caps.params["quality"].label == "Quality"  # untouched keys stay
    assert "seed" not in caps.params and caps.params["watermark"].extra
    assert caps.price is not None and caps.price.per_million_output_tokens == 27.2
    assert caps.price.currency == "USD"
    assert caps.output_tokens["low"]["1024x1024"] == 272
    # the built-in cache is untouched by the merge
    assert builtin_capabilities().get("gpt-image-1").params["quality"].choices == (  # type: ignore[union-attr]
        "auto", "low", "medium", "high"
    )  # fmt: skip


def test_broken_toml_syntax_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[models."a"]\ninherits = "gpt-image-1"\nprompt_max = = 3\n')
    reg = load_capabilities(path)
    assert len(reg.override_errors) == 1
    err = reg.override_errors[0]
    assert (err.file, err.line) == (str(path), 3) and err.column >= 1
    assert "syntax" in err.message.lower()
    assert str(err).startswith(f"{path}:3: ")
    assert [m.id for m in reg.models()] == ALL_MODELS


@pytest.mark.parametrize(
    ("snippet", "needle"),
    [
        ('[models."gpt-image-1".params.quality]\ntype = "colour"\n', "unknown type 'colour'"),
        ('[models."gpt-image-1".params.quality]\nchoices = []\n', "non-empty list"),
        ('[models."gpt-image-1".params.quality]\nchoices = ["a", "a"]\n', "twice"),
        ('[models."gpt-image-1".params.n]\nmin = 5\nmax = 2\n', "min 5 > max 2"),
        ('[models."gpt-image-1"]\nendpoints = ["generate", "teleport"]\n', "unknown endpoint"),
        ('[models."gpt-image-1".params.quality]\ndefault = "ultra"\n', "default"),
        ('[models."new"]\ninherits = "nope"\n', "inherits unknown model"),
        ('[models."new"]\nprompt_max = 10\n', "needs 'endpoints'"),
        (
            '[[models."gpt-image-1".constraints]]\nwhen = { background = "transparent" }\n',
            "constraint 'when'.background must be a non-empty list",
        ),
        ('[models."gpt-image-1".params.n]\nmodes = []\n', "'n' modes must be a non-empty list"),
        ('[models."gpt-image-1".params.n]\nmodes = ["paint"]\n', "unknown mode"),
        ('[models."new"]\nfamily = "gpt-image"\nendpoints = "generate"\n', "'endpoints' must be"),
        ('[models."gpt-image-1".inputs]\nmax_imagez = 3\n', "unknown key 'max_imagez'"),
    ],
)
def test_semantic_errors_name_the_header_line_and_skip_only_that_entry(
    tmp_path: Path, snippet: str, needle: str
) -> None:
    good = '# my models\n[models."good-one"]\ninherits = "dall-e-3"\n\n'
    path = write(tmp_path, good + snippet)
    reg = load_capabilities(path)
    assert len(reg.override_errors) == 1, reg.override_errors
    err = reg.override_errors[0]
    assert needle in err.message and "skipped" in err.message
    assert err.file == str(path) and err.line == 5  # the offending table's header
    assert str(err) == f"{path}:5: {err.message}"
    assert "good-one" in reg  # good entries still apply
    assert reg.get("gpt-image-1") == builtin_capabilities().get("gpt-image-1")
    assert len(reg) >= len(ALL_MODELS)


def test_a_semantic_error_in_an_inline_table_finds_the_quoted_id(tmp_path: Path) -> None:
    path = write(tmp_path, 'x = 1\n\n[models]\n"odd" = { inherits = "gpt-image-1", n_max = 0 }\n')
    errors = load_capabilities(path).override_errors
    messages = sorted(str(e) for e in errors)
    assert any("unknown top-level key 'x'" in m and ":1:" in m for m in messages)
    assert any("n_max" in m and ":4:" in m for m in messages)


def test_an_override_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "capabilities.toml"
    path.write_bytes(b"\xff\xfe[models]\n")
    reg = load_capabilities(path)
    assert len(reg.override_errors) == 1 and "UTF-8" in reg.override_errors[0].message
    assert len(reg) == len(ALL_MODELS)


def test_the_user_override_lives_in_the_config_dir(studio_home: Path) -> None:
    paths = resolve_paths().ensure()
    paths.capabilities_override.write_text('[models."x"]\ninherits = "imagen4"\n', "utf-8")
    assert "x" in load_capabilities(paths.capabilities_override)
    assert paths.capabilities_override.is_relative_to(studio_home)


def test_a_device_in_place_of_the_override_file_is_an_override_error(tmp_path: Path) -> None:
    import os

    override = tmp_path / "capabilities.toml"
    os.symlink("/dev/zero", override)  # read to a MemoryError before
    registry = load_capabilities(override)
    assert registry.get("gpt-image-1") is not None
    (error,) = registry.override_errors
    assert error.message.startswith("cannot read:") and "not a regular file" in error.message
