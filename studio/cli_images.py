"""``generate``, ``edit`` and ``variations``: one image job from the command line, and
the helpers the other job-running commands share (provider, parameters, Ctrl+C)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from studio.cli_output import _Output, _UsageError, _utf8_text
from studio.cli_text import error_message, translate
from studio.core.errors import Problem, StudioError


def _parse_param(item: str) -> tuple[str, Any]:
    key, sep, raw = item.partition("=")
    if not sep or not key:
        raise _UsageError(
            translate("cli", "--param expects KEY=VALUE, got {item}").format(item=repr(item))
        )
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


def _request_params(args: argparse.Namespace) -> dict[str, Any]:
    mapping = {
        "size": "size",
        "quality": "quality",
        "n": "n",
        "background": "background",
        "output_format": "output_format",
        "output_compression": "output_compression",
        "moderation": "moderation",
        "style": "style",
        "response_format": "response_format",
        "seed": "seed",
        "aspect_ratio": "aspect_ratio",
        "partial_images": "partial_images",
        "input_fidelity": "input_fidelity",
        "complexity": "complexity",
        "safety_identifier": "safety_identifier",
        "frame_count": "frame_count",
        "frame_duration_ms": "frame_duration_ms",
    }
    params: dict[str, Any] = {}
    for attr, wire in mapping.items():
        value = getattr(args, attr, None)
        if value is not None:
            params[wire] = value
    if getattr(args, "stream", False):
        params["stream"] = True
    svg: dict[str, Any] = {}
    if getattr(args, "svg_model", None):
        svg["model"] = args.svg_model
    if getattr(args, "svg_effort", None):
        svg["reasoning"] = {"effort": args.svg_effort}
    if svg:
        params["svg"] = svg
    for item in getattr(args, "param", []) or []:
        key, value = _parse_param(item)
        params[key] = value
    return params


def _pick_provider(studio: Any, args: argparse.Namespace) -> Any:
    from studio.core.providers import AuthStyle, custom_provider

    providers = studio.providers()
    if args.provider:
        wanted = args.provider.strip()
        match = providers.get(wanted) or next(
            (p for p in providers.values() if p.name.lower() == wanted.lower()), None
        )
        if match is None:
            raise _UsageError(
                translate("cli", "unknown provider {wanted}; known: {known}").format(
                    wanted=repr(wanted), known=", ".join(sorted(providers))
                )
            )
        provider = match.with_base_url(args.base_url) if args.base_url else match
    elif args.base_url:
        provider = custom_provider(args.base_url)
    else:
        provider = providers[studio.default_provider_id()]
    if args.auth:
        from dataclasses import replace

        provider = replace(provider, auth=AuthStyle(args.auth))
    if not provider.is_sandbox and not provider.base_url:
        raise _UsageError(
            translate(
                "cli",
                "{provider} has no address yet: pass --base-url https://HOST/v1 "
                "or set it in the app's settings",
            ).format(provider=provider.name)
        )
    from studio.core.addresses import plain_http_warning

    if provider.allow_plain_http and plain_http_warning(provider.base_url):
        warning = translate(
            "cli",
            "warning: {provider} is reached over plain HTTP ({url}): "
            "the key and the images cross the network unencrypted",
        )
        print(warning.format(provider=provider.name, url=provider.base_url), file=sys.stderr)
    return provider


def load_input_images(args: argparse.Namespace) -> tuple[tuple[Any, ...], Any, Any]:
    from studio.core.request import InputImage

    def load(path: Path, what: str) -> InputImage:
        try:
            return InputImage.from_path(path)
        except OSError as exc:
            reason = exc.strerror or exc
            problem = Problem.of(what, "cannot read {path}: {reason}", path=path, reason=reason)
            raise StudioError.validation([problem]) from exc

    # in the order given on the command line: files, then URLs, then file ids
    images = tuple(load(p, "image") for p in getattr(args, "image", None) or ())
    images += tuple(InputImage.from_url(u) for u in getattr(args, "image_url", None) or ())
    images += tuple(InputImage.from_file_id(f) for f in getattr(args, "image_file_id", None) or ())
    mask = load(args.mask, "mask") if getattr(args, "mask", None) else None
    if getattr(args, "mask_url", None):
        mask = InputImage.from_url(args.mask_url)
    elif getattr(args, "mask_file_id", None):
        mask = InputImage.from_file_id(args.mask_file_id)
    if getattr(args, "command", None) == "edit" and not images:
        raise _UsageError(
            translate("cli", "edit needs at least one --image, --image-url or --image-file-id")
        )
    markup = load(args.markup, "markup") if getattr(args, "markup", None) else None
    return images, mask, markup


def _run_in_thread(fn: Any, cancel: Any) -> Any:
    """Run ``fn`` in a worker; Ctrl+C (or SIGTERM) cancels the request in flight.

    A signal handler, not ``KeyboardInterrupt``: the exception could land between
    two ``join`` calls and leave the job running in a dying process.
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # re-raised on the main thread
            box["error"] = exc

    def on_signal(signum: int, frame: object) -> None:
        cancel.cancel()

    worker = threading.Thread(target=work, name="image-studio-job", daemon=True)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, on_signal)
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if "error" in box:
        raise box["error"]
    if cancel.cancelled and box.get("value") is None:
        raise StudioError.cancelled()
    return box.get("value")


def _check_out(out: Path) -> None:
    """Refuse an ``--out`` that cannot be a folder before anything is sent (and paid)."""
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                what = (
                    "--out"
                    if folder == out
                    else translate("cli", "--out ({folder} in its path)").format(folder=folder)
                )
                raise _UsageError(
                    translate(
                        "cli", "{what} is a file, not a folder; name a folder to save into"
                    ).format(what=what)
                )
            return


def _save_out(studio: Any, record: Any, out: Path, original: bool) -> list[Path]:
    """The job's images saved into ``out`` as Save as does (pattern names, parameters)."""
    from studio.core.saving import SaveMode, save_into

    mode = SaveMode.ORIGINAL if original else SaveMode.PARAMETERS
    pattern = studio.settings.file_pattern
    return [save_into(out, record, image, pattern, mode).path.resolve() for image in record.images]


def cmd_images(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_lifecycle import cost_payload
    from studio.core.cancel import CancelToken
    from studio.core.request import ImageRequest, Mode

    mode = Mode(args.command)
    _utf8_text(getattr(args, "prompt", None), "prompt")
    if mode is not Mode.VARIATIONS and not (args.prompt or "").strip():
        raise _UsageError(translate("cli", "a PROMPT is required"))
    if args.out is not None:
        _check_out(args.out)
    provider = _pick_provider(studio, args)
    images, mask, markup = load_input_images(args)
    request = ImageRequest(
        mode=mode,
        model=args.model,
        prompt=(getattr(args, "prompt", None) or "").strip(),
        params=_request_params(args),
        images=images,
        mask=mask,
        markup=markup,
    )
    cancel = CancelToken()
    outcome = _run_in_thread(
        lambda: studio.run_job(provider, request, cancel=cancel, source="cli"), cancel
    )
    if outcome.error is not None:
        from studio.cli_lifecycle import replacement_hint

        return out.failure(outcome.error, replacement_hint(studio, request.model, outcome.error))
    record = outcome.record
    stored = [Path(img.path) for img in record.images]
    shown = _save_out(studio, record, args.out, args.no_metadata) if args.out else stored
    revised = [img.revised_prompt for img in record.images]
    formats = [img.format for img in record.images]
    payload = {
        "images": [
            {"path": str(p.resolve()), "revised_prompt": r, "format": f}
            for p, r, f in zip(shown, revised, formats, strict=True)
        ],
        "usage": outcome.result.usage if outcome.result else None,
        "cost": cost_payload(record),
        "history_id": outcome.job_id,
    }
    made = (
        translate("cli", "{n} image from {provider} / {model}:")
        if len(shown) == 1
        else translate("cli", "{n} images from {provider} / {model}:")
    )
    lines = [made.format(n=len(shown), provider=provider.name, model=request.model)]
    lines += [f"  {p}" for p in shown]
    revised_word = translate("cli", "revised prompt: {prompt}")
    lines += ["  " + revised_word.format(prompt=r) for r in revised if r]
    if outcome.result and outcome.result.errors:
        failed = translate("cli", "(one request failed: {reason})")
        lines += ["  " + failed.format(reason=error_message(e)) for e in outcome.result.errors]
        payload["partial_errors"] = [e.to_json() for e in outcome.result.errors]
    lines += _cost_line(payload["cost"], provider)
    lines.append(translate("cli", "history id {id}").format(id=outcome.job_id))
    return out.success(payload, "\n".join(lines))


def _cost_line(cost: dict[str, Any], provider: Any) -> list[str]:
    """What the job cost (or is estimated to), as ``spend`` words it; the sandbox's is
    simulated."""
    actual, estimated = cost.get("actual"), cost.get("estimated")
    amount = actual if actual is not None else estimated
    if amount is None:
        return []
    word = (
        translate("cli", "cost: {amount}")
        if actual is not None
        else translate("cli", "estimated cost: {amount}")
    )
    money = f"{amount:.4f} {cost.get('currency') or ''}".rstrip()
    free = translate("cli", " (simulated: the sandbox charges nothing)")
    return [word.format(amount=money) + (free if provider.is_sandbox else "")]
