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

from studio.cli_parser import bounded_int
from studio.core.errors import ErrorKind

if TYPE_CHECKING:
    from studio.core.batch import BatchRunner, MemberDone
    from studio.core.history.groups import Group, GroupKind
    from studio.core.service import Studio

EXIT_OK, EXIT_USAGE, EXIT_PROVIDER, EXIT_NETWORK = 0, 2, 3, 4
EXIT_INTERRUPTED = 130


def _money(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount") from None
    if not 0 < value < 1e9:
        raise argparse.ArgumentTypeError("must be a positive amount")
    return value


def _concurrency(text: str) -> int:
    from studio.core.batch import MAX_CONCURRENCY  # read when given, not when parsing starts

    return bounded_int(1, MAX_CONCURRENCY)(text)


def _params_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("image parameters (the same for every member)")
    g.add_argument("--size", help="WxH, e.g. 1024x1024 (or auto)")
    g.add_argument("--quality", help="auto, low, medium, high, ...")
    g.add_argument(
        "--param",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="another field of the request (JSON value or string)",
    )
    p.add_argument(
        "--concurrency",
        type=_concurrency,
        default=None,
        help="requests at once per provider (default 2)",
    )
    p.add_argument(
        "--max-cost",
        type=_money,
        help="stop before a member whose estimate would pass this (in the model's currency)",
    )
    p.add_argument("--json", action="store_true", help="one JSON line per member, then a summary")


def add_parsers(sub: Any, provider_options: Any) -> None:
    batch = sub.add_parser("batch", help="run a prompt template over a table of values")
    batch.add_argument(
        "template", nargs="?", metavar="TEMPLATE", help='e.g. "a {animal} in {style}"'
    )
    batch.add_argument(
        "--values",
        metavar="FILE",
        help="CSV or TSV with a header row, or one value per line for one variable ('-': stdin)",
    )
    batch.add_argument("--model", help="model id")
    _edit_options(batch, "every member edits this image (repeat for several)")
    batch.add_argument(
        "--resume", type=bounded_int(1), metavar="BATCH_ID", help="continue an unfinished batch"
    )
    provider_options(batch)
    _params_options(batch)

    cmp = sub.add_parser("compare", help="send one prompt to several models or providers")
    cmp.add_argument("prompt", nargs="?", metavar="PROMPT")
    cmp.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="MODEL[@PROVIDER]",
        help="a model (on a provider: its id); give two or more",
    )
    _edit_options(cmp, "compare edits: every target edits this image (repeat for several)")
    cmp.add_argument(
        "--resume",
        type=bounded_int(1),
        metavar="COMPARE_ID",
        help="send the targets of an unfinished comparison that were never sent",
    )
    provider_options(cmp)
    _params_options(cmp)


def _edit_options(parser: argparse.ArgumentParser, image_help: str) -> None:
    """``--image`` and ``--mask``: the group edits these instead of generating."""
    parser.add_argument("--image", action="append", type=Path, metavar="FILE", help=image_help)
    parser.add_argument(
        "--mask", type=Path, metavar="FILE", help="with --image: the mask every member uses"
    )


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
        raise TemplateError(f"the values are larger than {MAX_TABLE_BYTES // (1024 * 1024)} MB")
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
            why = f" ({err.get('message')})" if isinstance(err, dict) else ""
            text = f"#{m.idx} {m.state.value:<11} {m.target.get('model')}  {m.prompt[:60]}{why}"
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
        print(
            f"{group.kind.value} {group.id}: {payload['succeeded']} of {payload['total']} "
            f"succeeded ({group.status.value}), "
            + (
                "nothing spent"
                if not spent_text
                else f"{spent_text} simulated (the sandbox charges nothing)"
                if simulated
                else f"spent about {spent_text}"
            ),
            flush=True,
        )
        for m in refused:
            target = f"{m.target.get('model')} on {m.target.get('provider')}"
            reason = (m.error or {}).get("message") or "refused"
            print(printable(f"  refused (nothing sent): {target}: {reason}"), flush=True)
        if failed and group.kind.value == "batch":
            print(f"  continue it with: image-studio batch --resume {group.id}", flush=True)
        elif any(m.state is MemberState.QUEUED for m in group.members):
            print(f"  send the rest with: image-studio compare --resume {group.id}", flush=True)
    return code


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
        print(f"error: {err.message} (nothing was sent)", file=sys.stderr)
        for row in err.bad_rows:
            print(f"  - {row}", file=sys.stderr)
        more = err.bad_count - len(err.bad_rows)
        if more > 0:
            print(f"  ... and {more} more", file=sys.stderr)
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
            f"--max-cost is counted in one currency, but these targets are priced in "
            f"{' and '.join(currencies)}: run them without --max-cost, or compare the targets"
            " of each currency in a run of its own (nothing was sent)"
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
            "stopping: the members being sent finish and are kept, the rest waits for "
            "--resume (Ctrl+C again cancels those being sent)",
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
            raise helpers.usage("batch --resume takes no --image or --mask: it has its own")
        group = _unfinished(studio, args.resume, GroupKind.BATCH, helpers)
        group_id = group.id
        concurrency, max_cost = resume_limits(group)
        _one_currency(group.members, _cap(args, max_cost), helpers)
    else:
        if not (args.template or "").strip() or not args.values or not args.model:
            raise helpers.usage(
                "batch needs a TEMPLATE, --values FILE and --model (or --resume ID)"
            )
        helpers.utf8(args.template, "template")
        if args.mask and not args.image:
            raise helpers.usage("--mask needs the --image it applies to")
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
            raise helpers.usage(f"--target {spec!r} names no model")
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
        raise helpers.usage(f"there is no {kind.value} {group_id} in the history")
    if group.kind is not kind:
        raise helpers.usage(
            f"{group_id} is a {group.kind.value}: image-studio {group.kind.value}"
            f" --resume {group_id} continues it"
        )
    return group


def cmd_compare(studio: Studio, args: argparse.Namespace, helpers: Any) -> int:
    from studio.core.batch import BatchRunner, plan_compare, resume_limits, start_group
    from studio.core.group_inputs import SPEC_KEY, store_inputs
    from studio.core.history.groups import GroupKind

    if args.resume is not None:
        if args.prompt or args.target or args.image or args.mask:
            raise helpers.usage(
                "compare --resume takes no PROMPT, --target, --image or --mask: it has its own"
            )
        group = _unfinished(studio, args.resume, GroupKind.COMPARE, helpers)
        group_id = group.id
        concurrency, max_cost = resume_limits(group)
        _one_currency(group.members, _cap(args, max_cost), helpers)
    else:
        prompt = (helpers.utf8(args.prompt, "prompt") or "").strip()
        if not prompt:
            raise helpers.usage("a PROMPT is required (or --resume ID)")
        if len(args.target) < 2:
            raise helpers.usage("compare needs two or more --target")
        if args.mask and not args.image:
            raise helpers.usage("--mask needs the --image it applies to")
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
