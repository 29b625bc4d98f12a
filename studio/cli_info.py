"""``image-studio info FILE``: what the studio reads from an image's metadata.

The same reader as the window's "Use these settings" (``core.metadata_read``);
it opens no history and needs no provider. Qt-free like the rest of the CLI.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studio.core.metadata_read import MetadataReport

#: the settings in the order they are printed, with their labels
_LABELS = (
    ("source", "read from"),
    ("prompt", "prompt"),
    ("negative_prompt", "negative prompt"),
    ("model", "model"),
    ("size", "size"),
    ("quality", "quality"),
    ("seed", "seed"),
    ("provider", "provider"),
    ("mode", "mode"),
)


def add_parser(sub: Any) -> None:
    info = sub.add_parser(
        "info",
        help="what an image's metadata says: the settings that made it, content credentials",
    )
    info.add_argument("file", type=Path, metavar="FILE")
    info.add_argument("--json", action="store_true", help="print exactly one JSON object")


def info_payload(path: Path, report: MetadataReport) -> dict[str, Any]:
    return {"file": str(path), **report.to_json()}


def info_text(path: Path, report: MetadataReport) -> str:
    if report.format is None:  # only why: "no parameters, no credentials" would mislead
        why = (
            " ".join(p.message for p in report.problems)
            or "not a PNG, JPEG, WebP, GIF or SVG image."
        )
        return f"error: {path}: {why}"
    lines = [f"{path}: {report.format}"]
    found = report.settings
    if found is None:
        lines.append("no parameters the studio reads")
    else:
        for name, label in _LABELS:
            value = getattr(found, name)
            if value not in (None, ""):
                lines.append(f"  {label}: {value}")
        extra = {k: v for k, v in found.params.items() if k not in ("size", "quality", "seed")}
        if extra:
            lines.append("  other parameters: " + ", ".join(f"{k}={v}" for k, v in extra.items()))
    if report.found:
        lines.append("metadata found: " + ", ".join(report.found))
    lines.append(
        "content credentials (C2PA): present (not verified)"
        if report.credentials
        else "content credentials (C2PA): none"
    )
    lines += [f"note: {p.message}" for p in report.problems]
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
