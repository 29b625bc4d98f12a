"""``image-studio`` on the command line: the same core as the window, no Qt.

The grammar, the ``--json`` shapes and the exit codes are a contract scripts
rely on (see issue 2): add to them freely, change none.

Exit codes: 0 success; 2 bad usage or validation (nothing was sent); 3 the
provider answered with an error; 4 network, timeout or protocol failure; 5 the
studio's own files (history database, journal) could not be used; 130 interrupted.

The commands live in modules named for them (``cli_images`` for generate, edit and
variations; ``cli_commands`` for the rest; ``cli_parser`` holds the grammar) and
import what they run only when they run: ``generate`` loads no Qt, no sandbox for a
real provider, and none of the other commands' code.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from studio.cli_images import (
    _parse_param,
    _pick_provider,
    _request_params,
    _run_in_thread,
)
from studio.cli_output import (
    EXIT_INTERRUPTED,
    EXIT_NETWORK,
    EXIT_OK,
    EXIT_PROVIDER,
    EXIT_STORAGE,
    EXIT_USAGE,
    _Output,
    _print,
    _usage_error,
    _UsageError,
    _utf8_text,
)
from studio.cli_parser import MAX_LIMIT, _provider_options, build_parser
from studio.cli_text import problem_message, translate
from studio.core.errors import StudioError

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
__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_NETWORK",
    "EXIT_OK",
    "EXIT_PROVIDER",
    "EXIT_STORAGE",
    "EXIT_USAGE",
    "MAX_LIMIT",
    "SUBCOMMANDS",
    "_UsageError",
    "_parse_param",
    "_pick_provider",
    "_provider_options",
    "_request_params",
    "_run_in_thread",
    "_utf8_text",
    "build_parser",
    "is_cli_invocation",
    "run_cli",
]


def is_cli_invocation(args: Sequence[str]) -> bool:
    """A subcommand, --help or --version means the CLI, and so does a first word that is
    no option (a mistyped command is answered with the commands there are, not with a
    window); anything else (the window's and Qt's own options) opens the window."""
    if any(a in SUBCOMMANDS or a in ("-h", "--help", "-V", "--version") for a in args):
        return True
    first = _first_word(args, ("--verbose",))  # the window's own options skipped too
    return first is not None and not first.startswith("-")


def _first_word(argv: Sequence[str], skip: tuple[str, ...] = ()) -> str | None:
    """The first argument after ``--home DIR`` / ``--home=DIR`` (and the flags ``skip``)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--home":
            if rest:
                rest.pop(0)
            continue
        if arg.startswith("--home=") or arg in skip:
            continue
        return arg
    return None


def _home_option(argv: Sequence[str]) -> str | None:
    """The ``--home`` given anywhere in ``argv`` (the last one, as argparse keeps it)."""
    home = None
    for i, arg in enumerate(argv):
        if arg == "--home" and i + 1 < len(argv):
            home = argv[i + 1]
        elif arg.startswith("--home="):
            home = arg.partition("=")[2]
    return home


def _subcommand(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` runs, when the grammar of that one is all the parse needs
    (None: help before it, an unknown word or option, so the whole grammar is built)."""
    first = _first_word(argv)
    return first if first in SUBCOMMANDS else None


def _command(name: str) -> Callable[[Any, argparse.Namespace, _Output], int]:
    """The function that runs subcommand ``name`` (its module imported now)."""
    if name in ("generate", "edit", "variations"):
        from studio.cli_images import cmd_images

        return cmd_images
    from studio.cli_commands import COMMANDS

    return COMMANDS[name]


def run_cli(argv: Sequence[str], *, sandbox: SandboxAddress | None = None) -> int:
    """Run one subcommand; ``sandbox`` serves the built-in sandbox provider.

    The CLI never imports the sandbox itself: the ``image-studio`` entry point
    (``studio.__main__``) hands it in, so scripts that only talk to real providers
    never load it.
    """
    argv = list(argv)
    out = _Output(as_json="--json" in argv)
    from studio.cli_text import choose_language, set_language

    # --json stays English, messages too: scripts parse it, whatever the user's language
    set_language("en" if out.as_json else choose_language(_home_option(argv)))
    parser = build_parser(_subcommand(argv))
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        if out.as_json:
            return out.failure(_usage_error(str(exc)))
        refused_by = exc.parser if isinstance(exc.parser, argparse.ArgumentParser) else parser
        refused_by.print_usage(sys.stderr)
        error = translate("cli", "error: {reason}").format(reason=exc)
        _print(f"{refused_by.prog}: {error}", err=True)
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
    from studio.core.history.opening import HistoryUnusable

    try:
        from studio.core.logs import setup_logging
        from studio.core.service import Studio

        studio = Studio.open(args.home, sandbox=sandbox)
        setup_logging(studio.paths)
        # on stderr even with --json (stdout stays one JSON object): a broken settings or
        # override file must not go unnoticed by a script
        for problem in studio.problems:
            print(translate("cli", "warning: {text}").format(text=problem), file=sys.stderr)
        for notice in studio.notices:
            said = translate("cli", "notice: {text}").format(text=problem_message(notice))
            print(said, file=sys.stderr)
        command = _command(args.command)
        from studio.core import collector

        collector.resume()  # loaded: collection on for the work (a batch runs for hours)
        return command(studio, args, out)
    except _UsageError as exc:
        return out.failure(_usage_error(str(exc)))
    except StudioError as err:
        return out.failure(err)
    except KeyboardInterrupt:
        return out.failure(StudioError.cancelled())
    except BrokenPipeError:
        raise  # stdout's reader went away: nothing to print anywhere (studio.__main__)
    except HistoryUnusable as exc:
        return out.storage_failure(exc, exc.message())
    except (sqlite3.Error, OSError) as exc:
        return out.storage_failure(exc)
    finally:
        if studio is not None:
            studio.close()
