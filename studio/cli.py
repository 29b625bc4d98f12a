"""``image-studio`` on the command line: the same core as the window, no Qt.

The grammar, the ``--json`` shapes and the exit codes are a contract scripts
rely on (see issue 2): add to them freely, change none.

Exit codes: 0 success; 2 bad usage or validation (nothing was sent); 3 the
provider answered with an error; 4 network, timeout or protocol failure; 5 the
studio's own files (history database, journal) could not be used; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from studio.core.advice import advise
from studio.core.errors import ErrorKind, Problem, StudioError

if TYPE_CHECKING:
    from studio.core.service import SandboxAddress

SUBCOMMANDS = (
    "generate",
    "edit",
    "variations",
    "upload",
    "models",
    "keys",
    "history",
    "spend",
    "info",
    "converse",
    "batch",
    "compare",
    "prompts",
)
EXIT_OK, EXIT_USAGE, EXIT_PROVIDER, EXIT_NETWORK, EXIT_INTERRUPTED = 0, 2, 3, 4, 130
EXIT_STORAGE = 5
#: the most jobs ``history --limit`` lists
MAX_LIMIT = 100_000
_EXIT_FOR_KIND = {
    ErrorKind.VALIDATION: EXIT_USAGE,
    ErrorKind.PROVIDER: EXIT_PROVIDER,
    ErrorKind.NETWORK: EXIT_NETWORK,
    ErrorKind.CANCELLED: EXIT_INTERRUPTED,
}


def is_cli_invocation(args: Sequence[str]) -> bool:
    """A subcommand, --help or --version means the CLI; anything else opens the window."""
    return any(a in SUBCOMMANDS or a in ("-h", "--help", "-V", "--version") for a in args)


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so --json can still answer in JSON."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


class _VersionAction(argparse.Action):
    """--version, with the version looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from studio import version

        print(f"image-studio {version()}")
        parser.exit()


def _common_request_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", required=True, help="model id, e.g. gpt-image-1")
    _provider_options(p)
    g = p.add_argument_group("image parameters (only those the model's table allows)")
    g.add_argument("--size", help="WxH, e.g. 1024x1024 (or auto)")
    g.add_argument("--quality", help="auto, low, medium, high; xhigh and max on 2.5 and 2.6")
    g.add_argument("--complexity", help="low, medium or high: planning effort (2.6 only)")
    g.add_argument("--safety-identifier", help="a stable (hashed) id of your end user")
    g.add_argument(
        "-n", type=int, dest="n", help="number of images (split into requests as needed)"
    )
    g.add_argument("--background", help="transparent, opaque or auto")
    g.add_argument(
        "--output-format", help="png, jpeg or webp; gif or svg where the model makes them"
    )
    g.add_argument("--svg-model", help="the text model that writes an SVG")
    g.add_argument(
        "--svg-effort", help="how hard the SVG author reasons (none, minimal, low ... max)"
    )
    g.add_argument("--output-compression", type=int, help="0-100, jpeg/webp only")
    g.add_argument("--moderation", help="low or auto")
    g.add_argument("--style", help="vivid or natural (dall-e-3)")
    g.add_argument("--response-format", choices=["url", "b64_json"])
    g.add_argument("--seed", type=int)
    g.add_argument("--aspect-ratio", help='e.g. "16:9" (relay models)')
    g.add_argument("--frame-count", type=int, help="GIF frames, 2-16 (output format gif)")
    g.add_argument("--frame-duration-ms", type=int, help="GIF frame time, at least 20 ms")
    g.add_argument("--stream", action="store_true", help="stream partial images")
    g.add_argument("--partial-images", type=int, help="0-3, with --stream")
    g.add_argument(
        "--param",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="a provider-specific field (JSON value or string), where the table allows it",
    )
    _output_options(p)


def _provider_options(p: argparse.ArgumentParser) -> None:
    # --home is also accepted after the subcommand; SUPPRESS keeps the top-level value
    p.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("--provider", help="provider id (sandbox, dmxapi, chunqi, tuzi, openai, ...)")
    p.add_argument("--base-url", help="API root including /v1")
    p.add_argument("--auth", choices=["bearer", "raw"], help="how the key is sent")


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        type=Path,
        help="also save the images into this folder, named by the file name pattern "
        "(settings: file_pattern) with their parameters embedded",
    )
    p.add_argument(
        "--no-metadata",
        action="store_true",
        help="with --out: write the provider's bytes unchanged",
    )
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")


def build_parser() -> _Parser:
    parser = _Parser(
        prog="image-studio",
        description="Image Studio: make and edit images through OpenAI-compatible APIs. "
        "Run with no arguments to open the window.",
    )
    parser.add_argument("-V", "--version", action=_VersionAction)
    parser.add_argument(
        "--home", help="folder for settings, history and images ($IMAGE_STUDIO_HOME)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gen = sub.add_parser("generate", help="make images from a prompt")
    gen.add_argument("prompt", nargs="?", metavar="PROMPT")
    _common_request_options(gen)

    edit = sub.add_parser("edit", help="edit images (with an optional mask)")
    edit.add_argument("prompt", nargs="?", metavar="PROMPT")
    edit.add_argument("--image", action="append", type=Path, help="input image (a file)")
    edit.add_argument(
        "--image-url",
        action="append",
        metavar="URL",
        help="input image the provider fetches from an http(s) address (sends a JSON edit)",
    )
    edit.add_argument(
        "--image-file-id",
        action="append",
        metavar="ID",
        help="input image uploaded to the provider before, by its file id (sends a JSON edit)",
    )
    mask = edit.add_mutually_exclusive_group()
    mask.add_argument("--mask", type=Path, help="PNG whose transparent pixels are edited")
    mask.add_argument("--mask-url", metavar="URL", help="the mask at an http(s) address")
    mask.add_argument("--mask-file-id", metavar="ID", help="the mask by its file id")
    edit.add_argument(
        "--markup",
        type=Path,
        metavar="FILE",
        help="PNG of the first image's size drawn over it (arrows, notes; transparent "
        "elsewhere) to show where and how to edit; never with a mask (gpt-image-2.5, 2.6)",
    )
    edit.add_argument("--input-fidelity", help="high or low")
    _common_request_options(edit)

    var = sub.add_parser("variations", help="variations of an image (dall-e-2)")
    var.add_argument("--image", action="append", required=True, type=Path)
    _common_request_options(var)

    up = sub.add_parser("upload", help="DMXAPI paiwo-picture upload for image-to-video")
    src = up.add_mutually_exclusive_group(required=True)
    src.add_argument("--file", type=Path)
    src.add_argument("--url")
    _provider_options(up)
    up.add_argument("--json", action="store_true")

    models = sub.add_parser("models", help="list the models a provider offers (GET /models)")
    _provider_options(models)
    models.add_argument("--json", action="store_true")

    keys = sub.add_parser("keys", help="list the providers with a key in the keyring")
    keys.add_argument(
        "--remove-all", action="store_true", help="delete every key Image Studio stored"
    )
    keys.add_argument("--json", action="store_true")
    spend = sub.add_parser("spend", help="money spent per provider and day or month")
    spend.add_argument("--by", choices=["day", "month"], default="day")
    spend.add_argument("--days", type=int, help="only the last N days")
    spend.add_argument("--json", action="store_true")
    spend.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    from studio.cli_info import add_parser as add_info_parser

    add_info_parser(sub)
    from studio.cli_converse import add_parser as add_converse_parser

    add_converse_parser(sub)

    from studio.cli_batch import add_parsers as add_batch_parsers

    add_batch_parsers(sub, _provider_options)
    from studio.cli_prompts import add_parser as add_prompts_parser

    add_prompts_parser(sub)

    hist = sub.add_parser("history", help="list recent jobs")
    hist.add_argument("--search", help="full-text search over prompts")
    hist.add_argument(
        "--format",
        choices=["png", "jpeg", "webp", "gif", "svg"],
        help="only jobs with an image of this format",
    )
    hist.add_argument("--thread", type=int, help="print this conversation thread as a tree")
    hist.add_argument("--limit", type=_limit, default=20, help=f"1 to {MAX_LIMIT}")
    hist.add_argument("--json", action="store_true")
    hist.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


# -- output ---------------------------------------------------------------------


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_LIMIT}")
    return value


def _utf8_text(value: str | None, what: str) -> str | None:
    """Argument text that is valid UTF-8 (argv bytes in another encoding are refused)."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _UsageError(
            f"the {what} is not valid UTF-8 text (the shell passed bytes in another "
            "encoding, e.g. Latin-1 or GBK); pass it as UTF-8"
        ) from None
    return value


def _print(text: str, *, err: bool = False) -> None:
    """Print ``text``; undecodable bytes from argv or file names are replaced, never fatal."""
    from studio.core.request import printable

    print(printable(text), file=sys.stderr if err else sys.stdout)


class _Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def success(self, payload: dict[str, Any], text: str) -> int:
        if self.as_json:
            _print(json.dumps({"ok": True, **payload}, ensure_ascii=False))
        else:
            _print(text)
        return EXIT_OK

    def storage_failure(self, exc: BaseException) -> int:
        """The history database or the home folder could not be used."""
        message = (
            f"The studio's files could not be used ({exc}). Another studio may be opening "
            "the same home; try again, or check the folder's space and permissions."
        )
        if self.as_json:
            error = {"kind": "storage", "message": message, "status": None, "code": "storage"}
            _print(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
        else:
            _print(f"error: {message}", err=True)
        return EXIT_STORAGE

    def failure(self, err: StudioError, retired: dict[str, Any] | None = None) -> int:
        if self.as_json:
            error = err.to_json()
            # additions to the contract's four fields (scripts may ignore them)
            error["request_id"] = err.request_id
            error["retry_after"] = err.retry_after
            error["advice"] = advise(err).to_json()
            if retired:
                error["retired"] = retired
            _print(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
        else:
            details = [f"HTTP {err.status}" if err.status else "", err.code or ""]
            if err.request_id:
                details.append(f"request id {err.request_id}")
            extra = ", ".join(d for d in details if d)
            _print(f"error: {err.message}" + (f" ({extra})" if extra else ""), err=True)
            for problem in err.problems[1:] if len(err.problems) > 1 else ():
                _print(f"  - {problem}", err=True)
            if err.retry_after:
                wait = f"{err.retry_after:g}"
                print(f"  The provider asks to try again in {wait} s.", file=sys.stderr)
            if retired and retired.get("replacement"):
                print(
                    f"  {retired['model']} shut down on {retired['shutdown_date']}: "
                    f"use --model {retired['replacement']}.",
                    file=sys.stderr,
                )
        return _EXIT_FOR_KIND[err.kind]


def _usage_error(message: str) -> StudioError:
    return StudioError(ErrorKind.VALIDATION, message, maybe_processed=False)


# -- commands -------------------------------------------------------------------


def _parse_param(item: str) -> tuple[str, Any]:
    key, sep, raw = item.partition("=")
    if not sep or not key:
        raise _UsageError(f"--param expects KEY=VALUE, got {item!r}")
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
            raise _UsageError(f"unknown provider {wanted!r}; known: {', '.join(sorted(providers))}")
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
            f"{provider.name} has no address yet: pass --base-url https://HOST/v1 "
            "or set it in the app's settings"
        )
    from studio.core.addresses import plain_http_warning

    if provider.allow_plain_http and plain_http_warning(provider.base_url):
        print(
            f"warning: {provider.name} is reached over plain HTTP ({provider.base_url}): "
            "the key and the images cross the network unencrypted",
            file=sys.stderr,
        )
    return provider


def _load_inputs(args: argparse.Namespace) -> tuple[tuple[Any, ...], Any, Any]:
    from studio.core.request import InputImage

    def load(path: Path, what: str) -> InputImage:
        try:
            return InputImage.from_path(path)
        except OSError as exc:
            raise StudioError.validation(
                [Problem(what, f"cannot read {path}: {exc.strerror or exc}")]
            ) from exc

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
        raise _UsageError("edit needs at least one --image, --image-url or --image-file-id")
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


def _save_out(studio: Any, record: Any, out: Path, original: bool) -> list[Path]:
    """The job's images saved into ``out`` as Save as does (pattern names, parameters)."""
    from studio.core.saving import SaveMode, save_into

    mode = SaveMode.ORIGINAL if original else SaveMode.PARAMETERS
    pattern = studio.settings.file_pattern
    return [save_into(out, record, image, pattern, mode).path.resolve() for image in record.images]


def _cmd_images(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_lifecycle import cost_payload
    from studio.core.cancel import CancelToken
    from studio.core.request import ImageRequest, Mode

    mode = Mode(args.command)
    _utf8_text(getattr(args, "prompt", None), "prompt")
    if mode is not Mode.VARIATIONS and not (args.prompt or "").strip():
        raise _UsageError("a PROMPT is required")
    provider = _pick_provider(studio, args)
    images, mask, markup = _load_inputs(args)
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
    lines = [f"{len(shown)} image(s) from {provider.name} / {request.model}:"]
    lines += [f"  {p}" for p in shown]
    lines += [f"  revised prompt: {r}" for r in revised if r]
    if outcome.result and outcome.result.errors:
        lines += [f"  (one request failed: {e.message})" for e in outcome.result.errors]
        payload["partial_errors"] = [e.to_json() for e in outcome.result.errors]
    lines.append(f"history id {outcome.job_id}")
    return out.success(payload, "\n".join(lines))


def _cmd_upload(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.core.cancel import CancelToken

    provider = _pick_provider(studio, args)
    cancel = CancelToken()
    result = _run_in_thread(
        lambda: studio.upload(provider, file=args.file, url=args.url, cancel=cancel), cancel
    )
    payload = {"img_id": result.img_id, "img_url": result.img_url}
    return out.success(payload, f"img_id {result.img_id}\nimg_url {result.img_url}")


def _cmd_models(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_lifecycle import models_payload
    from studio.core.cancel import CancelToken

    provider = _pick_provider(studio, args)
    cancel = CancelToken()
    models, dates = _run_in_thread(lambda: studio.list_models_with_dates(provider, cancel), cancel)
    rows = models_payload(studio, provider.id, models, dates)
    text = "\n".join(
        f"{r['id']:<36} {r['state'] or '?':<11} {r['shutdown_date'] or ''}" for r in rows
    )
    return out.success({"models": models, "lifecycle": rows}, text)


def _cmd_spend(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_lifecycle import spend_payload

    payload, text = spend_payload(studio, args)
    return out.success(payload, text)


def _cmd_history(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.core.history.models import JobQuery

    if args.thread is not None:
        from studio.cli_converse import thread_payload

        tree = thread_payload(studio, args.thread)
        if tree is None:
            raise _UsageError(f"there is no thread {args.thread}")
        return out.success(tree, json.dumps(tree, ensure_ascii=False, indent=2))
    search = _utf8_text(args.search, "search text")
    query = JobQuery(text=search or None, format=args.format)
    records = studio.history.list_jobs(query, limit=args.limit)
    rows = [
        {
            "id": r.id,
            "status": r.status,
            "model": r.model,
            "provider": r.provider_id,
            "prompt": r.prompt,
            "images": [str(i.path) for i in r.images],
            "formats": [i.format for i in r.images],
            "created_at": r.created_at,
        }
        for r in records
    ]
    text = "\n".join(
        f"{r['id']:>6}  {r['status']:<11} {r['model']:<18} {str(r['prompt'])[:60]}" for r in rows
    )
    return out.success({"jobs": rows}, text or "no jobs yet")


def _cmd_converse(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_converse import cmd_converse

    return cmd_converse(studio, args, out)


def _cmd_keys(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.core.key_inventory import remove_all_keys, stored_ids
    from studio.core.secrets import SecretsError, keyring_status

    known = set(studio.providers())
    try:
        if args.remove_all:
            removed = remove_all_keys(known)
            text = "\n".join(f"removed {pid}" for pid in removed) or "no keys were stored"
            return out.success({"removed": removed}, text)
        status = keyring_status()
        held = stored_ids(known)
    except SecretsError as exc:
        return out.failure(StudioError(ErrorKind.NETWORK, str(exc)))
    text = "\n".join(held) if held else f"no keys stored ({status.message})"
    return out.success({"providers": held, "keyring": status.backend}, text)


class _BatchHelpers:
    """What the batch and compare commands share with the other commands."""

    usage = _UsageError
    utf8 = staticmethod(_utf8_text)
    pick_provider = staticmethod(_pick_provider)
    parse_param = staticmethod(_parse_param)


def _cmd_batch(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_batch import cmd_batch

    return cmd_batch(studio, args, _BatchHelpers)


def _cmd_compare(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_batch import cmd_compare

    return cmd_compare(studio, args, _BatchHelpers)


_COMMANDS = {
    "generate": _cmd_images,
    "edit": _cmd_images,
    "variations": _cmd_images,
    "upload": _cmd_upload,
    "models": _cmd_models,
    "history": _cmd_history,
    "keys": _cmd_keys,
    "spend": _cmd_spend,
    "converse": _cmd_converse,
    "batch": _cmd_batch,
    "compare": _cmd_compare,
}


def run_cli(argv: Sequence[str], *, sandbox: SandboxAddress | None = None) -> int:
    """Run one subcommand; ``sandbox`` serves the built-in sandbox provider.

    The CLI never imports the sandbox itself: the ``image-studio`` entry point
    (``studio.__main__``) hands it in, so scripts that only talk to real providers
    never load it.
    """
    argv = list(argv)
    out = _Output(as_json="--json" in argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        if out.as_json:
            return out.failure(_usage_error(str(exc)))
        parser.print_usage(sys.stderr)
        _print(f"image-studio: error: {exc}", err=True)
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    if not args.command:
        parser.print_help()
        return EXIT_OK
    if args.command == "info":  # reads one file: no history, no provider
        from studio.cli_info import run_info

        code, text = run_info(args, out.as_json)
        _print(text, err=code != EXIT_OK and not out.as_json)
        return code
    if args.command == "prompts":  # the prompt library: no history, no provider
        from studio.cli_prompts import run_prompts

        return run_prompts(args)
    studio = None
    try:
        from studio.core.logs import setup_logging
        from studio.core.service import Studio

        studio = Studio.open(args.home, sandbox=sandbox)
        setup_logging(studio.paths)
        # on stderr even with --json (stdout stays one JSON object): a broken settings or
        # override file must not go unnoticed by a script
        for problem in studio.problems:
            print(f"warning: {problem}", file=sys.stderr)
        for notice in studio.notices:
            print(f"notice: {notice.message}", file=sys.stderr)
        return _COMMANDS[args.command](studio, args, out)
    except _UsageError as exc:
        return out.failure(_usage_error(str(exc)))
    except StudioError as err:
        return out.failure(err)
    except KeyboardInterrupt:
        return out.failure(StudioError.cancelled())
    except (sqlite3.Error, OSError) as exc:
        return out.storage_failure(exc)
    finally:
        if studio is not None:
            studio.close()
