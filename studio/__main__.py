"""``image-studio``: the GUI with no arguments, the CLI with a subcommand."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from studio.cli import is_cli_invocation, run_cli

    if is_cli_invocation(args):
        return run_cli(args)
    from studio.app import run_gui  # imports Qt only on the GUI path

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
