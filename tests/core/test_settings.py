"""Settings: round trip, broken files never crash, keys never stored."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from studio.core.paths import Paths, resolve_paths
from studio.core.providers import AuthStyle, Provider, builtin_providers
from studio.core.settings import (
    MAX_RECENT_PROMPTS,
    Settings,
    Snippet,
    load_settings,
    providers,
    save_settings,
)


def _paths() -> Paths:
    return resolve_paths().ensure()


def _write(paths: Paths, text: str) -> None:
    paths.settings_file.write_text(text, encoding="utf-8")


def test_missing_file_gives_defaults_without_problems() -> None:
    settings, problems = load_settings(_paths())
    assert problems == []
    assert settings == Settings()
    assert settings.language == "system"
    assert settings.read_timeout > settings.connect_timeout > 0


def test_round_trip_keeps_every_field(studio_home: Path) -> None:
    paths = _paths()
    s = Settings(
        default_provider="tuzi",
        default_models={"tuzi": "gpt-image-1.5"},
        connect_timeout=3.5,
        read_timeout=900,
        write_timeout=200,
        proxy="http://127.0.0.1:8080",
        ca_bundle="/etc/ssl/corp.pem",
        output_dir="/tmp/out",
        language="zh_CN",
        max_retry_wait=30,
        snippets=[Snippet("fox", "a red fox, 画")],
        recent_prompts=["b", "a"],
        prices={"gpt-image-1": {"currency": "CNY", "per_image": 0.5}},
        last_params={"gpt-image-1": {"size": "1024x1024", "n": 2}},
    )
    written = save_settings(paths, s)
    assert written == paths.settings_file
    assert studio_home in written.parents
    loaded, problems = load_settings(paths)
    assert problems == []
    assert loaded == s
    # human-readable JSON, non-ASCII kept as is
    assert "画" in paths.settings_file.read_text(encoding="utf-8")


def test_bad_json_reports_file_and_line_and_keeps_defaults() -> None:
    paths = _paths()
    _write(paths, '{\n  "language": "en",\n  "proxy": ,\n}\n')
    settings, problems = load_settings(paths)
    assert settings == Settings()
    assert len(problems) == 1
    assert str(paths.settings_file) in problems[0]
    assert "line 3" in problems[0]


def test_broken_file_is_moved_aside_only_when_saving() -> None:
    paths = _paths()
    broken_text = '{"language": "en", oops'
    _write(paths, broken_text)
    load_settings(paths)
    # loading alone never touches the file
    assert paths.settings_file.read_text(encoding="utf-8") == broken_text
    assert list(paths.config_dir.glob("settings.json.broken-*")) == []

    save_settings(paths, Settings(language="en"))
    aside = list(paths.config_dir.glob("settings.json.broken-*"))
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == broken_text
    loaded, problems = load_settings(paths)
    assert problems == []
    assert loaded.language == "en"

    # a healthy file is simply replaced
    save_settings(paths, Settings(language="zh_CN"))
    assert len(list(paths.config_dir.glob("settings.json.broken-*"))) == 1


def test_wrong_types_keep_defaults_for_those_fields_only() -> None:
    paths = _paths()
    data = {
        "language": "klingon",
        "read_timeout": "long",
        "connect_timeout": -1,
        "write_timeout": True,
        "proxy": 8080,
        "snippets": [{"name": "x"}],
        "recent_prompts": "not a list",
        "default_models": {"tuzi": 3},
        "prices": [],
        # the good ones survive
        "default_provider": "dmxapi",
        "max_retry_wait": 12,
        "output_dir": "/srv/images",
    }
    _write(paths, json.dumps(data))
    settings, problems = load_settings(paths)
    d = Settings()
    assert settings.language == d.language
    assert settings.read_timeout == d.read_timeout
    assert settings.connect_timeout == d.connect_timeout
    assert settings.write_timeout == d.write_timeout
    assert settings.proxy is None
    assert settings.snippets == []
    assert settings.recent_prompts == []
    assert settings.default_models == {}
    assert settings.prices == {}
    assert settings.default_provider == "dmxapi"
    assert settings.max_retry_wait == 12.0
    assert settings.output_dir == "/srv/images"
    assert len(problems) == 9
    for name in ("language", "read_timeout", "proxy", "snippets", "prices"):
        assert any(f"'{name}'" in p and str(paths.settings_file) in p for p in problems), name
    # a file with wrong types counts as broken: saving keeps the original aside
    save_settings(paths, settings)
    assert len(list(paths.config_dir.glob("settings.json.broken-*"))) == 1


def test_top_level_not_an_object() -> None:
    paths = _paths()
    _write(paths, "[1, 2, 3]")
    settings, problems = load_settings(paths)
    assert settings == Settings()
    assert "JSON object" in problems[0]


def test_key_fields_are_stripped_with_a_warning_and_never_saved() -> None:
    paths = _paths()
    secret = "sk-test-notreal-0123456789"
    data = {
        "api_key": secret,
        "language": "en",
        "providers": [
            {
                "id": "myrelay",
                "name": "My relay",
                "base_url": "https://relay.example/v1",
                "token": secret,
                "headers": {"Authorization": f"Bearer {secret}", "X-Team": "art"},
            }
        ],
    }
    _write(paths, json.dumps(data))
    settings, problems = load_settings(paths)
    assert settings.language == "en"
    assert len(problems) == 3
    assert all("key or token" in p for p in problems)
    assert any("'api_key'" in p for p in problems)
    assert any("'providers[0].headers.Authorization'" in p for p in problems)
    assert all(secret not in p for p in problems)
    assert settings.providers[0]["headers"] == {"X-Team": "art"}
    assert "token" not in settings.providers[0]
    assert "api_key" not in settings.extra

    save_settings(paths, settings)
    text = paths.settings_file.read_text(encoding="utf-8")
    assert secret not in text
    # stripping a key is a fix, not breakage: nothing holding the key is kept aside
    assert list(paths.config_dir.glob("settings.json.broken-*")) == []
    assert load_settings(paths)[1] == []


def test_save_refuses_key_fields_added_in_code() -> None:
    paths = _paths()
    s = Settings()
    s.extra["openai_api_key"] = "sk-test-sentinel-abcdefgh"
    s.providers.append({"id": "x", "base_url": "https://x.example/v1", "key": "sk-test-xyz12345"})
    save_settings(paths, s)
    text = paths.settings_file.read_text(encoding="utf-8")
    assert "sk-test" not in text
    assert '"id": "x"' in text


def test_unknown_fields_survive_a_round_trip() -> None:
    paths = _paths()
    _write(paths, json.dumps({"version": 7, "future_feature": {"on": True}, "language": "en"}))
    settings, problems = load_settings(paths)
    assert settings.extra == {"future_feature": {"on": True}}
    assert len(problems) == 1 and "newer version" in problems[0]
    save_settings(paths, settings)
    data = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert data["future_feature"] == {"on": True}
    # a newer file is not broken: nothing moved aside
    assert list(paths.config_dir.glob("settings.json.broken-*")) == []


def test_invalid_provider_entries_are_skipped_others_kept() -> None:
    paths = _paths()
    entries = [
        {"id": "good", "name": "Good", "base_url": "https://good.example/v1"},
        {"name": "no id"},
        {"id": "badauth", "base_url": "https://b.example/v1", "auth": "kerberos"},
        "not an object",
    ]
    _write(paths, json.dumps({"providers": entries}))
    settings, problems = load_settings(paths)
    assert [p["id"] for p in settings.providers] == ["good"]
    assert len(problems) == 3
    assert any("providers[2]" in p and "badauth" in p for p in problems)


def test_providers_merges_builtins_with_user_entries() -> None:
    s = Settings()
    relay = builtin_providers()["newapi"].with_base_url("https://relay.example/v1/")
    s.upsert_provider(relay)
    # a built-in edit stores only what changed
    assert s.providers == [{"id": "newapi", "base_url": "https://relay.example/v1"}]
    custom = Provider(
        id="mine",
        name="Mine",
        base_url="https://mine.example/v1",
        auth=AuthStyle.RAW,
        models=("gpt-image-1",),
        builtin=False,
    )
    s.upsert_provider(custom)
    merged = providers(s)
    assert merged["newapi"].base_url == "https://relay.example/v1"
    assert merged["newapi"].builtin
    assert merged["newapi"].models == builtin_providers()["newapi"].models
    assert merged["mine"].auth is AuthStyle.RAW
    assert not merged["mine"].builtin
    assert set(builtin_providers()) <= set(merged)

    # editing a built-in back to its defaults removes the entry
    s.upsert_provider(builtin_providers()["newapi"])
    assert [p["id"] for p in s.providers] == ["mine"]
    s.default_provider = "mine"
    s.remove_provider("mine")
    assert s.providers == [] and s.default_provider is None


def test_recent_prompts_are_bounded_newest_first_without_duplicates() -> None:
    s = Settings()
    for i in range(MAX_RECENT_PROMPTS + 10):
        s.add_recent_prompt(f"prompt {i}")
    s.add_recent_prompt("prompt 20")
    s.add_recent_prompt("   ")
    assert len(s.recent_prompts) == MAX_RECENT_PROMPTS
    assert s.recent_prompts[0] == "prompt 20"
    assert s.recent_prompts.count("prompt 20") == 1
    assert s.recent_prompts[1] == f"prompt {MAX_RECENT_PROMPTS + 9}"


def test_remember_params_and_default_model() -> None:
    s = Settings()
    s.remember_params("gpt-image-1", {"size": "1536x1024", "quality": "high"})
    assert s.last_params["gpt-image-1"] == {"size": "1536x1024", "quality": "high"}
    tuzi = builtin_providers()["tuzi"]
    assert s.default_model_for(tuzi) == tuzi.default_model
    s.default_models["tuzi"] = "gpt-image-2"
    assert s.default_model_for(tuzi) == "gpt-image-2"


def test_unreadable_bytes_do_not_crash() -> None:
    paths = _paths()
    paths.settings_file.write_bytes(b"\xff\xfe\x00garbage")
    settings, problems = load_settings(paths)
    assert settings == Settings()
    assert str(paths.settings_file) in problems[0]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
_fields = st.sampled_from(
    [f.name for f in dataclasses.fields(Settings)] + ["api_key", "unknown", "providers"]
)


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.dictionaries(_fields, _json, max_size=6))
def test_any_json_object_loads_and_then_saves_cleanly(data: dict[str, object]) -> None:
    """Whatever values a hand-edited file holds (even Infinity), load keeps going and the
    settings it produced are saved as valid JSON that loads back unchanged."""
    paths = _paths()
    _write(paths, json.dumps(data))
    loaded, _problems = load_settings(paths)  # never raises, whatever the values
    save_settings(paths, loaded)
    again, problems = load_settings(paths)
    assert problems == []
    assert again == loaded


def test_non_standard_json_constants_are_a_clear_problem() -> None:
    paths = _paths()
    _write(paths, '{"read_timeout": Infinity, "language": "en"}')
    settings, problems = load_settings(paths)
    assert settings == Settings()
    assert len(problems) == 1
    assert "Infinity" in problems[0] and str(paths.settings_file) in problems[0]
    save_settings(paths, settings)
    assert load_settings(paths)[1] == []


def test_appearance_round_trips_and_a_wrong_value_is_reported() -> None:
    paths = _paths()
    save_settings(paths, Settings(appearance="dark"))
    loaded, problems = load_settings(paths)
    assert problems == [] and loaded.appearance == "dark"
    _write(paths, '{"appearance": "purple"}')
    loaded, problems = load_settings(paths)
    assert loaded.appearance == "system"
    assert len(problems) == 1 and "appearance" in problems[0] and "purple" in problems[0]


# -- hostile files: each keeps the defaults, says why, and is kept aside on save -------
def _hostile(paths: Paths, data: bytes) -> tuple[Settings, list[str]]:
    paths.settings_file.write_bytes(data)
    settings, problems = load_settings(paths)
    save_settings(paths, settings)
    kept = sorted(paths.config_dir.glob("settings.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == data, "the user's file was lost"
    kept[0].unlink()
    return settings, problems


def test_a_number_of_5000_digits_is_a_problem_not_a_crash() -> None:
    paths = _paths()
    settings, problems = _hostile(paths, b'{"read_timeout": 1' + b"0" * 5000 + b"}")
    assert settings == Settings()
    assert len(problems) == 1 and "a number too long to read" in problems[0], problems
    assert "sys.set_int_max_str_digits" not in problems[0]  # Python's advice, not the user's


def test_deeply_nested_json_is_a_problem_not_a_crash() -> None:
    paths = _paths()
    # deeper than json's recursion limit, and deep but within it (kept under "extra")
    for depth in (100_000, 500):
        data = b'{"x": ' + b"[" * depth + b"]" * depth + b"}"
        settings, problems = _hostile(paths, data)
        assert settings == Settings()
        assert len(problems) == 1 and "nested" in problems[0], problems


def test_a_200_mb_settings_file_is_not_read() -> None:
    import resource

    paths = _paths()
    with paths.settings_file.open("wb") as fh:  # sparse: 200 MB of NUL bytes
        fh.truncate(200 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    settings, problems = load_settings(paths)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50, f"reading it took {grown_mb:.0f} MB"
    assert settings == Settings()
    assert len(problems) == 1 and "200 MB" in problems[0], problems
    save_settings(paths, settings)
    (kept,) = paths.config_dir.glob("settings.json.broken-*")
    assert kept.stat().st_size == 200 * 1024 * 1024


def test_seconds_beyond_a_week_keep_their_defaults() -> None:
    """1e308 s passed the "positive number" check and then overflowed every timer."""
    paths = _paths()
    names = ("connect_timeout", "read_timeout", "job_deadline", "recovery_budget")
    _write(paths, json.dumps(dict.fromkeys(names, 1e308)))
    settings, problems = load_settings(paths)
    assert all(getattr(settings, n) == getattr(Settings(), n) for n in names)
    assert len(problems) == len(names) and all("at most 604800" in p for p in problems)
    _write(paths, json.dumps({"job_deadline": 604800}))
    assert load_settings(paths)[0].job_deadline == 604800


def test_a_pipe_in_place_of_the_settings_file_does_not_block_the_start() -> None:
    import os

    paths = _paths()
    os.mkfifo(paths.settings_file)  # opening it for reading waited for a writer forever
    settings, problems = load_settings(paths)
    assert settings == Settings()
    assert len(problems) == 1 and "not a regular file" in problems[0], problems
    save_settings(paths, settings)
    assert len(list(paths.config_dir.glob("settings.json.broken-*"))) == 1
