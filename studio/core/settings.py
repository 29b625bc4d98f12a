"""User settings: one JSON file shared by the GUI and the CLI.

Loading never fails: whatever is broken (bad JSON, a wrong type) keeps its
default and is reported in words naming the file. The broken file is moved
aside (``settings.json.broken-TIMESTAMP``) only when new settings are saved
over it, so the user's text is never silently lost. A key is never a setting:
fields named like one are dropped on load and refused on save.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from studio.core.atomic import aside_name, write_text_atomic
from studio.core.name_pattern import DEFAULT_PATTERN, check_pattern
from studio.core.paths import Paths
from studio.core.providers import AuthStyle, Provider, builtin_providers, merge_providers

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
LANGUAGES = ("system", "en", "zh_CN")
#: light or dark: follow the system, or force one
APPEARANCES = ("system", "light", "dark")
MAX_RECENT_PROMPTS = 50
#: a settings file larger than this is not read (the studio writes a few kilobytes)
MAX_SETTINGS_BYTES = 16 * 1024 * 1024
#: nesting deeper than this is refused (the studio writes three levels)
MAX_SETTINGS_DEPTH = 64
#: the longest time setting honoured (seconds; one week): larger values overflow timers
MAX_SECONDS = 7 * 24 * 3600.0
#: how saved files carry metadata (``studio.core.saving.SaveMode``)
SAVE_MODES = ("parameters", "original", "stripped")

#: field names that would hold a credential; never stored
_SECRET_NAME = re.compile(
    r"(?i)^(?:.*[_-])?(?:api[_-]?key|apikey|key|token|access[_-]?token|secret|password|"
    r"authorization|proxy-authorization)$"
)


@dataclass
class Snippet:
    """A named piece of prompt text."""

    name: str
    text: str


@dataclass
class Settings:
    """Everything the settings file holds."""

    version: int = SETTINGS_VERSION
    default_provider: str | None = None
    #: user provider entries as ``Provider.to_dict()`` (custom ones, or only the edited
    #: fields of a built-in plus its ``id``)
    providers: list[dict[str, Any]] = field(default_factory=list)
    #: provider id -> model id
    default_models: dict[str, str] = field(default_factory=dict)
    connect_timeout: float = 10.0
    read_timeout: float = 600.0
    write_timeout: float = 120.0
    proxy: str | None = None
    ca_bundle: str | None = None
    output_dir: str | None = None
    #: how saved and exported files are named (``studio.core.filenames``)
    file_pattern: str = DEFAULT_PATTERN
    #: what export and dragging out write: "parameters", "original" or "stripped"
    save_metadata: str = "parameters"
    language: str = "system"
    appearance: str = "system"
    #: a desktop notification when a job ends while the window is in the background
    notify_when_done: bool = True
    #: the composer's "More options" is open
    more_options: bool = False
    #: longest ``Retry-After`` (seconds) honoured automatically
    max_retry_wait: float = 60.0
    #: a job (every request, retry and download) is stopped after this many seconds
    job_deadline: float = 900.0
    #: a stream that sends only keep-alives for this many seconds is stopped
    stream_idle_timeout: float = 120.0
    #: seconds a CLI start may spend recovering replies left by dead processes
    recovery_budget: float = 20.0
    snippets: list[Snippet] = field(default_factory=list)
    #: newest first, at most MAX_RECENT_PROMPTS
    recent_prompts: list[str] = field(default_factory=list)
    #: model id -> price table overriding the capability table's (``{"currency",
    #: "per_image", "per_million_output_tokens"}``)
    prices: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: model id -> the parameters last used with it
    last_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: provider id -> factor on the table prices (a relay billing 68 % of OpenAI's: 0.68)
    price_factors: dict[str, float] = field(default_factory=dict)
    #: fields this version does not know (kept so a newer version's settings survive)
    extra: dict[str, Any] = field(default_factory=dict)

    # -- small helpers the front ends share --------------------------------
    def add_recent_prompt(self, prompt: str) -> None:
        prompt = prompt.strip()
        if not prompt:
            return
        self.recent_prompts = [prompt, *(p for p in self.recent_prompts if p != prompt)][
            :MAX_RECENT_PROMPTS
        ]

    def remember_params(self, model: str, params: Mapping[str, Any]) -> None:
        self.last_params[model] = _strip_secrets(dict(params), "settings", [])

    def price_factor(self, provider_id: str) -> float:
        """The factor on table prices for ``provider_id`` (1.0 unless set)."""
        return self.price_factors.get(provider_id, 1.0)

    def default_model_for(self, provider: Provider) -> str:
        return self.default_models.get(provider.id) or provider.default_model

    def upsert_provider(self, provider: Provider) -> None:
        """Store ``provider``: a custom one whole, a built-in as only what differs from it."""
        entry = provider.to_dict()
        builtin = builtin_providers().get(provider.id)
        if builtin is not None:
            base = builtin.to_dict()
            entry = {"id": provider.id} | {k: v for k, v in entry.items() if base.get(k) != v}
        entry = _strip_secrets(entry, "settings", [])
        self.providers = [p for p in self.providers if p.get("id") != provider.id]
        if len(entry) > 1 or builtin is None:
            self.providers.append(entry)

    def remove_provider(self, provider_id: str) -> None:
        """Forget a custom provider, or the user's edits of a built-in."""
        self.providers = [p for p in self.providers if p.get("id") != provider_id]
        self.default_models.pop(provider_id, None)
        if self.default_provider == provider_id:
            self.default_provider = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if f.name == "snippets":
                value = [{"name": s.name, "text": s.text} for s in value]
            data[f.name] = value
        data["version"] = SETTINGS_VERSION
        return data


def providers(settings: Settings) -> dict[str, Provider]:
    """Built-in providers overlaid with the user's entries."""
    entries: list[Mapping[str, Any]] = list(settings.providers)
    return merge_providers(builtin_providers(), entries)


# -- loading ------------------------------------------------------------------
@dataclass
class _Read:
    """The settings file as read: its data, what was wrong with it, whether it is broken."""

    data: dict[str, Any] | None
    problems: list[str]
    #: the file exists and could not be used as it is (moved aside before a save)
    broken: bool


def load_settings(paths: Paths) -> tuple[Settings, list[str]]:
    """The settings in ``paths.settings_file`` and a list of problems found (never raises)."""
    read = _read(paths.settings_file)
    settings = Settings()
    problems = list(read.problems)
    if read.data is not None:
        settings, more, _ = _from_dict(read.data, paths.settings_file)
        problems += more
    for p in problems:
        log.info("settings: %s", p)  # callers show the list; logging may not be set up yet
    return settings, problems


def save_settings(paths: Paths, settings: Settings) -> Path:
    """Write ``settings`` atomically; a broken file already there is first moved aside."""
    target = paths.settings_file
    if target.exists() and _read(target).broken:
        aside = aside_name(target)
        os.replace(target, aside)
        log.warning("Moved the unreadable settings file aside to %s", aside)
    problems: list[str] = []
    data = _strip_secrets(settings.to_dict(), str(target), problems)
    for p in problems:
        log.warning("%s", p)
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return write_text_atomic(target, text)


def _read(path: Path) -> _Read:
    try:
        from studio.core.regular import read_regular

        size = path.stat().st_size
        if size > MAX_SETTINGS_BYTES:
            return _Read(
                None,
                [
                    f"{path}: the file is {size // (1024 * 1024)} MB, far larger than any "
                    "settings file the studio writes; using default settings (the file will "
                    f"be kept as {path.name}.broken-… when settings are next saved)."
                ],
                True,
            )
        # a pipe or a device in its place would block or never end
        text = read_regular(path, MAX_SETTINGS_BYTES).decode("utf-8")
    except FileNotFoundError:
        return _Read(None, [], False)
    except (OSError, UnicodeDecodeError) as exc:
        return _Read(None, [f"{path}: could not be read ({exc}); using default settings."], True)
    if not text.strip():
        return _Read(None, [f"{path}: the file is empty; using default settings."], True)
    try:
        data = json.loads(text, parse_constant=_reject_constant)
        if _depth(data) > MAX_SETTINGS_DEPTH:
            raise _NotJson(f"nested more than {MAX_SETTINGS_DEPTH} levels deep")
    except RecursionError:
        return _Read(
            None, [f"{path}: nested too deeply to be settings; using default settings."], True
        )
    except _NotJson as exc:
        return _Read(None, [f"{path}: {exc}; using default settings."], True)
    except json.JSONDecodeError as exc:
        return _Read(
            None,
            [
                f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}; "
                "using default settings (the file will be kept as "
                f"{path.name}.broken-… when settings are next saved)."
            ],
            True,
        )
    except ValueError:  # not a JSONDecodeError: Python's limit on an integer's digits
        return _Read(
            None,
            [
                f"{path}: holds a number too long to read (more than 4300 digits); using "
                f"default settings (the file will be kept as {path.name}.broken-… when "
                "settings are next saved)."
            ],
            True,
        )
    if not isinstance(data, dict):
        return _Read(
            None,
            [f"{path}: expected a JSON object at the top level; using default settings."],
            True,
        )
    _, _, broken = _from_dict(data, path)
    return _Read(data, [], broken)


class _NotJson(ValueError):
    pass


def _depth(data: Any) -> int:
    """How deeply ``data``'s lists and objects nest (without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            items = value.values() if isinstance(value, dict) else value
            stack.extend((v, level + 1) for v in items if isinstance(v, dict | list))
    return deepest


def _reject_constant(name: str) -> Any:
    raise _NotJson(f"'{name}' is not valid JSON (use a number)")


def _from_dict(data: Mapping[str, Any], path: Path) -> tuple[Settings, list[str], bool]:
    """Settings from ``data``, the problems found, and whether any value was unusable.

    Dropped credential fields are reported but do not make the file "broken":
    saving over it is exactly what removes the key from disk.
    """
    problems: list[str] = []
    secret_problems: list[str] = []
    clean = _strip_secrets(dict(data), str(path), secret_problems)
    defaults = Settings()
    s = Settings()
    known = {f.name for f in fields(Settings)} - {"extra"}

    def bad(name: str, rule: str, value: Any) -> None:
        default = getattr(defaults, name)
        problems.append(
            f"{path}: '{name}' {rule}, but it is {json.dumps(value, ensure_ascii=False)[:80]}; "
            f"using {json.dumps(default, ensure_ascii=False, default=str)}."
        )

    version = clean.get("version", SETTINGS_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SETTINGS_VERSION:
        problems.append(
            f"{path}: written by a newer version (settings version {version}); "
            "fields this version does not know are kept as they are."
        )

    for name in ("default_provider", "proxy", "ca_bundle", "output_dir"):
        if name in clean:
            v = clean[name]
            if v is None or isinstance(v, str):
                setattr(s, name, v or None)
            else:
                bad(name, "should be text or null", v)

    for name in (
        "connect_timeout",
        "read_timeout",
        "write_timeout",
        "max_retry_wait",
        "job_deadline",
        "stream_idle_timeout",
        "recovery_budget",
    ):
        if name in clean:
            v = clean[name]
            if _is_number(v) and 0 < v <= MAX_SECONDS:
                setattr(s, name, float(v))
            else:
                bad(name, f"should be a positive number of seconds, at most {MAX_SECONDS:.0f}", v)

    if "file_pattern" in clean:
        v = clean["file_pattern"]
        if isinstance(v, str) and check_pattern(v) is None:
            s.file_pattern = v
        else:
            bad("file_pattern", "should be a file name pattern like " + DEFAULT_PATTERN, v)

    if "save_metadata" in clean:
        v = clean["save_metadata"]
        if v in SAVE_MODES:
            s.save_metadata = v
        else:
            bad("save_metadata", f"should be one of {', '.join(SAVE_MODES)}", v)

    if "language" in clean:
        v = clean["language"]
        if v in LANGUAGES:
            s.language = v
        else:
            bad("language", f"should be one of {', '.join(LANGUAGES)}", v)

    if "appearance" in clean:
        v = clean["appearance"]
        if v in APPEARANCES:
            s.appearance = v
        else:
            bad("appearance", f"should be one of {', '.join(APPEARANCES)}", v)

    for name in ("notify_when_done", "more_options"):
        if name in clean:
            v = clean[name]
            if isinstance(v, bool):
                setattr(s, name, v)
            else:
                bad(name, "should be true or false", v)

    if "providers" in clean:
        s.providers = _read_providers(clean["providers"], path, problems)

    if "default_models" in clean:
        v = clean["default_models"]
        if isinstance(v, dict) and all(isinstance(m, str) for m in v.values()):
            s.default_models = {str(k): m for k, m in v.items()}
        else:
            bad("default_models", "should map provider ids to model names", v)

    if "snippets" in clean:
        v = clean["snippets"]
        if isinstance(v, list) and all(
            isinstance(i, dict)
            and isinstance(i.get("name"), str)
            and isinstance(i.get("text"), str)
            for i in v
        ):
            s.snippets = [Snippet(i["name"], i["text"]) for i in v]
        else:
            bad("snippets", 'should be a list of {"name": text, "text": text}', v)

    if "recent_prompts" in clean:
        v = clean["recent_prompts"]
        if isinstance(v, list) and all(isinstance(p, str) for p in v):
            s.recent_prompts = list(dict.fromkeys(v))[:MAX_RECENT_PROMPTS]
        else:
            bad("recent_prompts", "should be a list of text", v)

    for name in ("prices", "last_params"):
        if name in clean:
            v = clean[name]
            if isinstance(v, dict) and all(isinstance(t, dict) for t in v.values()):
                setattr(s, name, {str(k): dict(t) for k, t in v.items()})
            else:
                bad(name, "should map model names to objects", v)

    if "price_factors" in clean:
        v = clean["price_factors"]
        if isinstance(v, dict) and all(
            _is_number(f) and 0 < f < 1000 and math.isfinite(f) for f in v.values()
        ):
            s.price_factors = {str(k): float(f) for k, f in v.items()}
        else:
            bad("price_factors", "should map provider ids to positive numbers", v)

    s.extra = {k: v for k, v in clean.items() if k not in known}
    broken = any(not p.startswith(f"{path}: written by a newer") for p in problems)
    return s, secret_problems + problems, broken


def _read_providers(value: Any, path: Path, problems: list[str]) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        problems.append(f"{path}: 'providers' should be a list of provider objects; ignoring it.")
        return []
    entries: list[dict[str, Any]] = []
    for i, entry in enumerate(value):
        where = f"{path}: providers[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            problems.append(f"{where} needs an object with a text 'id'; skipping it.")
            continue
        try:
            if "auth" in entry:
                AuthStyle(str(entry["auth"]).lower())
            Provider.from_dict(entry)
            if not isinstance(entry.get("headers", {}), dict):
                raise ValueError("'headers' should be an object")
            if not isinstance(entry.get("models", []), list):
                raise ValueError("'models' should be a list")
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"{where} ('{entry['id']}') is invalid ({exc}); skipping it.")
            continue
        entries.append(entry)
    return entries


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _strip_secrets(
    data: dict[str, Any], file: str, problems: list[str], field_path: str = ""
) -> dict[str, Any]:
    """``data`` without credential-like fields (recursively), each one reported."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        name = f"{field_path}.{k}" if field_path else str(k)
        if isinstance(k, str) and _SECRET_NAME.match(k) and v not in (None, ""):
            problems.append(
                f"{file}: '{name}' looks like a key or token; keys are never kept in "
                "the settings file (they belong in the keyring), so it was ignored."
            )
            continue
        if isinstance(v, dict):
            v = _strip_secrets(v, file, problems, name)
        elif isinstance(v, list):
            v = [
                _strip_secrets(i, file, problems, f"{name}[{n}]") if isinstance(i, dict) else i
                for n, i in enumerate(v)
            ]
        out[k] = v
    return out
