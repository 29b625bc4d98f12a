"""``image-studio``: the GUI with no arguments, the CLI with a subcommand.

The CLI gets the offline sandbox from here: core and ``studio.cli`` never import
it, they are handed :func:`sandbox_url` (the GUI's ``run_gui`` does the same itself).
"""

from __future__ import annotations

import sys


def sandbox_url() -> str:
    """Start the process-wide sandbox on first use and give its base URL."""
    from studio.sandbox.embedded import embedded_sandbox_url  # loaded only when a job needs it

    return embedded_sandbox_url()


def _window_only(args: list[str]) -> bool:
    """Arguments that can only mean the window (none, or the window's own options):
    the window then starts without importing the CLI (~40-200 ms of imports)."""
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--verbose" or arg.startswith("--home="):
            continue
        if arg == "--home" and rest:
            rest.pop(0)
            continue
        return False
    return True


#: what a shell reports for a command its pipe's reader ended (128 + SIGPIPE)
EXIT_PIPE_CLOSED = 141


def _reader_gone() -> int:
    """stdout's reader went away (``| head``): end quietly, as a command killed by SIGPIPE
    would; the job, if any, is in the history already."""
    import contextlib
    import os

    # the interpreter flushes stdout at exit; into the closed pipe that would fail again
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_PIPE_CLOSED


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from studio.core import collector

    # no cycle collection while modules load: run_cli and run_gui resume it for the
    # work (a command that ends before that never needed it)
    collector.pause()
    try:
        if not _window_only(args):
            from studio.cli import is_cli_invocation, run_cli

            if is_cli_invocation(args):
                try:
                    return run_cli(args, sandbox=sandbox_url)
                except BrokenPipeError:
                    return _reader_gone()
        from studio.app import run_gui  # imports Qt only on the GUI path

        return run_gui(args)
    finally:
        collector.resume()


if __name__ == "__main__":
    sys.exit(main())
