"""``image-studio info FILE``: what the studio reads from an image's metadata.

The same reader as the window's "Use these settings" (``core.metadata_read``);
it opens no history and needs no provider. Qt-free like the rest of the CLI.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.cli_text import QT_TRANSLATE_NOOP, problem_message, translate

if TYPE_CHECKING:
    from studio.core.metadata_read import MetadataReport

#: the settings in the order they are printed, with their labels
_LABELS = (
    ("source", QT_TRANSLATE_NOOP("cli", "read from")),
    ("prompt", QT_TRANSLATE_NOOP("cli", "prompt")),
    ("negative_prompt", QT_TRANSLATE_NOOP("cli", "negative prompt")),
    ("model", QT_TRANSLATE_NOOP("cli", "model")),
    ("size", QT_TRANSLATE_NOOP("cli", "size")),
    ("quality", QT_TRANSLATE_NOOP("cli", "quality")),
    ("seed", QT_TRANSLATE_NOOP("cli", "seed")),
    ("provider", QT_TRANSLATE_NOOP("cli", "provider")),
    ("mode", QT_TRANSLATE_NOOP("cli", "mode")),
)


def add_parser(sub: Any) -> None:
    info = sub.add_parser(
        "info",
        help=translate(
            "cli", "what an image's metadata says: the settings that made it, content credentials"
        ),
    )
    info.add_argument("file", type=Path, metavar="FILE")
    info.add_argument(
        "--json", action="store_true", help=translate("cli", "print exactly one JSON object")
    )


def info_payload(path: Path, report: MetadataReport) -> dict[str, Any]:
    return {"file": str(path), **report.to_json()}


def info_text(path: Path, report: MetadataReport) -> str:
    if report.format is None:  # only why: "no parameters, no credentials" would mislead
        why = " ".join(problem_message(p) for p in report.problems) or translate(
            "cli", "not a PNG, JPEG, WebP, GIF or SVG image."
        )
        return translate("cli", "error: {reason}").format(reason=f"{path}: {why}")
    lines = [f"{path}: {report.format}"]
    found = report.settings
    if found is None:
        lines.append(translate("cli", "no parameters the studio reads"))
    else:
        for name, label in _LABELS:
            value = getattr(found, name)
            if value not in (None, ""):
                lines.append(f"  {translate('cli', label)}: {value}")
        extra = {k: v for k, v in found.params.items() if k not in ("size", "quality", "seed")}
        if extra:
            others = ", ".join(f"{k}={v}" for k, v in extra.items())
            lines.append(
                "  " + translate("cli", "other parameters: {params}").format(params=others)
            )
    if report.found:
        found_in = ", ".join(report.found)
        lines.append(translate("cli", "metadata found: {kinds}").format(kinds=found_in))
    lines.append(
        translate("cli", "content credentials (C2PA): present (not verified)")
        if report.credentials
        else translate("cli", "content credentials (C2PA): none")
    )
    note = translate("cli", "note: {text}")
    lines += [note.format(text=problem_message(p)) for p in report.problems]
    return "\n".join(lines)


def run_info(args: argparse.Namespace, as_json: bool) -> tuple[int, str]:
    """The exit code and what to print: 0 for any image (with or without parameters),
    2 when the file cannot be read or is not an image the studio reads."""
    from studio.core.metadata_read import read_metadata_file

    report = read_metadata_file(args.file)
    code = 0 if report.format is not None else 2
    if as_json:
        import json

        payload = {"ok": code == 0, **info_payload(args.file, report)}
        if code:
            message = " ".join(p.message for p in report.problems)
            payload["error"] = {"kind": "invalid_request", "message": message}
        return code, json.dumps(payload, ensure_ascii=False)
    return code, info_text(args.file, report)
