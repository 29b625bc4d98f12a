"""The CLI's grammar: every subcommand's arguments, built without importing what
the subcommands run (so ``generate`` pays only for the parser)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from studio.cli_output import _UsageError
from studio.cli_text import QT_TRANSLATE_NOOP, translate

#: the most jobs ``history --limit`` lists
MAX_LIMIT = 100_000


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so --json can still answer in JSON."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, self)  # a subcommand's own usage is the helpful one


class _VersionAction(argparse.Action):
    """--version, with the version looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: Any) -> None:
        super().__init__(
            option_strings, dest, nargs=0, help=translate("cli", "show the version and exit")
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from studio import version

        print(f"image-studio {version()}")
        parser.exit()


def _common_request_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        required=True,
        help=translate("cli", "model id, e.g. gpt-image-2.6-sunburst (see: image-studio models)"),
    )
    _provider_options(p)
    g = p.add_argument_group(
        translate("cli", "image parameters (only those the model's table allows)")
    )
    g.add_argument("--size", help=translate("cli", "WxH, e.g. 1024x1024 (or auto)"))
    g.add_argument(
        "--quality", help=translate("cli", "auto, low, medium, high; xhigh and max on 2.5 and 2.6")
    )
    g.add_argument(
        "--complexity", help=translate("cli", "low, medium or high: planning effort (2.6 only)")
    )
    g.add_argument(
        "--safety-identifier", help=translate("cli", "a stable (hashed) id of your end user")
    )
    g.add_argument(
        "-n",
        type=int,
        dest="n",
        help=translate("cli", "number of images (split into requests as needed)"),
    )
    g.add_argument("--background", help=translate("cli", "transparent, opaque or auto"))
    g.add_argument(
        "--output-format",
        help=translate("cli", "png, jpeg or webp; gif or svg where the model makes them"),
    )
    g.add_argument("--svg-model", help=translate("cli", "the text model that writes an SVG"))
    g.add_argument(
        "--svg-effort",
        help=translate("cli", "how hard the SVG author reasons (none, minimal, low ... max)"),
    )
    g.add_argument("--output-compression", type=int, help=translate("cli", "0-100, jpeg/webp only"))
    g.add_argument("--moderation", help=translate("cli", "low or auto"))
    g.add_argument("--style", help=translate("cli", "vivid or natural (dall-e-3)"))
    g.add_argument(
        "--response-format",
        choices=["url", "b64_json"],
        help=translate(
            "cli", "how the provider returns the image (the studio stores it either way)"
        ),
    )
    g.add_argument(
        "--seed", type=int, help=translate("cli", "a fixed seed, where the model takes one")
    )
    g.add_argument("--aspect-ratio", help=translate("cli", 'e.g. "16:9" (relay models)'))
    g.add_argument(
        "--frame-count", type=int, help=translate("cli", "GIF frames, 2-16 (output format gif)")
    )
    g.add_argument(
        "--frame-duration-ms", type=int, help=translate("cli", "GIF frame time, at least 20 ms")
    )
    g.add_argument("--stream", action="store_true", help=translate("cli", "stream partial images"))
    g.add_argument("--partial-images", type=int, help=translate("cli", "0-3, with --stream"))
    g.add_argument(
        "--param",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help=translate(
            "cli", "a provider-specific field (JSON value or string), where the table allows it"
        ),
    )
    _output_options(p)


def _provider_options(p: argparse.ArgumentParser) -> None:
    # --home is also accepted after the subcommand; SUPPRESS keeps the top-level value
    p.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument(
        "--provider",
        help=translate("cli", "provider id (sandbox, dmxapi, chunqi, tuzi, openai, ...)"),
    )
    p.add_argument("--base-url", help=translate("cli", "API root including /v1"))
    p.add_argument(
        "--auth", choices=["bearer", "raw"], help=translate("cli", "how the key is sent")
    )


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        type=Path,
        help=translate(
            "cli",
            "also save the images into this folder, named by the file name pattern "
            "(settings: file_pattern) with their parameters embedded",
        ),
    )
    p.add_argument(
        "--no-metadata",
        action="store_true",
        help=translate("cli", "with --out: write the provider's bytes unchanged"),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("cli", "print exactly one JSON object")
    )


def _add_generate(sub: Any) -> None:
    gen = sub.add_parser("generate", help=translate("cli", "make images from a prompt"))
    gen.add_argument(
        "prompt", nargs="?", metavar="PROMPT", help=translate("cli", "what to make (in quotes)")
    )
    _common_request_options(gen)


def _add_edit(sub: Any) -> None:
    edit = sub.add_parser("edit", help=translate("cli", "edit images (with an optional mask)"))
    edit.add_argument(
        "prompt", nargs="?", metavar="PROMPT", help=translate("cli", "what to change (in quotes)")
    )
    edit.add_argument(
        "--image", action="append", type=Path, help=translate("cli", "input image (a file)")
    )
    edit.add_argument(
        "--image-url",
        action="append",
        metavar="URL",
        help=translate(
            "cli", "input image the provider fetches from an http(s) address (sends a JSON edit)"
        ),
    )
    edit.add_argument(
        "--image-file-id",
        action="append",
        metavar="ID",
        help=translate(
            "cli", "input image uploaded to the provider before, by its file id (sends a JSON edit)"
        ),
    )
    mask = edit.add_mutually_exclusive_group()
    mask.add_argument(
        "--mask", type=Path, help=translate("cli", "PNG whose transparent pixels are edited")
    )
    mask.add_argument(
        "--mask-url", metavar="URL", help=translate("cli", "the mask at an http(s) address")
    )
    mask.add_argument(
        "--mask-file-id", metavar="ID", help=translate("cli", "the mask by its file id")
    )
    edit.add_argument(
        "--markup",
        type=Path,
        metavar="FILE",
        help=translate(
            "cli",
            "PNG of the first image's size drawn over it (arrows, notes; transparent "
            "elsewhere) to show where and how to edit; never with a mask (gpt-image-2.5, 2.6)",
        ),
    )
    edit.add_argument("--input-fidelity", help=translate("cli", "high or low"))
    _common_request_options(edit)


def _add_variations(sub: Any) -> None:
    var = sub.add_parser("variations", help=translate("cli", "variations of an image (dall-e-2)"))
    var.add_argument("--image", action="append", required=True, type=Path)
    _common_request_options(var)


def _add_upload(sub: Any) -> None:
    up = sub.add_parser(
        "upload", help=translate("cli", "DMXAPI paiwo-picture upload for image-to-video")
    )
    src = up.add_mutually_exclusive_group(required=True)
    src.add_argument("--file", type=Path)
    src.add_argument("--url")
    _provider_options(up)
    up.add_argument("--json", action="store_true")


def _add_models(sub: Any) -> None:
    models = sub.add_parser(
        "models", help=translate("cli", "list the models a provider offers (GET /models)")
    )
    _provider_options(models)
    models.add_argument("--json", action="store_true")


def _add_keys(sub: Any) -> None:
    keys = sub.add_parser(
        "keys", help=translate("cli", "list the providers with a key in the keyring")
    )
    keys.add_argument(
        "--remove-all",
        action="store_true",
        help=translate("cli", "delete every key Image Studio stored"),
    )
    keys.add_argument("--json", action="store_true")


def _add_spend(sub: Any) -> None:
    spend = sub.add_parser(
        "spend", help=translate("cli", "money spent per provider and day or month")
    )
    spend.add_argument("--by", choices=["day", "month"], default="day")
    spend.add_argument("--days", type=bounded_int(1), help=translate("cli", "only the last N days"))
    spend.add_argument("--json", action="store_true")
    spend.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _add_info(sub: Any) -> None:
    from studio.cli_info import add_parser

    add_parser(sub)


def _add_converse(sub: Any) -> None:
    from studio.cli_converse import add_parser

    add_parser(sub)


def _add_batch(sub: Any) -> None:
    from studio.cli_batch_parser import add_parsers

    add_parsers(sub, _provider_options)


def _add_prompts(sub: Any) -> None:
    from studio.cli_prompts import add_parser

    add_parser(sub)


def _add_history(sub: Any) -> None:
    hist = sub.add_parser("history", help=translate("cli", "list recent jobs"))
    hist.add_argument("--search", help=translate("cli", "full-text search over prompts"))
    hist.add_argument(
        "--format",
        choices=["png", "jpeg", "webp", "gif", "svg"],
        help=translate("cli", "only jobs with an image of this format"),
    )
    hist.add_argument(
        "--thread", type=int, help=translate("cli", "print this conversation thread as a tree")
    )
    hist.add_argument(
        "--limit",
        type=_limit,
        default=20,
        help=translate("cli", "1 to {limit}").format(limit=MAX_LIMIT),
    )
    hist.add_argument(
        "--json", action="store_true", help=translate("cli", "print exactly one JSON object")
    )
    hist.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


#: each subcommand's grammar, in the order ``--help`` lists them; "batch" adds "compare" too
_SECTIONS: tuple[tuple[tuple[str, ...], Callable[[Any], None]], ...] = (
    (("generate",), _add_generate),
    (("edit",), _add_edit),
    (("variations",), _add_variations),
    (("upload",), _add_upload),
    (("models",), _add_models),
    (("keys",), _add_keys),
    (("spend",), _add_spend),
    (("info",), _add_info),
    (("converse",), _add_converse),
    (("batch", "compare"), _add_batch),
    (("prompts",), _add_prompts),
    (("history",), _add_history),
)


#: what a first run needs and what scripts check, after the list of commands
_EPILOG = QT_TRANSLATE_NOOP(
    "cli",
    "first steps (the built-in offline sandbox needs no key):\n"
    "  image-studio models                          the models the provider offers\n"
    '  image-studio generate "a red fox" --model gpt-image-2.6-sunburst --out .\n'
    "  image-studio COMMAND --help                  a command's own options\n"
    "\n"
    "exit codes: 0 success; 2 bad usage or validation (nothing was sent); 3 the provider\n"
    "answered with an error; 4 network, timeout or protocol failure; 5 the studio's own\n"
    "files could not be used; 130 interrupted (Ctrl+C)",
)


def build_parser(only: str | None = None) -> _Parser:
    """The whole grammar, or with ``only`` that one subcommand's (what a run needs: the
    others' arguments and modules are not loaded; ``--help`` and errors use the whole)."""
    parser = _Parser(
        prog="image-studio",
        description=translate(
            "cli",
            "Image Studio: make and edit images through OpenAI-compatible APIs.\n"
            "Run with no arguments to open the window.",
        ),
        epilog=translate("cli", _EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action=_VersionAction)
    parser.add_argument(
        "--home",
        help=translate("cli", "folder for settings, history and images ($IMAGE_STUDIO_HOME)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for names, add in _SECTIONS:
        if only is None or only in names:
            add(sub)
    return parser


def bounded_int(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high`` (no upper bound
    when None), refused with one wording wherever the CLI takes a count."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                translate("cli", "{text} is not a whole number").format(text=repr(text))
            ) from None
        if high is None and value < low:
            raise argparse.ArgumentTypeError(
                translate("cli", "must be {low} or more").format(low=low)
            )
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(
                translate("cli", "must be between {low} and {high}").format(low=low, high=high)
            )
        return value

    return parse


_limit = bounded_int(1, MAX_LIMIT)
