"""The grammar of ``image-studio batch`` and ``image-studio compare`` (what they run is
:mod:`studio.cli_batch`, imported only when they run)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from studio.cli_parser import bounded_int
from studio.cli_text import translate


def _money(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli", "{text} is not an amount").format(text=repr(text))
        ) from None
    if not 0 < value < 1e9:
        raise argparse.ArgumentTypeError(translate("cli", "must be a positive amount"))
    return value


def _concurrency(text: str) -> int:
    from studio.core.batch import MAX_CONCURRENCY  # read when given, not when parsing starts

    return bounded_int(1, MAX_CONCURRENCY)(text)


def _params_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(translate("cli", "image parameters (the same for every member)"))
    g.add_argument("--size", help=translate("cli", "WxH, e.g. 1024x1024 (or auto)"))
    g.add_argument("--quality", help=translate("cli", "auto, low, medium, high, ..."))
    g.add_argument(
        "--param",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help=translate("cli", "another field of the request (JSON value or string)"),
    )
    p.add_argument(
        "--concurrency",
        type=_concurrency,
        default=None,
        help=translate("cli", "requests at once per provider (default 2)"),
    )
    p.add_argument(
        "--max-cost",
        type=_money,
        help=translate(
            "cli", "stop before a member whose estimate would pass this (in the model's currency)"
        ),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=translate("cli", "one JSON line per member, then a summary"),
    )


def add_parsers(sub: Any, provider_options: Any) -> None:
    batch = sub.add_parser(
        "batch", help=translate("cli", "run a prompt template over a table of values")
    )
    batch.add_argument(
        "template",
        nargs="?",
        metavar="TEMPLATE",
        help=translate("cli", 'e.g. "a {animal} in {style}"'),
    )
    batch.add_argument(
        "--values",
        metavar="FILE",
        help=translate(
            "cli",
            "CSV or TSV with a header row, or one value per line for one variable ('-': stdin)",
        ),
    )
    batch.add_argument("--model", help=translate("cli", "model id"))
    _edit_options(batch, translate("cli", "every member edits this image (repeat for several)"))
    batch.add_argument(
        "--resume",
        type=bounded_int(1),
        metavar="BATCH_ID",
        help=translate("cli", "continue an unfinished batch"),
    )
    provider_options(batch)
    _params_options(batch)

    cmp = sub.add_parser(
        "compare", help=translate("cli", "send one prompt to several models or providers")
    )
    cmp.add_argument("prompt", nargs="?", metavar="PROMPT")
    cmp.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="MODEL[@PROVIDER]",
        help=translate("cli", "a model (on a provider: its id); give two or more"),
    )
    _edit_options(
        cmp,
        translate("cli", "compare edits: every target edits this image (repeat for several)"),
    )
    cmp.add_argument(
        "--resume",
        type=bounded_int(1),
        metavar="COMPARE_ID",
        help=translate("cli", "send the targets of an unfinished comparison that were never sent"),
    )
    provider_options(cmp)
    _params_options(cmp)


def _edit_options(parser: argparse.ArgumentParser, image_help: str) -> None:
    """``--image`` and ``--mask``: the group edits these instead of generating."""
    parser.add_argument("--image", action="append", type=Path, metavar="FILE", help=image_help)
    parser.add_argument(
        "--mask",
        type=Path,
        metavar="FILE",
        help=translate("cli", "with --image: the mask every member uses"),
    )
