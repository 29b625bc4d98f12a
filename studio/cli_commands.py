"""The CLI's other subcommands: upload, models, spend, history, keys, converse, batch
and compare. Each imports what it runs only when it runs."""

from __future__ import annotations

import argparse
from typing import Any

from studio.cli_images import _parse_param, _pick_provider, _run_in_thread
from studio.cli_output import EXIT_OK, _Output, _print, _UsageError, _utf8_text
from studio.cli_text import QT_TRANSLATE_NOOP, pad, status_word, stored_message, translate
from studio.core.errors import ErrorKind, StudioError


def _cmd_upload(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.core.cancel import CancelToken

    provider = _pick_provider(studio, args)
    cancel = CancelToken()
    result = _run_in_thread(
        lambda: studio.upload(provider, file=args.file, url=args.url, cancel=cancel), cancel
    )
    payload = {"img_id": result.img_id, "img_url": result.img_url}
    return out.success(payload, f"img_id {result.img_id}\nimg_url {result.img_url}")


def _cmd_models(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_lifecycle import models_payload
    from studio.core.cancel import CancelToken

    provider = _pick_provider(studio, args)
    cancel = CancelToken()
    models, dates = _run_in_thread(lambda: studio.list_models_with_dates(provider, cancel), cancel)
    rows = models_payload(studio, provider.id, models, dates)
    text = "\n".join(
        f"{r['id']:<36} {pad(_state_word(r['state']), 11)} {r['shutdown_date'] or ''}" for r in rows
    )
    return out.success({"models": models, "lifecycle": rows}, text)


#: a model's lifecycle state as ``models`` prints it
_STATES = {
    "active": QT_TRANSLATE_NOOP("cli", "active"),
    "deprecated": QT_TRANSLATE_NOOP("cli", "deprecated"),
    "retired": QT_TRANSLATE_NOOP("cli", "retired"),
}


def _state_word(state: str | None) -> str:
    """``state`` in words; "?" when the tables do not know the model."""
    return translate("cli", _STATES[state]) if state in _STATES else "?"


def _cmd_spend(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_lifecycle import spend_payload

    payload, text = spend_payload(studio, args)
    return out.success(payload, text)


def _history_line(row: dict[str, Any]) -> str:
    """A job in the listing: id, status, when, model, prompt; a failure's reason below."""
    import time

    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(row["created_at"]))
    line = f"{row['id']:>6}  {pad(status_word(row['status']), 11)} {when}  {row['model']:<18} "
    line += str(row["prompt"])[:60]
    error = row["error"]
    if error and row["status"] != "succeeded":
        message = str(error.get("message", ""))
        shown = stored_message(error)
        why = translate("cli", "why: {reason}").format(reason=shown[:200])
        line += f"\n        {why}"
        from studio.cli_output import what_to_do

        kind = error.get("kind")
        known = ErrorKind(kind) if kind in set(ErrorKind) else ErrorKind.PROVIDER
        todo = what_to_do(StudioError(known, message, error.get("status"), error.get("code")))
        if todo:
            todo = translate("cli", "what to do: {advice}").format(advice=todo)
            line += f"\n        {todo}"
    return line


def _cmd_history(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.core.history.queries import JobQuery

    if args.thread is not None:
        from studio.cli_converse import deep_json, thread_outline, thread_payload

        tree = thread_payload(studio, args.thread)
        if tree is None:
            raise _UsageError(translate("cli", "there is no thread {id}").format(id=args.thread))
        # printed here, not by out.success: json.dumps fails on a thread ~1,000 turns deep
        _print(deep_json({"ok": True, **tree}) if out.as_json else thread_outline(tree))
        return EXIT_OK
    search = _utf8_text(args.search, "search text")
    query = JobQuery(text=search or None, format=args.format)
    records = studio.history.list_jobs(query, limit=args.limit)
    rows = [
        {
            "id": r.id,
            "status": r.status,
            "model": r.model,
            "provider": r.provider_id,
            "prompt": r.prompt,
            "images": [str(i.path) for i in r.images],
            "formats": [i.format for i in r.images],
            "created_at": r.created_at,
            # why it made nothing (or, beside its images, what went wrong)
            "error": r.error.to_dict() if r.error is not None else None,
        }
        for r in records
    ]
    text = "\n".join(_history_line(r) for r in rows)
    if not text:  # an empty history, or a search that found nothing in it
        asked = [search] if search else []
        asked += [f"--format {args.format}"] if args.format else []
        text = (
            translate("cli", "no jobs match {search}").format(search=" ".join(asked))
            if asked
            else translate("cli", "no jobs yet")
        )
    return out.success({"jobs": rows}, text)


def _cmd_converse(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_converse import cmd_converse

    return cmd_converse(studio, args, out)


def _cmd_keys(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.core.key_inventory import remove_all_keys, stored_ids
    from studio.core.secrets import SecretsError, keyring_status

    known = set(studio.providers())
    try:
        if args.remove_all:
            removed = remove_all_keys(known)
            removed_word = translate("cli", "removed {provider}")
            text = "\n".join(removed_word.format(provider=pid) for pid in removed)
            text = text or translate("cli", "no keys were stored")
            return out.success({"removed": removed}, text)
        status = keyring_status()
        held = stored_ids(known)
    except SecretsError as exc:
        return out.failure(StudioError(ErrorKind.NETWORK, str(exc)))
    none = translate("cli", "no keys stored ({why})").format(why=_keyring_words(status))
    text = "\n".join(held) if held else none
    return out.success({"providers": held, "keyring": status.backend}, text)


#: the core's words on a missing keyring (:func:`studio.core.secrets.keyring_status`)
_NO_KEYRING = QT_TRANSLATE_NOOP(
    "cli",
    "No system keyring was found (on Linux: no Secret Service such as GNOME Keyring "
    "or KWallet on the D-Bus session). Keys can be kept for this session only, "
    "or given in IMAGE_STUDIO_API_KEY.",
)


def _keyring_words(status: Any) -> str:
    """The keyring's state in the user's language where the CLI knows the core's words."""
    if status.message == _NO_KEYRING:
        return translate("cli", _NO_KEYRING)
    if status.available and status.message == f"Keys are stored in {status.backend}.":
        return translate("cli", "Keys are stored in {keyring}.").format(keyring=status.backend)
    return str(status.message)


class _BatchHelpers:
    """What the batch and compare commands share with the other commands."""

    usage = _UsageError
    utf8 = staticmethod(_utf8_text)
    pick_provider = staticmethod(_pick_provider)
    parse_param = staticmethod(_parse_param)


def _cmd_batch(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_batch import cmd_batch

    return cmd_batch(studio, args, _BatchHelpers)


def _cmd_compare(studio: Any, args: argparse.Namespace, out: _Output) -> int:
    from studio.cli_batch import cmd_compare

    return cmd_compare(studio, args, _BatchHelpers)


COMMANDS = {
    "upload": _cmd_upload,
    "models": _cmd_models,
    "history": _cmd_history,
    "keys": _cmd_keys,
    "spend": _cmd_spend,
    "converse": _cmd_converse,
    "batch": _cmd_batch,
    "compare": _cmd_compare,
}
