"""Compare and batch: groups of ordinary jobs, run with caps (Qt-free, threads).

Every member goes through :meth:`Studio.run_job` (validation, journal, history), so
what holds for one job holds for each member. Planning checks every member before
anything is sent: a batch with a bad row or a member its model refuses is refused
whole; a compare target that cannot take the request is recorded as refused and
nothing is sent to it.

The runner persists each member's state before it acts on it: ``sending`` is written
before the job path is entered, so after a crash that member is marked interrupted
(its journal recovery applies) and never sent again by a resume.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from studio.core.cancel import CancelToken
from studio.core.errors import ErrorKind, Problem, StudioError, Text, phrase_to_json
from studio.core.events import ClientEvent, JobEvent, JobStarted
from studio.core.group_inputs import EditInputs, load_inputs
from studio.core.group_spend import (
    _charged,
    _priced,
    cap_currency,
    charged,
    group_currencies,
    members_spent,
    target_currency,
)
from studio.core.history.groups import (
    Group,
    GroupKind,
    GroupStatus,
    GroupStore,
    Member,
    MemberSpec,
    MemberState,
)
from studio.core.money import DEFAULT_CURRENCY
from studio.core.providers import AuthStyle, Provider, custom_provider
from studio.core.request import ImageRequest, Mode
from studio.core.templates import LISTED_BAD_ROWS, BadRow, Expanded, TemplateError, expand_text

if TYPE_CHECKING:
    from studio.core.service import Studio

#: members of one provider in flight at once, unless asked otherwise
DEFAULT_CONCURRENCY = 2
MAX_CONCURRENCY = 16


@dataclass(frozen=True)
class Target:
    provider: Provider
    model: str
    params: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        p = self.provider
        return {
            "provider": p.id,
            "provider_name": p.name,
            "base_url": "" if p.is_sandbox else p.base_url,
            "auth": p.auth.value,
            "model": self.model,
            "params": self.params,
        }


def target_provider(studio: Studio, target: dict[str, Any]) -> Provider:
    """The provider a stored member goes to: the configured one, at the address and
    with the auth the member was planned with (a ``--base-url`` one is rebuilt)."""
    known = studio.providers().get(str(target.get("provider", "")))
    base_url = str(target.get("base_url") or "")
    auth = AuthStyle(target.get("auth", "bearer"))
    if known is not None and (known.is_sandbox or not base_url):
        return known
    if known is not None and known.base_url == base_url and known.auth is auth:
        return known
    if not base_url:
        raise StudioError.of(
            ErrorKind.VALIDATION,
            "The provider {provider} is no longer configured.",
            provider=str(target.get("provider")),
            maybe_processed=False,
        )
    return replace(known or custom_provider(base_url), base_url=base_url, auth=auth)


def _request(prompt: str, target: dict[str, Any], inputs: EditInputs | None = None) -> ImageRequest:
    """A member's request: an edit of the group's inputs when it has them."""
    model, params = str(target["model"]), dict(target.get("params") or {})
    if inputs is not None:
        return inputs.request(model, prompt, params)
    return ImageRequest(mode=Mode.GENERATE, model=model, prompt=prompt, params=params)


def _estimate(studio: Studio, provider_id: str, request: ImageRequest) -> float | None:
    from studio.core.costs import estimate

    caps = studio.capabilities.get(request.model)
    if caps is None:
        return None
    return estimate(request, caps, factor=studio.settings.price_factor(provider_id)).cost


def problems_text(problems: Sequence[Problem]) -> Text:
    """Validation problems as one phrase ("a; b; c"), each translatable."""
    parts = [Text(p.template, p.args) if p.template else p.message for p in problems]
    text: Text | str = parts[0] if parts else ""
    for part in parts[1:]:
        text = Text.of("{a}; {b}", a=text, b=part)
    return text if isinstance(text, Text) else Text.of("{message}", message=text)


def plan_batch(
    studio: Studio,
    template: str,
    values: bytes | str,
    target: Target,
    inputs: EditInputs | None = None,
) -> list[MemberSpec]:
    """The members of a batch (each an edit of ``inputs`` when given); raises
    TemplateError (bad rows listed) before anything is sent when a row is bad or the
    model refuses a member's request."""
    caps = studio.caps_for(target.model)
    rows: list[Expanded] = expand_text(template, values, caps.prompt_max)
    members: list[MemberSpec] = []
    bad: list[BadRow] = []
    stored = _priced(studio, target.to_json())
    for row in rows:
        request = _request(row.prompt, stored, inputs)
        checked = studio.check(request)
        if checked.valid is None:
            bad.append(BadRow.of(row.line, problems_text(checked.problems)))
            continue
        estimate = _estimate(studio, target.provider.id, request)
        members.append(MemberSpec(row.prompt, stored, estimate))
    if bad:
        raise TemplateError(
            Text.of("{model} refuses some members", model=target.model),
            bad[:LISTED_BAD_ROWS],
            len(bad),
        )
    return members


def plan_compare(
    studio: Studio, prompt: str, targets: list[Target], inputs: EditInputs | None = None
) -> list[MemberSpec]:
    """One member per target (each an edit of ``inputs`` when given); a target that
    cannot take the request is refused (with the reason) and will never be sent."""
    return _plan_members(studio, prompt, [t.to_json() for t in targets], inputs)


def _plan_members(
    studio: Studio,
    prompt: str,
    targets: list[dict[str, Any]],
    inputs: EditInputs | None = None,
) -> list[MemberSpec]:
    members: list[MemberSpec] = []
    for planned in targets:
        stored = _priced(studio, planned)
        request = _request(prompt, stored, inputs)
        try:
            checked = studio.check(request)
            problems = checked.problems if checked.valid is None else []
        except StudioError as err:
            problems = err.problems or []
            if not problems:
                said = Text(err.template, err.values) if err.template else None
                members.append(MemberSpec(prompt, stored, None, err.message, said))
                continue
        if problems:
            text = problems_text(problems)
            members.append(MemberSpec(prompt, stored, None, str(text), text))
            continue
        estimate = _estimate(studio, str(stored.get("provider", "")), request)
        members.append(MemberSpec(prompt, stored, estimate))
    return members


@dataclass(frozen=True)
class MemberDone:
    """A member reached a final state (handed to ``on_member`` on a worker thread)."""

    member: Member
    error: StudioError | None
    paths: tuple[str, ...] = ()
    #: how long its job took (seconds), when it ran
    seconds: float | None = None


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    failed: int
    #: what finished members count as spent, per currency (never added together)
    spent_by_currency: dict[str, float]
    eta_s: float | None
    status: GroupStatus

    @property
    def currency(self) -> str | None:
        """The one currency the group spends in (None when several, or none)."""
        return next(iter(self.spent_by_currency)) if len(self.spent_by_currency) == 1 else None

    @property
    def spent(self) -> float | None:
        """What was spent in the one currency (0 when nothing is priced at all; None when
        members are priced in several currencies, which do not add up)."""
        if not self.spent_by_currency:
            return 0.0
        currency = self.currency
        return None if currency is None else self.spent_by_currency[currency]


class BatchRunner:
    """Runs a group's queued members with a per-provider concurrency cap and an
    optional spend cap; pause, resume and cancel from any thread."""

    def __init__(
        self,
        studio: Studio,
        group_id: int,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        max_cost: float | None = None,
        on_member: Callable[[MemberDone], None] | None = None,
        on_event: Callable[[int, JobEvent], None] | None = None,
        source: str = "batch",
    ) -> None:
        self.studio = studio
        self.groups = GroupStore(studio.history)
        self.group_id = group_id
        self.concurrency = max(1, min(MAX_CONCURRENCY, concurrency))
        self.max_cost = max_cost
        self.on_member = on_member
        #: each member's job events (its index first): started, partial images, images
        self.on_event = on_event
        self.source = source
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._running = threading.Event()
        self._running.set()
        self._cancelled = False
        self._stopping = False
        self._in_flight: dict[str, int] = {}
        self._tokens: dict[int, CancelToken] = {}
        self._committed: dict[int, float] = {}
        #: what finished members count as spent, per currency
        self._spent: dict[str, float] = {}
        #: what the rest of the group spent (a retry's run counts it against the cap)
        self._rest: dict[str, float] = {}
        #: the currency the spend cap counts (the one its members are priced in)
        self._cap_currency = DEFAULT_CURRENCY
        self._done = 0
        self._failed = 0
        self._total = 0
        self._started = time.monotonic()
        #: seconds the queue was held by a pause (not counted in the time left)
        self._paused_s = 0.0
        self._held_at: float | None = None  # when the pause now holding the queue began
        self._done_before = 0  # members a resumed group had finished before this run
        self._status = GroupStatus.RUNNING
        #: set while a pause holds the queue (members in flight finish meanwhile)
        self.held = threading.Event()
        #: what a comparison of edits edits (read with the group), or why it cannot be read
        self._inputs: EditInputs | None = None
        self._inputs_error: StudioError | None = None

    # -- control (any thread) ----------------------------------------------------
    def pause(self) -> None:
        """Hold the queue (members in flight finish); the run records the pause."""
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            for token in self._tokens.values():
                token.cancel()
            self._changed.notify_all()
        self._running.set()

    def stop(self) -> None:
        """Send nothing more and keep the rest queued for a later resume (the studio is
        closing): members in flight finish, the group ends ``interrupted``."""
        with self._lock:
            self._stopping = True
            self._changed.notify_all()
        self._running.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def progress(self) -> Progress:
        with self._lock:
            left = self._total - self._done
            now = time.monotonic()
            held = self._paused_s + (now - self._held_at if self._held_at is not None else 0.0)
            elapsed = now - self._started - held  # the time it worked, not the pauses
            # members done before this run (a resumed batch) took none of its time
            ran = self._done - self._done_before
            eta = elapsed / ran * left if ran > 0 else None
            spent = dict(self._spent)
            return Progress(self._total, self._done, self._failed, spent, eta, self._status)

    # -- the run ------------------------------------------------------------------
    def run(self, only: Collection[int] | None = None) -> Group:
        """Send every queued member (blocking); returns the group as it ended.

        ``only`` runs just those queued members of a group this process already runs
        (a retry added to a comparison): the group is not claimed again, which would
        mark the members other runs are sending as interrupted.

        A spend cap on members priced in several currencies is refused (a validation
        StudioError) before the group is claimed and anything is sent."""
        if self.max_cost is not None:
            stored = self.groups.get(self.group_id)
            if stored is not None:
                self._cap_currency = cap_currency(stored.members)
        # a retry leaves the group as it was: a cancelled, capped or interrupted batch
        # stays so (its queued rest still offered for resuming), and a group another
        # run of this process is sending is left to that run
        before: GroupStatus | None = None
        if only is None:
            group = self.groups.claim(self.group_id)
        else:
            found = self.groups.get(self.group_id)
            if found is None:
                raise LookupError(f"no group {self.group_id} in the history")
            group = found
            before = group.status
            if before not in (GroupStatus.RUNNING, GroupStatus.PAUSED):
                self.groups.set_status(self.group_id, GroupStatus.RUNNING)
        try:
            self._inputs = load_inputs(self.studio.paths.group_inputs_dir, group.spec)
        except StudioError as err:  # each member fails saying so; nothing is sent
            self._inputs_error = err
        mine = [m for m in group.members if only is None or m.idx in only]
        self._rest = members_spent([m for m in group.members if m not in mine])
        queued = [m for m in mine if m.state is MemberState.QUEUED]
        with self._lock:
            self._total = len(mine)
            self._spent = dict.fromkeys(group_currencies(mine), 0.0)
            for m in mine:
                if m.state is not MemberState.QUEUED:
                    self._done += 1
                    if m.state is not MemberState.SUCCEEDED:
                        self._failed += 1
                    self._count(*charged(m))
            self._done_before = self._done
        for m in mine:
            if m.state is not MemberState.QUEUED:
                self._notify(m.idx, None)
        threads: list[threading.Thread] = []
        status = GroupStatus.FINISHED
        skipped: list[Member] = []
        for pos, member in enumerate(queued):
            if not self._running.is_set():
                with self._lock:
                    self._status = GroupStatus.PAUSED
                    self._held_at = time.monotonic()
                self.groups.set_status(self.group_id, GroupStatus.PAUSED)
                self.held.set()
                self._running.wait()
                self.held.clear()
                with self._lock:
                    self._status = GroupStatus.RUNNING
                    self._paused_s += time.monotonic() - (self._held_at or time.monotonic())
                    self._held_at = None
                self.groups.set_status(self.group_id, GroupStatus.RUNNING)
            key = str(member.target.get("provider", ""))
            with self._changed:
                while (
                    not self._cancelled
                    and not self._stopping
                    and self._in_flight.get(key, 0) >= self.concurrency
                ):
                    self._changed.wait()
                if self._cancelled:
                    status = GroupStatus.CANCELLED
                elif self._stopping:
                    status = GroupStatus.INTERRUPTED  # the rest stays queued
                    break
                elif self.max_cost is not None and self._over_cap(member):
                    status = GroupStatus.CAPPED
                if status is not GroupStatus.FINISHED:
                    skipped = queued[pos:]
                    break
                self._in_flight[key] = self._in_flight.get(key, 0) + 1
                self._committed[member.idx] = member.estimate or 0.0
                token = CancelToken()
                self._tokens[member.idx] = token
            self.groups.update_member(self.group_id, member.idx, MemberState.SENDING)
            thread = threading.Thread(
                target=self._run_member, args=(member, key, token), daemon=True
            )
            thread.start()
            # only live ones are kept: a long batch does not hold every finished thread
            threads = [t for t in threads if t.is_alive()]
            threads.append(thread)
        self._skip(skipped, status)  # outside the lock: listeners may ask for progress
        for thread in threads:
            thread.join()
        with self._lock:
            self._status = status
        if before is None:
            self.groups.set_status(self.group_id, status)
        elif before not in (GroupStatus.RUNNING, GroupStatus.PAUSED):
            # what the retry itself ended in, unless it just finished
            self.groups.set_status(
                self.group_id, before if status is GroupStatus.FINISHED else status
            )
        final = self.groups.get(self.group_id)
        assert final is not None
        return final

    def _count(self, currency: str, amount: float) -> None:
        """Add a finished member's charge to the spend in its currency (under the lock)."""
        if amount or currency in self._spent:
            self._spent[currency] = self._spent.get(currency, 0.0) + amount

    def _over_cap(self, member: Member) -> bool:
        """Whether sending ``member`` could pass the cap: what finished members cost (the
        rest of the group too, when a retry runs a few), the estimates of those in
        flight, and this one's estimate, in the cap's currency."""
        assert self.max_cost is not None
        if member.estimate is None or target_currency(member.target) != self._cap_currency:
            return True  # an unknown price (or one in another currency) cannot be capped
        currency = self._cap_currency
        spent = self._spent.get(currency, 0.0) + self._rest.get(currency, 0.0)
        committed = spent + sum(self._committed.values())
        return committed + member.estimate > self.max_cost + 1e-9

    def _skip(self, members: list[Member], status: GroupStatus) -> None:
        reason = (
            Text.of("The spend cap stopped the batch before this member.")
            if status is GroupStatus.CAPPED
            else Text.of("The batch was cancelled before this member was sent.")
        )
        # the English sentence, and the phrase a UI shows in its own language
        error = {"kind": "skipped", "message": str(reason), "text": phrase_to_json(reason)}
        for m in members:
            self.groups.update_member(self.group_id, m.idx, MemberState.SKIPPED, error=error)
            with self._lock:
                self._done += 1
                self._failed += 1
            self._notify(m.idx, None)

    def _run_member(self, member: Member, key: str, token: CancelToken) -> None:
        error: StudioError | None = None
        state = MemberState.FAILED
        cost: float | None = None
        currency = target_currency(member.target)
        job_id: int | None = None
        self.studio.group_jobs.started()
        try:
            if self._inputs_error is not None:
                raise self._inputs_error
            provider = target_provider(self.studio, member.target)

            def on_event(event: ClientEvent | JobStarted) -> None:
                if isinstance(event, JobStarted):
                    self.groups.update_member(
                        self.group_id, member.idx, MemberState.SENDING, job_id=event.job_id
                    )
                if self.on_event is not None:
                    self.on_event(member.idx, event)

            outcome = self.studio.run_job(
                provider,
                _request(member.prompt, member.target, self._inputs),
                cancel=token,
                on_event=on_event,
                source=self.source,
            )
            job_id, error = outcome.job_id, outcome.error
            if outcome.record is not None and outcome.record.cost is not None:
                cost = outcome.record.cost
                currency = outcome.record.cost_currency or currency
            if error is None:
                state = MemberState.SUCCEEDED
        except StudioError as err:
            error = err
        except Exception as exc:  # a bug must not stop the other members
            error = StudioError.of(ErrorKind.NETWORK, "Unexpected error: {reason}", reason=str(exc))
        stored = None if error is None else _stored(error)
        self.studio.group_jobs.ended(succeeded=state is MemberState.SUCCEEDED)
        self.groups.update_member(
            self.group_id, member.idx, state, job_id=job_id, cost=cost, error=stored
        )
        with self._changed:
            self._in_flight[key] -= 1
            self._committed.pop(member.idx, None)
            self._tokens.pop(member.idx, None)
            self._count(currency, _charged(cost, member.estimate, state, stored))
            self._done += 1
            self._failed += 0 if state is MemberState.SUCCEEDED else 1
            self._changed.notify_all()
        self._notify(member.idx, error)

    def _notify(self, idx: int, error: StudioError | None) -> None:
        if self.on_member is None:
            return
        member = self.groups.member(self.group_id, idx)
        if member is None:
            return
        paths: tuple[str, ...] = ()
        seconds: float | None = None
        if member.job_id is not None:
            record = self.studio.history.get_job(member.job_id)
            if record is not None:
                paths = tuple(str(i.path) for i in record.images)
                seconds = (record.timings or {}).get("total_s")
        self.on_member(MemberDone(member, error, paths, seconds))


def retry_member(studio: Studio, group_id: int, idx: int) -> int:
    """A new member of the group with ``idx``'s prompt and target, queued (or refused
    when its target cannot take the request now); returns its index. The retried
    member keeps its own job: a retry is a new job in the same group."""
    groups = GroupStore(studio.history)
    member, group = groups.member(group_id, idx), groups.get(group_id)
    if member is None or group is None:
        raise LookupError(f"no member {idx} in group {group_id}")
    inputs = load_inputs(studio.paths.group_inputs_dir, group.spec)
    (spec,) = _plan_members(studio, member.prompt, [member.target], inputs)
    return groups.add_member(group_id, spec)


def start_group(
    studio: Studio, kind: GroupKind, template: str, spec: dict[str, Any], members: list[MemberSpec]
) -> int:
    """Record a planned group (refused members already final) and return its id."""
    groups = GroupStore(studio.history)
    return groups.create(kind, template, spec, members)


def _stored(error: StudioError) -> dict[str, Any]:
    """A failed member's error as kept: the CLI's shape, and the studio's own sentence
    as a phrase a UI shows in its language."""
    out: dict[str, Any] = {**error.to_json(), "maybe_processed": error.maybe_processed}
    if any(p.field == "key" for p in error.problems):
        out["cause"] = NO_KEY_CAUSE  # refused before sending: its provider has no API key
    if error.template:
        out["text"] = phrase_to_json(Text(error.template, dict(error.values)))
    elif error.problems and all(p.template for p in error.problems):
        # a request refused before sending (no key, a bad value): its problems' sentences,
        # without the field names, so a reopened or live cell reads in the UI's language
        first, *rest = error.problems
        text = Text(first.template, dict(first.args))
        for p in rest:
            text = Text.of("{a}; {b}", a=text, b=Text(p.template, dict(p.args)))
        out["text"] = phrase_to_json(text)
    return out


#: a stored error's ``cause`` when the member's provider had no API key (nothing was sent)
NO_KEY_CAUSE = "no_key"


def refused_for_key(error: dict[str, Any] | None) -> bool:
    """Whether a member's stored ``error`` says its provider had no API key, so nothing
    was sent (and sending it again would only fail again until a key is added). Errors
    stored before the cause was kept are known by their sentence."""
    if not error:
        return False
    if error.get("cause") == NO_KEY_CAUSE:
        return True
    text = error.get("text")
    template = text.get("template") if isinstance(text, dict) else None
    return isinstance(template, str) and template.startswith("No API key for {provider}")


def resume_limits(group: Group) -> tuple[int, float | None]:
    """The concurrency and spend cap an unfinished group was started with, which its
    resume keeps (a comparison that stored none sends all its targets at once)."""
    spec = group.spec
    default = DEFAULT_CONCURRENCY
    if group.kind is GroupKind.COMPARE:
        default = max(1, len(spec.get("targets") or ()))
    concurrency = int(spec.get("concurrency") or default)
    cap = spec.get("max_cost")
    return concurrency, float(cap) if cap else None
