"""Reading capability tables: TOML -> :class:`ModelCaps`, merging, the user override.

Built-in table errors are bugs and raise; override errors become
:class:`OverrideError` values located at the offending table's header line.
The schema itself is described in :mod:`studio.core.capabilities`.
"""

from __future__ import annotations

import copy
import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from studio.core.capabilities import (
    CapabilityRegistry,
    Constraint,
    Endpoint,
    InputSpec,
    ModelCaps,
    OverrideError,
    ParamSpec,
    ParamType,
    SizeRule,
)
from studio.core.capscache import Tables as _Tables
from studio.core.capsparts import (
    TableError,
    _conditions,
    _figures,
    _int,
    _lifecycle,
    _number_table,
    _price,
    _scalar_list,
    _table,
    _unknown_keys,
    _want,
)
from studio.core.providers import parse_builtin_table
from studio.core.request import Mode
from studio.core.resources import resource

# -- raw dict -> dataclasses -----------------------------------------------------

_MODEL_KEYS = {
    "family", "inherits", "display_name", "endpoints", "prompt_max", "n_max", "n_per_request",
    "params", "constraints", "inputs", "output_tokens", "price", "lifecycle", "relay_defined",
    "note", "aliases", "output_tokens_meta",
}  # fmt: skip
_PARAM_KEYS = {
    "type", "choices", "min", "max", "default", "modes", "only_with", "extra", "rule", "label",
    "help", "pattern", "remove", "fields",
}  # fmt: skip
_FORMATS = {"png", "jpeg", "webp", "gif"}


def _size_rule(value: Any, path: tuple[str, ...]) -> SizeRule:
    table = _table(value, "'rule'", path)
    names = {"multiple_of", "min_side", "max_side", "min_pixels", "max_pixels", "max_aspect"}
    _unknown_keys(table, names, "the size rule", path)
    kw: dict[str, Any] = {}
    for key, val in table.items():
        kind = float if key == "max_aspect" else int
        kw[key] = _want(val, kind, f"rule '{key}'", path)
        if kw[key] <= 0 or (kind is float and not math.isfinite(kw[key])):
            raise TableError(f"rule '{key}' must be a positive number", path)
    rule = SizeRule(**kw)
    if rule.min_side > rule.max_side or rule.min_pixels > rule.max_pixels:
        raise TableError("the size rule has a minimum above its maximum", path)
    return rule


def _param(name: str, raw: Any, path: tuple[str, ...]) -> ParamSpec:
    raw = _table(raw, f"param '{name}'", path)
    _unknown_keys(raw, _PARAM_KEYS, f"param '{name}'", path)
    type_name = raw.get("type")
    try:
        ptype = ParamType(type_name)
    except ValueError:
        known = ", ".join(t.value for t in ParamType)
        raise TableError(
            f"param '{name}' has unknown type {type_name!r} (use one of: {known})", path
        ) from None
    choices = _scalar_list(raw["choices"], f"'{name}' choices", path) if "choices" in raw else ()
    if ptype is ParamType.CHOICE and not choices:
        raise TableError(f"choice param '{name}' needs a 'choices' list", path)
    minimum, maximum = _int(raw, "min", None, path), _int(raw, "max", None, path)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise TableError(f"param '{name}' has min {minimum} > max {maximum}", path)
    modes_raw = raw.get("modes", [m.value for m in Mode])
    listed = _scalar_list(modes_raw, f"'{name}' modes", path)
    try:
        modes = frozenset(Mode(m) for m in listed)
    except ValueError:
        raise TableError(f"param '{name}' lists an unknown mode in {modes_raw!r}", path) from None
    pattern = raw.get("pattern")
    if pattern is not None:
        _want(pattern, str, f"'{name}' pattern", path)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise TableError(f"param '{name}' has a bad pattern: {exc}", path) from None
    fields: dict[str, ParamSpec] = {}
    if "fields" in raw:
        if ptype is not ParamType.OBJECT:
            raise TableError(f"param '{name}' has 'fields' but is not an object", path)
        for sub, sraw in _table(raw["fields"], f"'{name}' fields", path).items():
            sub_spec = _param(f"{name}.{sub}", sraw, path)
            if sub_spec.type is ParamType.OBJECT:
                raise TableError(f"param '{name}.{sub}' may not be an object itself", path)
            fields[sub] = sub_spec
    if ptype is ParamType.OBJECT and not fields:
        raise TableError(f"object param '{name}' needs a 'fields' table", path)
    spec = ParamSpec(
        name=name,
        type=ptype,
        fields=fields,
        choices=choices,
        minimum=minimum,
        maximum=maximum,
        default=raw.get("default"),
        modes=modes,
        only_with=_conditions(raw.get("only_with", {}), f"'{name}' only_with", path),
        extra=_want(raw.get("extra", False), bool, f"'{name}' extra", path),
        rule=_size_rule(raw["rule"], path) if "rule" in raw else None,
        label=_want(raw.get("label", ""), str, f"'{name}' label", path),
        help=_want(raw.get("help", ""), str, f"'{name}' help", path),
        pattern=pattern,
    )
    if ptype is ParamType.SIZE and not spec.choices and spec.rule is None:
        raise TableError(f"size param '{name}' needs 'choices' or a 'rule'", path)
    if spec.default is not None:
        from studio.core.validation import check_value  # the one place values are judged

        trouble = check_value(spec, spec.default, model_id="this model")
        if trouble:
            raise TableError(f"param '{name}' default: {trouble}", path)
    return spec


def _inputs(raw: Any, path: tuple[str, ...]) -> InputSpec:
    raw = _table(raw, "'inputs'", path)
    names = {f for f in InputSpec.__dataclass_fields__}
    _unknown_keys(raw, names, "'inputs'", path)
    kw: dict[str, Any] = {}
    for key, val in raw.items():
        if key == "formats":
            formats = tuple("jpeg" if f == "jpg" else f for f in _scalar_list(val, key, path))
            if not set(formats) <= _FORMATS:
                raise TableError(f"'inputs.formats' may hold only {sorted(_FORMATS)}", path)
            kw[key] = formats
        elif key in ("square", "mask", "alpha_without_mask", "markup"):
            kw[key] = _want(val, bool, f"'inputs.{key}'", path)
        else:
            kw[key] = _want(val, int, f"'inputs.{key}'", path)
            if kw[key] < 0:
                raise TableError(f"'inputs.{key}' must not be negative", path)
    return InputSpec(**kw)


def build_model(model_id: str, raw: Mapping[str, Any], source: str = "built-in") -> ModelCaps:
    """Turn one merged table entry into a :class:`ModelCaps`, or raise :class:`TableError`."""
    base: tuple[str, ...] = ("models", model_id)
    _unknown_keys(raw, _MODEL_KEYS, f"model '{model_id}'", base)
    if "endpoints" not in raw:
        raise TableError(f"model '{model_id}' needs 'endpoints' (or 'inherits'/'family')", base)
    listed = _scalar_list(raw["endpoints"], "'endpoints'", base)
    try:
        endpoints = frozenset(Endpoint(e) for e in listed)
    except ValueError:
        known = ", ".join(e.value for e in Endpoint)
        raise TableError(
            f"model '{model_id}' has an unknown endpoint in {raw.get('endpoints')!r} "
            f"(use: {known})",
            base,
        ) from None
    if "prompt_max" not in raw:
        raise TableError(f"model '{model_id}' needs 'prompt_max'", base)
    params: dict[str, ParamSpec] = {}
    for name, praw in _table(raw.get("params", {}), "'params'", base).items():
        if isinstance(praw, dict) and praw.get("remove") is True:
            continue
        params[name] = _param(name, praw, (*base, "params", name))
    constraints = []
    raw_constraints = raw.get("constraints", [])
    if not isinstance(raw_constraints, list):
        raise TableError("'constraints' must be a list of tables", base)
    for c in raw_constraints:
        c = _table(c, "a constraint", (*base, "constraints"))
        cpath = (*base, "constraints")
        _unknown_keys(c, {"when", "require", "forbid", "message"}, "a constraint", cpath)
        when = _conditions(c.get("when"), "constraint 'when'", cpath)
        forbid = _scalar_list(c["forbid"], "constraint 'forbid'", cpath) if "forbid" in c else ()
        if not all(isinstance(f, str) for f in forbid):
            raise TableError("constraint 'forbid' must list field names", cpath)
        if "require" not in c and not forbid:
            raise TableError("a constraint needs 'require' or 'forbid'", cpath)
        constraints.append(
            Constraint(
                when=when,
                require=_conditions(c.get("require", {}), "constraint 'require'", cpath),
                message=_want(c.get("message"), str, "constraint 'message'", cpath),
                forbid=tuple(forbid),
            )
        )
    aliases = raw.get("aliases", [])
    if aliases:
        aliases = _scalar_list(aliases, "'aliases'", base)
        if not all(isinstance(a, str) and a and a != model_id for a in aliases):
            raise TableError("'aliases' must list other model ids", base)
    caps = ModelCaps(
        id=model_id,
        family=_want(raw.get("family", "custom"), str, "'family'", base),
        display_name=_want(raw.get("display_name", model_id), str, "'display_name'", base),
        endpoints=endpoints,
        prompt_max=_int(raw, "prompt_max", 0, base),
        n_max=_int(raw, "n_max", 10, base),
        n_per_request=_int(raw, "n_per_request", 10, base),
        params=params,
        constraints=tuple(constraints),
        inputs=_inputs(raw.get("inputs", {}), (*base, "inputs")),
        output_tokens=_number_table(raw.get("output_tokens", {}), int, "output_tokens", base),
        output_tokens_meta=_figures(raw.get("output_tokens_meta", {}), base),
        price=_price(raw["price"], (*base, "price")) if "price" in raw else None,
        lifecycle=_lifecycle(raw.get("lifecycle", {}), (*base, "lifecycle")),
        relay_defined=_want(raw.get("relay_defined", False), bool, "'relay_defined'", base),
        source=source,
        note=_want(raw.get("note", ""), str, "'note'", base),
        aliases=tuple(aliases),
    )
    if caps.prompt_max < 0 or caps.n_max < 1 or caps.n_per_request < 1:
        raise TableError("prompt_max must be >= 0, n_max and n_per_request >= 1", base)
    return caps


# -- files and merging -----------------------------------------------------------


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merge key by key, anything else replaces."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _resolve_entry(
    model_id: str, entry: Any, file_defaults: Mapping[str, Any], family: str, tables: _Tables
) -> dict[str, Any]:
    """The full raw entry of a new model: defaults/inherited entry, then the entry itself."""
    path = ("models", model_id)
    entry = _table(entry, f"model '{model_id}'", path)
    parent = entry.get("inherits")
    if parent is not None:
        if not isinstance(parent, str) or parent not in tables.raw:
            raise TableError(f"model '{model_id}' inherits unknown model {parent!r}", path)
        start = tables.raw[parent]
    else:
        fam = entry.get("family", family)
        start = deep_merge(tables.families.get(fam, {}) if isinstance(fam, str) else {}, {})
        start = deep_merge(start, file_defaults)
        start.setdefault("family", family)
    merged = deep_merge(start, entry)
    merged.pop("inherits", None)
    return merged


def _read_family_file(path: Path, tables: _Tables) -> None:
    """Add one built-in family file; any error is a bug and raises."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    family = data.get("family")
    if not isinstance(family, str):
        raise TableError(f"{path.name}: needs a top-level 'family' string", ())
    defaults = _table(data.get("defaults", {}), "'defaults'", ("defaults",))
    tables.families[family] = deep_merge(defaults, {"family": family})
    for text_id, entry in _table(data.get("text_models", {}), "'text_models'", ()).items():
        where = ("text_models", text_id)
        entry = _table(entry, f"text model '{text_id}'", where)
        _unknown_keys(entry, {"price"}, f"text model '{text_id}'", where)
        if text_id in tables.text_prices:
            raise TableError(f"{path.name}: text model '{text_id}' is defined twice", where)
        tables.text_prices[text_id] = _price(entry.get("price", {}), where)
    for model_id, entry in _table(data.get("models", {}), "'models'", ("models",)).items():
        if model_id in tables.raw:
            raise TableError(f"{path.name}: model '{model_id}' is defined twice", ())
        raw = _resolve_entry(model_id, entry, defaults, family, tables)
        tables.caps[model_id] = build_model(model_id, raw)
        tables.raw[model_id] = raw


_builtin: _Tables | None = None


def _builtin_tables(cache_dir: Path | None = None) -> _Tables:
    """The bundled tables, parsed once per process; with ``cache_dir`` read from (or
    written to) the cache there, see :mod:`studio.core.capscache`."""
    global _builtin
    if _builtin is not None:
        return _builtin
    from studio.core import capscache

    if capscache.loaded is not None:  # read by load_capabilities' fast path
        _builtin = capscache.loaded
        return _builtin
    files = sorted(resource("capabilities").glob("*.toml"))
    key = None
    if cache_dir is not None:
        key = capscache.cache_key(files)
        cached = capscache.load(cache_dir, key) if key else None
        if capscache.well_formed(cached):
            _builtin = cached
            return cached
    tables = _parse_builtin_tables(files)
    if cache_dir is not None and key:
        capscache.store(cache_dir, key, tables)
    _builtin = tables
    return tables


def _parse_builtin_tables(files: list[Path]) -> _Tables:
    tables = _Tables()

    def order(p: Path) -> tuple[int, str]:
        with p.open("rb") as fh:
            return int(tomllib.load(fh).get("order", 1000)), p.name

    for path in sorted(files, key=order):
        try:
            _read_family_file(path, tables)
        except (TableError, tomllib.TOMLDecodeError) as exc:
            raise RuntimeError(f"built-in capability table {path.name} is broken: {exc}") from exc
    if not tables.caps:
        raise RuntimeError(f"no capability tables found in {resource('capabilities')}")
    tables.providers = parse_builtin_table()  # cached with the tables (see capscache)
    return tables


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")
_KEY = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*(\.|$)')


def _header_path(line: str) -> tuple[str, ...] | None:
    """The key path of a ``[table]`` / ``[[array]]`` header line, or None."""
    text = line.strip()
    m = re.match(r"^\[\[?(.*?)\]\]?\s*(#.*)?$", text)
    if not m:
        return None
    inner, keys, pos = m.group(1), [], 0
    while pos < len(inner):
        k = _KEY.match(inner, pos)
        if not k or k.end() == pos:
            return None
        keys.append(next(g for g in k.groups()[:3] if g is not None))
        pos = k.end()
    return tuple(keys)


def find_line(text: str, path: tuple[str, ...]) -> int:
    """The line (1-based) of the header that best matches ``path`` (longest prefix)."""
    best, best_len = 1, 0
    for number, line in enumerate(text.splitlines(), start=1):
        keys = _header_path(line)
        if keys is None:
            continue
        common = 0
        for a, b in zip(keys, path, strict=False):
            if a != b:
                break
            common += 1
        if common > best_len and common == len(keys):
            best, best_len = number, common
    if best_len < 2 and len(path) >= 2:  # inline tables: look for the quoted id
        for number, line in enumerate(text.splitlines(), start=1):
            if f'"{path[1]}"' in line or f"'{path[1]}'" in line:
                return number
    return best


def parse_override(text: str, file: str) -> tuple[dict[str, ModelCaps], list[OverrideError]]:
    """Models the override text adds or changes, and what is wrong with it. Never raises."""
    tables = _builtin_tables()
    work = _Tables(dict(tables.raw), dict(tables.families), {})
    errors: list[OverrideError] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        at = _AT.search(msg)
        if at:
            line, col = int(at.group(1)), int(at.group(2))
            msg = msg[: at.start()]
        else:
            line, col = max(1, len(text.splitlines())), 1
            msg = _END.sub(" (at the end of the file)", msg)
        return {}, [OverrideError(file, line, col, f"TOML syntax error: {msg}")]

    def fail(message: str, path: tuple[str, ...]) -> None:
        errors.append(OverrideError(file, find_line(text, path), 1, message))

    unknown = sorted(set(data) - {"family", "order", "defaults", "models"})
    for key in unknown:
        fail(f"unknown top-level key '{key}' (expected [models.\"ID\"] tables)", (key,))
    family = data.get("family", "custom")
    defaults = data.get("defaults", {})
    models = data.get("models", {})
    if not isinstance(family, str):
        fail("'family' must be a string", ("family",))
        family = "custom"
    if not isinstance(defaults, dict):
        fail("'defaults' must be a table", ("defaults",))
        defaults = {}
    if not isinstance(models, dict):
        fail("'models' must be a table of models", ("models",))
        models = {}
    changed: dict[str, ModelCaps] = {}
    for model_id, entry in models.items():
        try:
            if not isinstance(entry, dict):
                raise TableError(f"model '{model_id}' must be a table", ("models", model_id))
            if model_id in work.raw and "inherits" not in entry:
                raw = deep_merge(work.raw[model_id], entry)
            else:
                raw = _resolve_entry(model_id, entry, defaults, family, work)
            changed[model_id] = build_model(model_id, raw, source=file)
            work.raw[model_id] = raw
        except TableError as exc:
            fail(f"model '{model_id}' skipped: {exc.message}", exc.path or ("models", model_id))
        except (ValueError, TypeError, KeyError, RecursionError) as exc:  # never crash on input
            fail(f"model '{model_id}' skipped: {exc}", ("models", model_id))
    return changed, errors


def builtin_registry() -> CapabilityRegistry:
    """The bundled tables only (no user override)."""
    return CapabilityRegistry(_builtin_tables().caps, text_prices=_builtin_tables().text_prices)


def load_registry(
    override: Path | None = None, cache_dir: Path | None = None
) -> CapabilityRegistry:
    """Built-in tables plus the override file ``override`` (if given and present).

    ``None`` means built-ins only; pass ``Paths.capabilities_override`` for the user's file.
    ``cache_dir`` keeps the parsed built-in tables between starts.
    """
    tables = _builtin_tables(cache_dir)
    models = dict(tables.caps)
    prices = tables.text_prices
    if override is None or not override.exists():
        return CapabilityRegistry(models, text_prices=prices)
    file = str(override)
    try:
        from studio.core.regular import read_regular

        # a pipe or a device in its place would block or never end
        text = read_regular(override, 16 * 1024 * 1024).decode("utf-8")
    except UnicodeDecodeError as exc:
        return CapabilityRegistry(
            models, [OverrideError(file, 1, 1, f"not UTF-8 text: {exc}")], prices
        )
    except OSError as exc:
        return CapabilityRegistry(
            models, [OverrideError(file, 1, 1, f"cannot read: {exc}")], prices
        )
    changed, errors = parse_override(text, file)
    models.update(changed)
    return CapabilityRegistry(models, errors, prices)
