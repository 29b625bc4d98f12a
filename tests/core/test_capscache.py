"""The parsed capability tables are cached per home, and the cache is never trusted blindly."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest

from studio.core import capscache, capsload, providers
from studio.core.capabilities import load_capabilities
from studio.core.resources import resource


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the tables this process already parsed or read from a cache."""
    monkeypatch.setattr(capsload, "_builtin", None)
    monkeypatch.setattr(capscache, "loaded", None)


def _table_files() -> list[Path]:
    return sorted(resource("capabilities").glob("*.toml"))


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("capability-tables-*.pickle"))


def test_the_cache_gives_the_same_models_as_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None
) -> None:
    parsed = load_capabilities(None, tmp_path)
    (written,) = _cache_files(tmp_path)
    monkeypatch.setattr(capsload, "_builtin", None)
    monkeypatch.setattr(
        capsload, "_parse_builtin_tables", lambda files: pytest.fail("parsed again")
    )
    monkeypatch.delitem(sys.modules, "studio.core.capsload")  # the fast path needs none of it
    cached = load_capabilities(None, tmp_path)
    assert [m.id for m in cached] == [m.id for m in parsed]
    assert all(cached.get(m.id) == m for m in parsed)
    assert "studio.core.capsload" not in sys.modules
    assert _cache_files(tmp_path) == [written]


def test_a_changed_table_gets_a_new_key(tmp_path: Path) -> None:
    copies = []
    for path in _table_files():
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    before = capscache.cache_key(copies)
    copies[0].write_bytes(copies[0].read_bytes() + b"\n# an edit\n")
    after = capscache.cache_key(copies)
    assert before and after and before != after


def test_a_tampered_cache_runs_nothing_and_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None
) -> None:
    load_capabilities(None, tmp_path)
    (written,) = _cache_files(tmp_path)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    written.write_bytes(pickle.dumps(Evil()))
    monkeypatch.setattr(capsload, "_builtin", None)
    monkeypatch.setattr(capscache, "loaded", None)
    registry = load_capabilities(None, tmp_path)
    assert not marker.exists()
    assert registry.get("gpt-image-1") is not None
    assert capscache.load(tmp_path, written.name.split("-")[-1].split(".")[0]) is not None


@pytest.mark.parametrize("wrong", ["a number for a model", "a model without fields"])
def test_a_cache_of_the_right_types_in_the_wrong_shape_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None, wrong: str
) -> None:
    """Built only of the tables' own types, yet a number where a model belongs: it
    loaded, and the start ended in AttributeError (window and CLI alike)."""
    load_capabilities(None, tmp_path)
    (written,) = _cache_files(tmp_path)
    tables = pickle.loads(written.read_bytes())
    if wrong == "a number for a model":
        tables.caps = dict.fromkeys(tables.caps, 5)
    else:
        for caps in tables.caps.values():
            object.__setattr__(caps, "aliases", None)
    written.write_bytes(pickle.dumps(tables))
    monkeypatch.setattr(capsload, "_builtin", None)
    monkeypatch.setattr(capscache, "loaded", None)
    registry = load_capabilities(None, tmp_path)
    assert registry.get("gpt-image-1") is not None
    (rewritten,) = _cache_files(tmp_path)
    assert capscache.well_formed(pickle.loads(rewritten.read_bytes()))


def test_files_of_other_keys_are_removed(tmp_path: Path, fresh: None) -> None:
    stale = tmp_path / "capability-tables-0123456789abcdef.pickle"
    stale.write_bytes(b"left by an older version")
    load_capabilities(None, tmp_path)
    assert stale not in _cache_files(tmp_path)
    assert len(_cache_files(tmp_path)) == 1


def test_the_built_in_providers_come_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None
) -> None:
    expected = providers.builtin_providers()
    load_capabilities(None, tmp_path)  # parses and writes the cache
    monkeypatch.setattr(capsload, "_builtin", None)
    monkeypatch.setattr(capscache, "loaded", None)
    load_capabilities(None, tmp_path)  # the usual start: read from the cache
    assert capscache.loaded is not None
    assert capscache.loaded.providers == providers.parse_builtin_table()
    monkeypatch.setattr(providers, "parse_builtin_table", lambda: pytest.fail("parsed again"))
    providers._builtin_table.cache_clear()
    try:
        assert providers.builtin_providers() == expected
    finally:
        providers._builtin_table.cache_clear()


def test_a_changed_providers_table_gets_a_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio.core import resources

    copy = tmp_path / "providers.toml"
    copy.write_bytes(resource("providers.toml").read_bytes())
    real = resources.resource
    monkeypatch.setattr(
        resources, "resource", lambda name: copy if name == "providers.toml" else real(name)
    )
    before = capscache.cache_key(_table_files())
    copy.write_bytes(copy.read_bytes() + b"\n# an edit\n")
    after = capscache.cache_key(_table_files())
    assert before and after and before != after
