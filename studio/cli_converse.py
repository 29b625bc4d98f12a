"""``image-studio converse INSTRUCTION``: one turn of a conversation (Responses image tool).

Without ``--thread`` it starts a thread; with it, it continues the thread's newest
turn, or ``--from-turn N`` (a branch). ``history --thread ID --json`` prints the
tree. Qt-free like the rest of the CLI.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    from studio.cli import _provider_options

    p = sub.add_parser(
        "converse",
        help="edit in a conversation: one instruction per turn (Responses image tool)",
    )
    p.add_argument("instruction", metavar="INSTRUCTION")
    p.add_argument("--model", required=True, help="image model, e.g. gpt-image-2.6-sunburst")
    p.add_argument(
        "--text-model", help="the text model that drives the tool (default: the provider's)"
    )
    p.add_argument("--thread", type=int, help="continue this thread (its id)")
    p.add_argument("--from-turn", type=int, help="continue from this earlier turn (makes a branch)")
    p.add_argument(
        "--image", type=Path, action="append", default=[], help="an input image (repeatable)"
    )
    p.add_argument("--mask", type=Path, help="PNG mask for the image being edited")
    _provider_options(p)
    g = p.add_argument_group("image tool parameters (only those the model's table allows)")
    g.add_argument("--size", help="WxH or auto")
    g.add_argument("--quality", help="auto, low, medium, high; xhigh and max on 2.5 and 2.6")
    g.add_argument("--complexity", help="low, medium or high (2.6 only)")
    g.add_argument("--background", help="transparent, opaque or auto")
    g.add_argument("--output-format", help="png, jpeg or webp")
    g.add_argument("--output-compression", type=int, help="0-100, jpeg/webp only")
    g.add_argument("--moderation", help="low or auto")
    g.add_argument("--stream", action="store_true", help="stream partial images")
    g.add_argument("--partial-images", type=int, help="0-3, with --stream")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")


def _load(path: Path | None) -> Any:
    from studio.cli import _UsageError
    from studio.core.request import InputImage

    if path is None:
        return None
    try:
        return InputImage.from_path(path)
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def cmd_converse(studio: Any, args: argparse.Namespace, out: Any) -> int:
    from studio.cli import _pick_provider, _request_params, _run_in_thread, _UsageError, _utf8_text
    from studio.cli_lifecycle import cost_payload
    from studio.core.cancel import CancelToken
    from studio.core.turns import run_turn

    instruction = (_utf8_text(args.instruction, "instruction") or "").strip()
    if not instruction:
        raise _UsageError("an INSTRUCTION is required")
    if args.from_turn is not None and args.thread is None:
        raise _UsageError("--from-turn needs --thread")
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

            print(
                f"turn {outcome.turn_id} of thread {outcome.thread_id} failed"
                + (
                    f"; its last partial image: {outcome.partial_path}"
                    if outcome.partial_path
                    else ""
                )
                + f". To retry (it may be billed again): {retry}",
                file=sys.stderr,
            )
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
    lines = [f"thread {outcome.thread_id}, turn {outcome.turn_id}:", *(f"  {p}" for p in paths)]
    if payload["revised_prompt"]:
        lines.append(f"  revised prompt: {payload['revised_prompt']}")
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
    lines = [f"thread {tree['thread_id']}: {turns} {'turn' if turns == 1 else 'turns'}"]
    stack: list[tuple[dict[str, Any], int]] = [(t, 0) for t in reversed(tree["turns"])]
    while stack:
        node, depth = stack.pop()
        instruction = " ".join(str(node["instruction"]).split())
        lines.append(
            f"{'  ' * depth}turn {node['turn_id']:<6} {node['status']:<11} "
            f"{node['model']}  {instruction[:60]}"
        )
        children = node["children"]
        inner = depth + (1 if len(children) > 1 else 0)
        stack.extend((child, inner) for child in reversed(children))
    return "\n".join(lines)
