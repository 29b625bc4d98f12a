"""``image-studio prompts list|add|export|import``: the prompt library from a script.

The same library as the window's (``core.prompt_library``); it opens no history and
needs no provider. With ``--json`` each command prints exactly one JSON object
(``export`` without a file prints the library file itself). Exit codes: 0 done;
2 refused (a bad prompt, a file that is not a library, or prompts of an imported
file skipped, which the answer names); 5 the library's file could not be used.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.cli_parser import bounded_int
from studio.cli_text import problem_message, translate

if TYPE_CHECKING:
    from studio.core.prompt_library import Entry, PromptLibrary

EXIT_OK, EXIT_REFUSED, EXIT_STORAGE = 0, 2, 5
#: the most characters ``add -`` reads from stdin (a prompt is at most 32,000)
_MAX_STDIN = 1024 * 1024


def add_parser(sub: Any) -> None:
    prompts = sub.add_parser(
        "prompts", help=translate("cli", "the prompt library: list, add, export, import")
    )
    inner = prompts.add_subparsers(
        dest="prompts_command", metavar="ACTION", required=True, parser_class=type(prompts)
    )

    def leaf(name: str, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = inner.add_parser(name, help=help_text)
        p.add_argument("--home", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument(
            "--json", action="store_true", help=translate("cli", "print exactly one JSON object")
        )
        return p

    ls = leaf("list", translate("cli", "saved prompts, the most recently used first"))
    ls.add_argument(
        "query", nargs="?", default="", help=translate("cli", "words to find; #tag or tag:TAG")
    )
    ls.add_argument(
        "--tag", action="append", default=[], help=translate("cli", "only prompts with this tag")
    )
    ls.add_argument(
        "--recent", action="store_true", help=translate("cli", "the prompts used last instead")
    )
    ls.add_argument(
        "--limit", type=bounded_int(1), default=None, help=translate("cli", "at most this many")
    )

    add = leaf("add", translate("cli", "save a prompt to the library"))
    add.add_argument(
        "text", metavar="TEXT", help=translate("cli", "the prompt, with {variables} ('-': stdin)")
    )
    add.add_argument("--title", default="")
    add.add_argument(
        "--tag", action="append", default=[], help=translate("cli", "a tag (repeat for more)")
    )

    exp = leaf(
        "export", translate("cli", "write the library (or what a search finds) as a JSON file")
    )
    exp.add_argument(
        "file", nargs="?", default="-", help=translate("cli", "the file to write ('-': stdout)")
    )
    exp.add_argument(
        "--search", default="", help=translate("cli", "only prompts this search finds")
    )
    exp.add_argument(
        "--tag", action="append", default=[], help=translate("cli", "only prompts with this tag")
    )

    imp = leaf("import", translate("cli", "merge a JSON prompt library file into the library"))
    imp.add_argument("file", type=Path, help=translate("cli", "a file written by 'prompts export'"))


def entry_json(e: Entry) -> dict[str, Any]:
    from studio.core.prompt_library.exchange import iso_time

    return {
        "id": e.id,
        "text": e.text,
        "title": e.title,
        "tags": list(e.tags),
        "variables": list(e.variables),
        "saved": e.saved,
        "created": iso_time(e.created_at),
        "used": iso_time(e.used_at),
        "uses": e.uses,
    }


def _line(e: Entry) -> str:
    tags = f"  [{', '.join(e.tags)}]" if e.tags else ""
    text = e.text.replace("\n", " ")
    text = text if len(text) <= 90 else text[:89] + "…"
    title = f"{e.title}: " if e.title else ""
    return f"{e.id:>6}  {title}{text}{tags}"


def _emit(as_json: bool, payload: dict[str, Any], text: str) -> None:
    from studio.core.request import printable

    out = json.dumps({"ok": True, **payload}, ensure_ascii=False) if as_json else text
    print(printable(out), flush=True)


def _query(args: argparse.Namespace, words: str) -> str:
    return " ".join([words, *(f"tag:{t}" for t in args.tag if t.strip())]).strip()


def _nothing_found(lib: PromptLibrary, args: argparse.Namespace) -> str:
    """Why ``list`` shows nothing: an empty library (and how to fill it), or no match."""
    if not lib.count():
        return translate(
            "cli", 'the library is empty; save a prompt with: image-studio prompts add "TEXT"'
        )
    if args.recent:
        return translate("cli", "no prompt has been used yet")
    return translate("cli", "no saved prompt matches {search}").format(
        search=_query(args, args.query)
    )


def _run(lib: PromptLibrary, args: argparse.Namespace) -> int:
    from studio.core.prompt_library import split_tags
    from studio.core.prompt_library.exchange import (
        MAX_IMPORT_BYTES,
        export_file,
        export_text,
        import_file,
        too_big_to_import,
    )

    action, as_json = args.prompts_command, args.json
    if action == "list":
        if args.recent:
            found = lib.recent(args.limit or 30)
        else:
            found = lib.search(_query(args, args.query), limit=args.limit)
        _emit(
            as_json,
            {"count": len(found), "prompts": [entry_json(e) for e in found]},
            "\n".join(_line(e) for e in found) or _nothing_found(lib, args),
        )
        return EXIT_OK
    if action == "add":
        text = sys.stdin.read(_MAX_STDIN) if args.text == "-" else args.text
        tags = split_tags(",".join(args.tag))
        entry = lib.save(text, args.title, tags)
        _emit(
            as_json,
            {"prompt": entry_json(entry)},
            translate("cli", "saved as #{id}").format(id=entry.id),
        )
        return EXIT_OK
    query = _query(args, args.search) if action == "export" else ""
    if action == "export" and args.file == "-":
        sys.stdout.write(export_text(lib.search(query)))
        sys.stdout.flush()
        return EXIT_OK
    if action == "export":
        count = export_file(lib, Path(args.file), query)
        whole = not too_big_to_import(Path(args.file))
        if not whole:
            warning = translate(
                "cli",
                "warning: {file} is over {mb} MB, more than one import takes: export by "
                "--tag or --search to move the library in parts",
            )
            mb = MAX_IMPORT_BYTES // (1024 * 1024)
            print(warning.format(file=args.file, mb=mb), file=sys.stderr)
        payload = {"exported": count, "file": args.file, "importable": whole}
        written = (
            translate("cli", "{n} prompt written")
            if count == 1
            else translate("cli", "{n} prompts written")
        )
        _emit(as_json, payload, written.format(n=count))
        return EXIT_OK
    report = import_file(lib, args.file)
    summary = translate("cli", "{added} added, {merged} merged, {skipped} skipped").format(
        added=report.added, merged=report.merged, skipped=report.skipped_count
    )
    detail = "".join(f"\n  - {problem_message(p)}" for p in report.skipped)
    more = report.skipped_count - len(report.skipped)
    if more > 0:
        detail += "\n  " + translate("cli", "({n} more)").format(n=more)
    _emit(as_json, report.to_json(), summary + detail)
    return EXIT_REFUSED if report.skipped_count else EXIT_OK


def _fail(as_json: bool, kind: str, message: str, code: int) -> int:
    from studio.core.request import printable

    if as_json:
        error = {"kind": kind, "message": message, "status": None, "code": kind}
        print(printable(json.dumps({"ok": False, "error": error}, ensure_ascii=False)))
    else:
        said = translate("cli", "error: {reason}").format(reason=message)
        print(printable(said), file=sys.stderr)
    return code


def run_prompts(args: argparse.Namespace) -> int:
    from studio.core.paths import resolve_paths
    from studio.core.prompt_library import LibraryError, open_library
    from studio.core.settings import load_settings

    try:
        paths = resolve_paths(args.home).ensure()
        settings, problems = load_settings(paths)
        for problem in problems:
            print(translate("cli", "warning: {text}").format(text=problem), file=sys.stderr)
        with open_library(paths, settings) as lib:
            return _run(lib, args)
    except LibraryError as exc:
        return _fail(args.json, "validation", problem_message(exc.problem), EXIT_REFUSED)
    except (sqlite3.Error, OSError) as exc:
        message = translate("cli", "the prompt library could not be used ({reason})")
        message = message.format(reason=exc)
        return _fail(args.json, "storage", message, EXIT_STORAGE)
