"""``image-studio batch`` and ``image-studio compare``: groups of ordinary jobs.

Both print one line per member as it finishes (JSON with ``--json``) and a summary
line last. Exit codes: 0 when every member succeeded; 4 when a member failed on the
network or was interrupted; else 3 when members failed otherwise (provider errors,
members a spend cap or a cancel skipped); else 2 when the request or the values were
refused before anything was sent, or when the only failures are targets refused here
before anything was sent to them (a model that cannot edit, a prompt over a model's
limit); 130 interrupted. The summary says which members failed and why, and names
the refused targets with the reason.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.cli_text import (
    error_message,
    pad,
    phrase,
    status_word,
    stored_message,
    translate,
)
from studio.core.errors import ErrorKind

if TYPE_CHECKING:
    from studio.core.batch import BatchRunner, MemberDone
    from studio.core.history.groups import Group, GroupKind
    from studio.core.service import Studio

EXIT_OK, EXIT_USAGE, EXIT_PROVIDER, EXIT_NETWORK = 0, 2, 3, 4
EXIT_INTERRUPTED = 130


def _params(args: argparse.Namespace, parse_param: Any) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if args.size:
        params["size"] = args.size
    if args.quality:
        params["quality"] = args.quality
    for item in args.param or []:
        key, value = parse_param(item)
        params[key] = value
    return params


def _read_values(name: str) -> bytes:
    from studio.core.templates import MAX_TABLE_BYTES, TemplateError, read_values_file

    if name != "-":
        return read_values_file(Path(name))
    data = sys.stdin.buffer.read(MAX_TABLE_BYTES + 1)
    if len(data) > MAX_TABLE_BYTES:
        mb = MAX_TABLE_BYTES // (1024 * 1024)
        raise TemplateError(translate("cli", "the values are larger than {mb} MB").format(mb=mb))
    return data


class _Printer:
    """Prints each finished member (from worker threads, one line at a time)."""

    def __init__(self, as_json: bool, group_id: int) -> None:
        self.as_json = as_json
        self.group_id = group_id
        self._lock = threading.Lock()

    def member(self, done: MemberDone) -> None:
        from studio.core.group_spend import target_currency

        m = done.member
        line: dict[str, Any] = {
            "group_id": self.group_id,
            "member": m.idx,
            "state": m.state.value,
            "prompt": m.prompt,
            "model": m.target.get("model"),
            "provider": m.target.get("provider"),
            "history_id": m.job_id,
            "images": list(done.paths),
            "estimate": m.estimate,
            "cost": m.cost,
            # the estimate's currency (the model's), and the cost's (its job's)
            "currency": target_currency(m.target),
            "cost_currency": (m.cost_currency or target_currency(m.target))
            if m.cost is not None
            else None,
            "error": done.error.to_json() if done.error is not None else m.error,
        }
        if self.as_json:
            text = json.dumps(line, ensure_ascii=False)
        else:
            err = line["error"]
            why = f" ({_error_words(done, err)})" if isinstance(err, dict) else ""
            state = status_word(m.state.value)
            text = f"#{m.idx} {pad(state, 11)} {m.target.get('model')}  {m.prompt[:60]}{why}"
            text += "".join(f"\n    {p}" for p in done.paths)
        from studio.core.request import printable

        with self._lock:
            print(printable(text), flush=True)


def _summary(group: Group, as_json: bool, spent: dict[str, float], *, stopped: bool = False) -> int:
    """Print the summary line (``spent`` per currency, never added together) and return
    the exit code (130 when Ctrl+C ``stopped`` the run)."""
    from studio.core.history.groups import MemberState
    from studio.core.money import amounts_text
    from studio.core.providers import SANDBOX_ID
    from studio.core.request import printable

    counts = group.counts()
    failed = [m for m in group.members if m.state is not MemberState.SUCCEEDED]
    refused = [m for m in failed if _refused_here(m)]
    others = [m for m in failed if not _refused_here(m)]
    network = any(
        m.state is MemberState.INTERRUPTED
        or (m.error or {}).get("kind") in (ErrorKind.NETWORK.value, "interrupted")
        for m in others
    )
    # a target refused before anything was sent to it is a validation problem (2), as a
    # single job's would be; what went wrong after sending says more and wins
    code = EXIT_NETWORK if network else EXIT_PROVIDER if others else EXIT_OK
    if code == EXIT_OK and refused:
        code = EXIT_USAGE
    if stopped:  # by Ctrl+C (or SIGTERM): no answer of the provider's
        code = EXIT_INTERRUPTED
    simulated = all(m.target.get("provider") == SANDBOX_ID for m in group.members)
    currency = next(iter(spent)) if len(spent) == 1 else None
    spent_text = amounts_text(spent)
    payload = {
        "summary": True,
        "ok": not failed,
        "group_id": group.id,
        "kind": group.kind.value,
        "status": group.status.value,
        "total": len(group.members),
        "succeeded": counts.get("succeeded", 0),
        "failed": [_failure(m) for m in failed],
        # the targets refused before anything was sent to them, and why
        "refused": [_failure(m) for m in refused],
        "counts": counts,
        # what the members count as spent in each currency; "spent" is the amount in the
        # one "currency" (both null when members are priced in several)
        "spent_by_currency": {c: round(amount, 6) for c, amount in spent.items()},
        "currency": currency,
        "spent": round(spent[currency], 6) if currency is not None else None if spent else 0.0,
        # the built-in sandbox prices its members at the models' rates, charged by nobody
        "simulated": simulated,
        "exit_code": code,
    }
    if as_json:
        print(json.dumps(payload, ensure_ascii=False), flush=True)
    else:
        print(_summary_line(group, payload, spent_text, simulated), flush=True)
        for m in refused:
            target = translate("cli", "{model} on {provider}").format(
                model=m.target.get("model"), provider=m.target.get("provider")
            )
            reason = stored_message(m.error) or translate("cli", "refused")
            refused_word = translate("cli", "refused (nothing sent): {target}: {reason}")
            print(printable("  " + refused_word.format(target=target, reason=reason)), flush=True)
        if failed and group.kind.value == "batch":
            go_on = translate("cli", "continue it with: {command}")
            command = f"image-studio batch --resume {group.id}"
            print("  " + go_on.format(command=command), flush=True)
        elif any(m.state is MemberState.QUEUED for m in group.members):
            rest = translate("cli", "send the rest with: {command}")
            command = f"image-studio compare --resume {group.id}"
            print("  " + rest.format(command=command), flush=True)
    return code


def _summary_line(group: Group, payload: dict[str, Any], spent_text: str, simulated: bool) -> str:
    """``batch 7: 3 of 4 succeeded (finished), spent about 0.12 USD`` in words."""
    head = (
        translate("cli", "batch {id}: {done} of {total} succeeded ({status}), {spent}")
        if group.kind.value == "batch"
        else translate("cli", "comparison {id}: {done} of {total} succeeded ({status}), {spent}")
    )
    if not spent_text:
        spent = translate("cli", "nothing spent")
    elif simulated:
        spent = translate("cli", "{amount} simulated (the sandbox charges nothing)")
    else:
        spent = translate("cli", "spent about {amount}")
    return head.format(
        id=group.id,
        done=payload["succeeded"],
        total=payload["total"],
        status=status_word(group.status.value),
        spent=spent.format(amount=spent_text),
    )


def _error_words(done: MemberDone, stored: dict[str, Any]) -> str:
    """Why a member failed, in the user's language where the studio said it."""
    return error_message(done.error) if done.error is not None else stored_message(stored)


def _refused_here(member: Any) -> bool:
    """Refused before anything was sent to its target: by the plan (``refused``) or by
    validation when its turn came (the request, or the group's pictures, unusable)."""
    from studio.core.history.groups import MemberState

    if member.state is MemberState.REFUSED:
        return True
    error = member.error or {}
    return (
        member.state is MemberState.FAILED
        and error.get("kind") == ErrorKind.VALIDATION.value
        and error.get("maybe_processed") is False
    )


def _failure(member: Any) -> dict[str, Any]:
    return {
        "member": member.idx,
        "state": member.state.value,
        "model": member.target.get("model"),
        "provider": member.target.get("provider"),
        "reason": (member.error or {}).get("message"),
    }


def _refused_values(err: Exception, as_json: bool) -> int:
    from studio.core.templates import TemplateError

    assert isinstance(err, TemplateError)
    if as_json:
        error = {
            "kind": "validation",
            "message": err.message,
            "status": None,
            "code": "bad_values",
            "bad_rows": err.to_json()["bad_rows"],
            "bad_count": err.bad_count,
        }
        print(json.dumps({"ok": False, "error": error}, ensure_ascii=False), flush=True)
    else:
        message = err.message if err.text is None else phrase(err.text)
        refused = translate("cli", "error: {reason} (nothing was sent)")
        print(refused.format(reason=message), file=sys.stderr)
        line = translate("cli", "line {line}: {reason}")
        for row in err.bad_rows:
            reason = row.reason if row.text is None else phrase(row.text)
            print("  - " + line.format(line=row.line, reason=reason), file=sys.stderr)
        more = err.bad_count - len(err.bad_rows)
        if more > 0:
            print("  " + translate("cli", "... and {n} more").format(n=more), file=sys.stderr)
    return EXIT_USAGE


def _one_currency(members: Any, max_cost: float | None, helpers: Any) -> None:
    """A spend cap counts one currency: refused (exit 2, nothing sent) for members priced
    in several."""
    if max_cost is None:
        return
    from studio.core.group_spend import group_currencies

    currencies = group_currencies(members)
    if len(currencies) > 1:
        raise helpers.usage(
            translate(
                "cli",
                "--max-cost is counted in one currency, but these targets are priced in "
                "{currencies}: run them without --max-cost, or compare the targets of each "
                "currency in a run of its own (nothing was sent)",
            ).format(currencies=translate("cli", " and ").join(currencies))
        )


def _cap(args: argparse.Namespace, stored: float | None) -> float | None:
    """The spend cap a run keeps: ``--max-cost`` when given, else the stored one."""
    return args.max_cost if args.max_cost is not None else stored


class _StopThenCancel:
    """What Ctrl+C (or SIGTERM) does to a batch or comparison: the first stops it (the
    members being sent finish and are kept, the rest stays queued for ``--resume``, so
    nothing paid for is lost or sent twice); a second cancels those in flight."""

    def __init__(self, runner: BatchRunner) -> None:
        self.runner = runner
        self.stopped = False

    def cancel(self) -> None:
        if self.stopped:
            self.runner.cancel()
            return
        self.stopped = True
        self.runner.stop()
        print(
            translate(
                "cli",
                "stopping: the members being sent finish and are kept, the rest waits for "
                "--resume (Ctrl+C again cancels those being sent)",
            ),
            file=sys.stderr,
            flush=True,
        )

    @property
    def cancelled(self) -> bool:
        return self.runner.cancelled


def _run(studio: Studio, runner: BatchRunner, as_json: bool) -> int:
    from studio.cli import _run_in_thread

    stop = _StopThenCancel(runner)
    group = _run_in_thread(runner.run, stop)
    spent = runner.progress().spent_by_currency
    return _summary(group, as_json, spent, stopped=stop.stopped)


def cmd_batch(studio: Studio, args: argparse.Namespace, helpers: Any) -> int:
    from studio.core.batch import (
        DEFAULT_CONCURRENCY,
        BatchRunner,
        Target,
        plan_batch,
        resume_limits,
        start_group,
    )
    from studio.core.history.groups import GroupKind
    from studio.core.templates import TemplateError

    if args.resume is not None:
        if args.image or args.mask:
            raise helpers.usage(
                translate("cli", "batch --resume takes no --image or --mask: it has its own")
            )
        group = _unfinished(studio, args.resume, GroupKind.BATCH, helpers)
        group_id = group.id
        concurrency, max_cost = resume_limits(group)
        _one_currency(group.members, _cap(args, max_cost), helpers)
    else:
        if not (args.template or "").strip() or not args.values or not args.model:
            raise helpers.usage(
                translate(
                    "cli", "batch needs a TEMPLATE, --values FILE and --model (or --resume ID)"
                )
            )
        helpers.utf8(args.template, "template")
        if args.mask and not args.image:
            raise helpers.usage(translate("cli", "--mask needs the --image it applies to"))
        provider = helpers.pick_provider(studio, args)
        target = Target(provider, args.model, _params(args, helpers.parse_param))
        concurrency, max_cost = args.concurrency or DEFAULT_CONCURRENCY, args.max_cost
        spec: dict[str, Any] = {
            "concurrency": concurrency,
            "max_cost": max_cost,
            "values": args.values,
        }
        inputs = _edit_inputs(args)
        try:
            values = _read_values(args.values)
            members = plan_batch(studio, args.template.strip(), values, target, inputs)
        except TemplateError as err:
            return _refused_values(err, args.json)
        _one_currency(members, max_cost, helpers)
        if inputs is not None:
            from studio.core.group_inputs import SPEC_KEY, store_inputs

            spec[SPEC_KEY] = store_inputs(studio.paths.group_inputs_dir, inputs)
        group_id = start_group(studio, GroupKind.BATCH, args.template.strip(), spec, members)
    printer = _Printer(args.json, group_id)
    runner = BatchRunner(
        studio,
        group_id,
        concurrency=args.concurrency or concurrency,
        max_cost=_cap(args, max_cost),
        on_member=printer.member,
        source="cli",
    )
    try:
        return _run(studio, runner, args.json)
    except RuntimeError as exc:  # another live process runs it
        raise helpers.usage(str(exc)) from None


def _targets(studio: Studio, args: argparse.Namespace, helpers: Any) -> list[Any]:
    from studio.core.batch import Target

    params = _params(args, helpers.parse_param)
    default = helpers.pick_provider(studio, args)
    out = []
    for spec in args.target:
        model, _, provider_id = spec.partition("@")
        if not model.strip():
            raise helpers.usage(
                translate("cli", "--target {spec} names no model").format(spec=repr(spec))
            )
        if provider_id:
            sub = argparse.Namespace(
                **{**vars(args), "provider": provider_id.strip(), "base_url": None}
            )
            provider = helpers.pick_provider(studio, sub)
        else:
            provider = default
        out.append(Target(provider, model.strip(), dict(params)))
    return out


def _edit_inputs(args: argparse.Namespace) -> Any:
    """``--image``/``--mask`` as what every target edits (None: a comparison from the prompt)."""
    if not args.image:
        return None
    from studio.cli_images import load_input_images
    from studio.core.group_inputs import EditInputs

    images, mask, _markup = load_input_images(args)
    return EditInputs(images, mask)


def _unfinished(studio: Studio, group_id: int, kind: GroupKind, helpers: Any) -> Group:
    """The group ``--resume`` names, when it is of ``kind`` (else exit 2, saying which
    command resumes it)."""
    from studio.core.history.groups import GroupStore

    group = GroupStore(studio.history).get(group_id)
    if group is None:
        missing = (
            translate("cli", "there is no batch {id} in the history")
            if kind.value == "batch"
            else translate("cli", "there is no comparison {id} in the history")
        )
        raise helpers.usage(missing.format(id=group_id))
    if group.kind is not kind:
        other = (
            translate("cli", "{id} is a batch: {command} continues it")
            if group.kind.value == "batch"
            else translate("cli", "{id} is a comparison: {command} continues it")
        )
        command = f"image-studio {group.kind.value} --resume {group_id}"
        raise helpers.usage(other.format(id=group_id, command=command))
    return group


def cmd_compare(studio: Studio, args: argparse.Namespace, helpers: Any) -> int:
    from studio.core.batch import BatchRunner, plan_compare, resume_limits, start_group
    from studio.core.group_inputs import SPEC_KEY, store_inputs
    from studio.core.history.groups import GroupKind

    if args.resume is not None:
        if args.prompt or args.target or args.image or args.mask:
            raise helpers.usage(
                translate(
                    "cli",
                    "compare --resume takes no PROMPT, --target, --image or --mask: it has its own",
                )
            )
        group = _unfinished(studio, args.resume, GroupKind.COMPARE, helpers)
        group_id = group.id
        concurrency, max_cost = resume_limits(group)
        _one_currency(group.members, _cap(args, max_cost), helpers)
    else:
        prompt = (helpers.utf8(args.prompt, "prompt") or "").strip()
        if not prompt:
            raise helpers.usage(translate("cli", "a PROMPT is required (or --resume ID)"))
        if len(args.target) < 2:
            raise helpers.usage(translate("cli", "compare needs two or more --target"))
        if args.mask and not args.image:
            raise helpers.usage(translate("cli", "--mask needs the --image it applies to"))
        targets = _targets(studio, args, helpers)
        inputs = _edit_inputs(args)
        members = plan_compare(studio, prompt, targets, inputs)
        concurrency, max_cost = args.concurrency or len(targets), args.max_cost
        _one_currency(members, max_cost, helpers)
        spec: dict[str, Any] = {
            "targets": [t.to_json() for t in targets],
            "concurrency": concurrency,
            "max_cost": max_cost,
        }
        if inputs is not None:
            spec[SPEC_KEY] = store_inputs(studio.paths.group_inputs_dir, inputs)
        group_id = start_group(studio, GroupKind.COMPARE, prompt, spec, members)
    printer = _Printer(args.json, group_id)
    runner = BatchRunner(
        studio,
        group_id,
        concurrency=args.concurrency or concurrency,
        max_cost=_cap(args, max_cost),
        on_member=printer.member,
        source="cli",
    )
    try:
        return _run(studio, runner, args.json)
    except RuntimeError as exc:  # another live process runs it
        raise helpers.usage(str(exc)) from None
