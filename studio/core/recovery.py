"""Recovering paid replies that dead processes left in the journal.

The rules (see :mod:`studio.core.journal` for the files):

- only entries whose owner is gone are touched; a job another process is still
  finishing is left to it;
- each entry is claimed (an exclusive lock) before it is recovered, so two
  processes starting at once never store the same reply twice;
- result links are fetched with the user's network settings (proxy, CA file),
  under the address rules, and within a time budget (the CLI's start stays short;
  the window runs this in the background);
- an entry that fails is quarantined with its reason and shown to the user, never
  retried silently at the next start;
- half-written files of dead owners are removed.

The start-up cost depends on the number of pending entries of dead processes
(usually none), not on the size of the journal: quarantined replies are not read.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from studio.core.addresses import LinkPolicy
from studio.core.cancel import CancelToken, Deadline
from studio.core.errors import StudioError
from studio.core.journal import (
    OWNERS,
    Journal,
    JournalEntry,
    _try_lock,
    owner_alive,
    owner_name,
    remove_dead_owner,
)
from studio.core.request import ImageRequest, Mode
from studio.core.result import ImageResult

if TYPE_CHECKING:
    from studio.core.history.store import HistoryStore
    from studio.core.http import HttpSettings

log = logging.getLogger(__name__)

CLAIMS = ".claims"


@dataclass
class RecoveryReport:
    """What replaying the journal at start did."""

    recovered: int = 0
    quarantined: list[JournalEntry] = field(default_factory=list)
    #: entries a running process owns (left to it)
    live: int = 0
    #: entries not tried because the time budget ran out (tried at the next start)
    left: int = 0
    #: half-written files of dead processes removed
    cleaned: int = 0


def _legacy_writer_alive(meta: dict[str, Any]) -> bool:
    """An entry from before owners: is the process id it names still running?"""
    from studio.core.history.liveness import pid_alive, process_start_token

    pid = meta.get("pid")
    if not isinstance(pid, int) or pid == os.getpid() or not pid_alive(pid):
        return False
    token = meta.get("pid_start")
    return token is None or process_start_token(pid) == token


def _owned_by_live_process(journal: Journal, meta: dict[str, Any]) -> bool:
    owner = meta.get("owner")
    if owner is None:
        return _legacy_writer_alive(meta)
    return owner_alive(journal.dir, owner)


@contextlib.contextmanager
def _claim(journal: Journal, entry: JournalEntry) -> Any:
    """Yield True while this process alone holds ``entry`` (False: another one has it)."""
    folder = journal.dir / CLAIMS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry.id}.lock"
    fh: IO[bytes] = open(path, "a+b")  # noqa: SIM115 - closed below
    try:
        if not _try_lock(fh):
            yield False
            return
        yield entry.meta_path.exists()  # gone: another process finished it meanwhile
        with contextlib.suppress(OSError):
            path.unlink()
    finally:
        fh.close()


def downloader(http: HttpSettings, meta: dict[str, Any], cancel: CancelToken) -> Any:
    """Fetch result links with the user's network settings, without any key."""
    from studio.core.http import download, make_client

    policy = LinkPolicy(allow_local=meta.get("local_links") is True)

    def fetch(url: str) -> bytes:
        with make_client(http) as client:
            return download(
                client, url, cancel=cancel, max_bytes=http.max_body_bytes, policy=policy
            )

    return fetch


def _protocol(meta: dict[str, Any]) -> str:
    from studio.core.providers import DEFAULT_PROTOCOL

    protocol = meta.get("protocol")
    return protocol if isinstance(protocol, str) and protocol else DEFAULT_PROTOCOL


def readable(meta: dict[str, Any]) -> bool:
    """Does this version speak the entry's protocol (else it is kept for one that does)?"""
    from studio.core.provider_client import protocol_spec

    return protocol_spec(_protocol(meta)) is not None


def recover_entry(entry: JournalEntry, http: HttpSettings, cancel: CancelToken) -> ImageResult:
    """The entry's images; the images protocol's links are fetched with ``http``."""
    from studio.core.provider_client import protocol_spec
    from studio.core.providers import DEFAULT_PROTOCOL
    from studio.core.responses import recover

    meta = entry.meta()
    protocol = _protocol(meta)
    spec = protocol_spec(protocol)
    if spec is None:
        raise ValueError(f"the reply is of an unknown protocol {protocol!r}")
    if protocol == DEFAULT_PROTOCOL:
        return recover(entry, download=downloader(http, meta, cancel))
    return spec.recover(entry)


def store(history: HistoryStore, meta: dict[str, Any], result: ImageResult) -> int:
    """Put a recovered result into the job it belongs to (or a new "recovered" job)."""
    job_id = meta.get("job_id")
    if not isinstance(job_id, int) or history.get_job(job_id) is None:
        try:
            mode = Mode(meta.get("mode", "generate"))
        except ValueError:
            mode = Mode.GENERATE
        job_id = history.start_job(
            provider_id=str(meta.get("provider_id", "unknown")),
            provider_name=str(meta.get("provider_id", "unknown")),
            request=ImageRequest(mode, str(meta.get("model", "")), str(meta.get("prompt", ""))),
            source="recovered",
        )
    history.finish_job(job_id, result, timings={"recovered": 1.0})
    return job_id


def _clean_leftovers(journal: Journal) -> int:
    """Temp files of interrupted writes whose owner is gone."""
    cleaned = 0
    for path in journal.leftovers():
        # ".<time>-<owner pid>-<owner id>-<n>.json.XXXX.tmp"
        parts = path.name.lstrip(".").split("-")
        owner = f"{parts[1]}-{parts[2]}" if len(parts) > 3 else None
        if owner is not None and owner_alive(journal.dir, owner):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            cleaned += 1
    return cleaned


def recover_journal(
    journal: Journal,
    history: HistoryStore,
    http: HttpSettings,
    *,
    budget: float | None = None,
    cancel: CancelToken | None = None,
) -> RecoveryReport:
    """Recover what dead processes left; see the module's rules."""
    report = RecoveryReport()
    token = CancelToken()
    if cancel is not None:
        cancel.add_closer(token.cancel)
    me = owner_name(journal.dir) if journal.dir.is_dir() else None
    deadline = Deadline(token, budget if budget is not None else http.job_deadline)
    owners_seen: set[str] = set()
    with deadline:
        for entry in journal.entries():
            try:
                meta = entry.meta()
            except (OSError, ValueError):
                continue  # a meta being written right now, or unreadable: left alone
            owner = meta.get("owner")
            if isinstance(owner, str):
                owners_seen.add(owner)
            if owner == me or _owned_by_live_process(journal, meta):
                report.live += 1
                continue
            if token.cancelled or not readable(meta):
                report.left += 1  # not tried now (or kept for a version that reads it)
                continue
            with _claim(journal, entry) as mine:
                if not mine:
                    continue
                if not entry.complete(meta):
                    entry.remove()  # the process died while writing it: nothing whole to keep
                    report.cleaned += 1
                    continue
                try:
                    result = recover_entry(entry, http, token)
                except (StudioError, OSError, ValueError) as exc:
                    err = deadline.explain(exc) if isinstance(exc, StudioError) else exc
                    log.warning("could not recover journal entry %s: %s", entry.id, err)
                    report.quarantined.append(journal.quarantine(entry, str(err)))
                    continue
                store(history, meta, result)
                entry.remove()
                report.recovered += 1
    report.cleaned += _clean_leftovers(journal)
    folder = journal.dir / OWNERS
    if folder.is_dir():
        for lock in folder.glob("*.lock"):
            name = lock.name[: -len(".lock")]
            if name != me and name not in owners_seen and not owner_alive(journal.dir, name):
                remove_dead_owner(journal.dir, name)
    return report


def retry_quarantined(
    journal: Journal,
    history: HistoryStore,
    http: HttpSettings,
    entry: JournalEntry,
    cancel: CancelToken | None = None,
) -> int:
    """Try a quarantined entry once more (the user asked); returns the history job id.

    On failure the entry stays in quarantine with the new reason and the error is raised.
    """
    token = cancel or CancelToken()
    meta = entry.meta()
    with Deadline(token, http.job_deadline) as deadline:
        try:
            result = recover_entry(entry, http, token)
        except StudioError as err:
            err = deadline.explain(err)
            journal.quarantine(entry, str(err))
            raise err from None
    job_id = store(history, meta, result)
    entry.remove()
    return job_id


def quarantined(journal: Journal) -> list[JournalEntry]:
    return journal.quarantined()


def discard(entry: JournalEntry) -> None:
    entry.remove()


def raw_reply(entry: JournalEntry) -> Path:
    return entry.body_path
