"""Property tests: validation and override loading never raise on arbitrary input."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from studio.core.capabilities import load_capabilities
from studio.core.capsload import parse_override
from studio.core.costs import estimate
from studio.core.errors import Problem
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validation import coerce_params, validate, warnings

# Keep Hypothesis's cache out of the checkout: a .hypothesis folder at the root
# makes its pytest plugin warn during collection, and warnings are errors here.
_HOME = tempfile.mkdtemp(prefix="hypothesis-caps-")
atexit.register(shutil.rmtree, _HOME, True)
set_hypothesis_home_dir(_HOME)

REG = load_capabilities()
MODELS = [m.id for m in REG.models()]
NAMES = sorted({name for m in REG.models() for name in m.params} | {"seed", "watermark", "bogus"})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["auto", "1024x1024", "0x0", "99999x1", "16:9", "png", "jpeg", "true", "-1"]),
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=5), scalars, max_size=2),
)
params = st.dictionaries(
    st.one_of(st.sampled_from(NAMES), st.text(max_size=12)), values, max_size=8
)
image_bytes = st.one_of(
    st.binary(max_size=64),
    st.sampled_from(
        [
            p.read_bytes()
            for p in (Path(__file__).resolve().parents[1] / "data" / "bad").glob("*.*")
            if p.suffix != ".py"
        ]
    ),
)
images = st.lists(st.builds(InputImage, st.text(max_size=10), image_bytes), max_size=3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    model=st.sampled_from(MODELS),
    mode=st.sampled_from(list(Mode)),
    prompt=st.text(max_size=300),
    raw=params,
    inputs=images,
    mask=st.one_of(st.none(), st.builds(InputImage, st.text(max_size=10), image_bytes)),
)
def test_validate_never_raises(
    model: str,
    mode: Mode,
    prompt: str,
    raw: dict[str, object],
    inputs: list[InputImage],
    mask: InputImage | None,
) -> None:
    caps = REG.get(model)
    assert caps is not None
    req = ImageRequest(mode, model, prompt, raw, images=tuple(inputs), mask=mask)
    problems = validate(req, caps)
    assert all(isinstance(p, Problem) and p.field and p.message for p in problems)
    warnings(req, caps)
    estimate(req, caps)


@settings(max_examples=100, deadline=None)
@given(
    model=st.sampled_from(MODELS),
    raw=st.dictionaries(st.sampled_from(NAMES), st.text(max_size=12), max_size=6),
)
def test_coerced_cli_params_validate_without_raising(model: str, raw: dict[str, str]) -> None:
    caps = REG.get(model)
    assert caps is not None
    typed = coerce_params(caps, Mode.GENERATE, raw)
    assert set(typed) == set(raw)
    validate(ImageRequest(Mode.GENERATE, model, "p", typed), caps)


toml_ish = st.text(
    alphabet=st.sampled_from(
        [*'[]."=\n {}, #abcmodelsparamsinheritsgpt-image-1typechoice0123-_tfrue', "\\", "'"]
    ),
    max_size=200,
)
structured = st.builds(
    lambda model, key, value: (
        f'[models."{model}"]\ninherits = "gpt-image-1"\n[models."{model}".{key}]\n{value}\n'
    ),
    st.sampled_from(["gpt-image-1", "new-one", "dall-e-2"]),
    st.sampled_from(
        ["params.quality", "params.n", "inputs", "price", "lifecycle", "params.size.rule", "x"]
    ),
    st.sampled_from(
        [
            "type = 3",
            "choices = [1, [2]]",
            "min = 9\nmax = 1",
            'formats = ["bmp"]',
            "per_image = 'x'",
            "retired = 1",
            "multiple_of = -4",
            "default = {}",
            "max_images = -1",
            'modes = ["paint"]',
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(max_size=200), toml_ish, structured))
def test_override_parsing_never_raises(text: str) -> None:
    _changed, errors = parse_override(text, "capabilities.toml")
    for err in errors:
        assert err.line >= 1 and err.column >= 1 and str(err).startswith("capabilities.toml:")
    assert len(REG) == len(MODELS)  # the built-ins are untouched


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_load_capabilities_never_raises_on_arbitrary_files(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "capabilities.toml"
        path.write_bytes(data)
        reg = load_capabilities(path)
    assert all(m in reg for m in MODELS)
