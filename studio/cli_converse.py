"""``image-studio converse INSTRUCTION``: one turn of a conversation (Responses image tool).

Without ``--thread`` it starts a thread; with it, it continues the thread's newest
turn, or ``--from-turn N`` (a branch). ``history --thread ID --json`` prints the
tree. Qt-free like the rest of the CLI.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from studio.cli_text import CORE, pad, status_word, translate


def add_parser(sub: Any) -> None:
    from studio.cli import _provider_options

    p = sub.add_parser(
        "converse",
        help=translate(
            "cli", "edit in a conversation: one instruction per turn (Responses image tool)"
        ),
    )
    p.add_argument("instruction", metavar="INSTRUCTION")
    p.add_argument(
        "--model", required=True, help=translate("cli", "image model, e.g. gpt-image-2.6-sunburst")
    )
    p.add_argument(
        "--text-model",
        help=translate("cli", "the text model that drives the tool (default: the provider's)"),
    )
    p.add_argument("--thread", type=int, help=translate("cli", "continue this thread (its id)"))
    p.add_argument(
        "--from-turn",
        type=int,
        help=translate("cli", "continue from this earlier turn (makes a branch)"),
    )
    p.add_argument(
        "--image",
        type=Path,
        action="append",
        default=[],
        help=translate("cli", "an input image (repeatable)"),
    )
    p.add_argument(
        "--mask", type=Path, help=translate("cli", "PNG mask for the image being edited")
    )
    _provider_options(p)
    g = p.add_argument_group(
        translate("cli", "image tool parameters (only those the model's table allows)")
    )
    g.add_argument("--size", help=translate("cli", "WxH or auto"))
    g.add_argument(
        "--quality", help=translate("cli", "auto, low, medium, high; xhigh and max on 2.5 and 2.6")
    )
    g.add_argument("--complexity", help=translate("cli", "low, medium or high (2.6 only)"))
    g.add_argument("--background", help=translate("cli", "transparent, opaque or auto"))
    g.add_argument("--output-format", help=translate("cli", "png, jpeg or webp"))
    g.add_argument("--output-compression", type=int, help=translate("cli", "0-100, jpeg/webp only"))
    g.add_argument("--moderation", help=translate("cli", "low or auto"))
    g.add_argument("--stream", action="store_true", help=translate("cli", "stream partial images"))
    g.add_argument("--partial-images", type=int, help=translate("cli", "0-3, with --stream"))
    p.add_argument(
        "--json", action="store_true", help=translate("cli", "print exactly one JSON object")
    )


def _load(path: Path | None) -> Any:
    from studio.cli import _UsageError
    from studio.core.request import InputImage

    if path is None:
        return None
    try:
        return InputImage.from_path(path)
    except OSError as exc:
        reason = exc.strerror or exc
        raise _UsageError(
            translate(CORE, "cannot read {path}: {reason}").format(path=path, reason=reason)
        ) from None


def cmd_converse(studio: Any, args: argparse.Namespace, out: Any) -> int:
    from studio.cli import _pick_provider, _request_params, _run_in_thread, _UsageError, _utf8_text
    from studio.cli_lifecycle import cost_payload
    from studio.core.cancel import CancelToken
    from studio.core.turns import run_turn

    instruction = (_utf8_text(args.instruction, "instruction") or "").strip()
    if not instruction:
        raise _UsageError(translate("cli", "an INSTRUCTION is required"))
    if args.from_turn is not None and args.thread is None:
        raise _UsageError(translate("cli", "--from-turn needs --thread"))
    provider = _pick_provider(studio, args)
    images = tuple(_load(p) for p in args.image)
    mask = _load(args.mask)
    cancel = CancelToken()
    outcome = _run_in_thread(
        lambda: run_turn(
            studio,
            provider,
            instruction,
            model=args.model,
            params=_request_params(args),
            text_model=args.text_model,
            thread_id=args.thread,
            from_turn=args.from_turn,
            attachments=images,
            mask=mask,
            cancel=cancel,
            source="cli",
        ),
        cancel,
    )
    if outcome.error is not None:
        code = out.failure(outcome.error)
        if outcome.turn_id is not None:
            retry = f"image-studio converse ... --thread {outcome.thread_id}"
            if outcome.parent_id is not None:
                retry += f" --from-turn {outcome.parent_id}"
            import sys

            failed = translate("cli", "turn {turn} of thread {thread} failed").format(
                turn=outcome.turn_id, thread=outcome.thread_id
            )
            if outcome.partial_path:
                partial = translate("cli", "; its last partial image: {path}")
                failed += partial.format(path=outcome.partial_path)
            again = translate("cli", ". To retry (it may be billed again): {command}")
            print(failed + again.format(command=retry), file=sys.stderr)
        return int(code)
    record = outcome.record
    reply = outcome.reply
    paths = [str(Path(i.path).resolve()) for i in record.images]
    payload = {
        "thread_id": outcome.thread_id,
        "turn_id": outcome.turn_id,
        "parent_turn_id": outcome.parent_id,
        "images": paths,
        "revised_prompt": reply.revised_prompt if reply else None,
        "usage": reply.usage if reply else None,
        "cost": cost_payload(record),
        "continued_by": "item" if outcome.fell_back else None,
    }
    head = translate("cli", "thread {thread}, turn {turn}:")
    lines = [head.format(thread=outcome.thread_id, turn=outcome.turn_id)]
    lines += [f"  {p}" for p in paths]
    if payload["revised_prompt"]:
        revised = translate("cli", "revised prompt: {prompt}")
        lines.append("  " + revised.format(prompt=payload["revised_prompt"]))
    return int(out.success(payload, "\n".join(lines)))


def thread_payload(studio: Any, thread_id: int) -> dict[str, Any] | None:
    from studio.core.history.threads import thread_tree

    return thread_tree(studio.history, thread_id)


class _Raw(str):
    """JSON text already written (a bracket, a separator, a key)."""


def deep_json(value: Any) -> str:
    """``value`` (dicts, lists and plain values) as the JSON text ``json.dumps`` gives,
    written without recursion: a thread thousands of turns deep nests that deep, and
    ``json.dumps`` gives up past about a thousand levels."""
    import json

    out: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            out.append(item)
            continue
        parts: list[Any]
        if isinstance(item, dict):
            parts = [_Raw("{")]
            for i, (key, child) in enumerate(item.items()):
                sep = ", " if i else ""
                parts += [_Raw(sep + json.dumps(str(key), ensure_ascii=False) + ": "), child]
            parts.append(_Raw("}"))
        elif isinstance(item, list | tuple):
            parts = [_Raw("[")]
            for i, child in enumerate(item):
                parts += [_Raw(", ")] if i else []
                parts.append(child)
            parts.append(_Raw("]"))
        else:
            out.append(json.dumps(item, ensure_ascii=False))
            continue
        stack.extend(reversed(parts))
    return "".join(out)


def thread_outline(tree: dict[str, Any]) -> str:
    """The thread for a person: one line per turn, depth first; a turn continuing the
    one above is not indented, only the branches of a turn continued more than once
    are (so a long thread stays readable)."""
    turns = tree["turn_count"]
    head = (
        translate("cli", "thread {thread}: {n} turn")
        if turns == 1
        else translate("cli", "thread {thread}: {n} turns")
    )
    lines = [head.format(thread=tree["thread_id"], n=turns)]
    stack: list[tuple[dict[str, Any], int]] = [(t, 0) for t in reversed(tree["turns"])]
    while stack:
        node, depth = stack.pop()
        instruction = " ".join(str(node["instruction"]).split())
        turn = translate("cli", "turn {id}").format(id=node["turn_id"])
        lines.append(
            f"{'  ' * depth}{pad(turn, 11)} {pad(status_word(node['status']), 11)} "
            f"{node['model']}  {instruction[:60]}"
        )
        children = node["children"]
        inner = depth + (1 if len(children) > 1 else 0)
        stack.extend((child, inner) for child in reversed(children))
    return "\n".join(lines)
