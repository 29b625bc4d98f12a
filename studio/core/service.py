"""The studio's core context and the one way a job is run.

``Studio`` bundles what every front end needs (paths, settings, capability
tables, history) and ``run_job`` is the single path a request takes:
validation against the model's table -> client -> images stored in history as
they arrive -> journal cleared. The CLI calls it on its main thread, the GUI in
a worker thread; both see the same history.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studio.core.cancel import CancelToken
from studio.core.capabilities import CapabilityRegistry, ModelCaps, load_capabilities
from studio.core.errors import ErrorKind, Problem, StudioError
from studio.core.group_jobs import GroupJobs
from studio.core.paths import Paths, resolve_paths
from studio.core.providers import SANDBOX_ID, Provider
from studio.core.request import ImageRequest

if TYPE_CHECKING:
    # a job's types load with the first job (or the window's warm-up after its first
    # paint), not before the window can paint
    from studio.core.events import ClientEvent, JobEventSink, JobOutcome
    from studio.core.history.store import HistoryStore
    from studio.core.http import HttpSettings
    from studio.core.journal import Journal, JournalEntry
    from studio.core.model_signals import ProviderSignals as ModelSignals
    from studio.core.provider_client import ProviderClient
    from studio.core.recovery import RecoveryReport
    from studio.core.responses import UploadResult
    from studio.core.settings import Settings
    from studio.core.validated import Checked, ValidatedRequest

log = logging.getLogger(__name__)

#: starts the offline sandbox (once per process) and gives its base URL. Core never imports
#: the sandbox: the front ends (the app, the ``image-studio`` entry point) hand this in.
SandboxAddress = Callable[[], str]


def _migrate_settings(
    paths: Paths, settings: Settings, capabilities: CapabilityRegistry, problems: list[str]
) -> list[Problem]:
    """Saved defaults on a retired model move to its replacement; saved at once so the
    notice is shown once (not when the settings file could not be read as it is)."""
    if not settings.default_models:  # nothing saved that could move: the module not loaded
        return []
    from studio.core.migrate import migrate_retired_defaults, migration_notice
    from studio.core.settings import save_settings

    moves = migrate_retired_defaults(settings, capabilities)
    notice = migration_notice(moves)
    if notice is None:
        return []
    if not problems:
        try:
            save_settings(paths, settings)
        except OSError as exc:
            log.warning("could not save the migrated settings: %s", exc)
    return [notice]


class Studio:
    """Everything a front end needs, opened once per process."""

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        capabilities: CapabilityRegistry,
        history: HistoryStore,
        problems: list[str],
        sandbox: SandboxAddress | None = None,
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.capabilities = capabilities
        self.history = history
        #: things a person should be told at start (broken settings, broken override)
        self.problems = problems
        #: one-time notices of this start (saved defaults moved off a shut-down model),
        #: as problems so the window can say them in its language
        self.notices: list[Problem] = []
        self._sandbox = sandbox
        #: what the last journal recovery did (None: not run in this process)
        self.last_recovery: RecoveryReport | None = None
        #: the jobs of comparisons' and batches' members this process sent
        self.group_jobs = GroupJobs()

    @classmethod
    def open(
        cls,
        home: str | os.PathLike[str] | None = None,
        *,
        recover: bool = True,
        sandbox: SandboxAddress | None = None,
    ) -> Studio:
        """Open settings, tables and history; ``sandbox`` serves the built-in sandbox provider."""
        from studio.core.history.store import HistoryStore
        from studio.core.settings import load_settings

        paths = resolve_paths(home).ensure()
        settings, problems = load_settings(paths)
        capabilities = load_capabilities(paths.capabilities_override, paths.cache_dir)
        problems = list(problems) + [str(e) for e in capabilities.override_errors]
        notices = _migrate_settings(paths, settings, capabilities, problems)
        history = HistoryStore(paths)
        studio = cls(paths, settings, capabilities, history, problems, sandbox)
        studio.notices = notices
        if recover:
            history.mark_interrupted()
            studio.recover_journal()
        return studio

    def close(self) -> None:
        from studio.core.journal import release_owner

        self.history.close()
        release_owner(self.paths.journal_dir)

    # -- providers and keys -------------------------------------------------
    def providers(self) -> dict[str, Provider]:
        from studio.core.settings import providers

        return providers(self.settings)

    def default_provider_id(self) -> str:
        chosen = self.settings.default_provider
        return chosen if chosen and chosen in self.providers() else SANDBOX_ID

    def resolve(self, provider: Provider) -> Provider:
        """The provider with a usable address (the sandbox is started on demand)."""
        if provider.is_sandbox:
            if self._sandbox is None:
                raise RuntimeError("this front end offers no sandbox: pass sandbox= to Studio")
            return provider.with_base_url(self._sandbox())
        return provider

    def api_key(self, provider: Provider) -> str | None:
        """The key ``provider`` is sent: ``$IMAGE_STUDIO_API_KEY``, a key kept for this
        session, then the keyring (see :func:`studio.core.secrets.get_key`)."""
        if not provider.needs_key:
            return None
        from studio.core.secrets import get_key

        return get_key(provider.id)

    def offers_upload(self, provider: Provider) -> bool:
        """Whether ``provider`` has an upload model (one whose table lists ``upload``)."""
        return self.capabilities.upload_model(provider.models) is not None

    def first_keyed_provider(self) -> str | None:
        """The first provider (in list order) that needs a key and has one, if any."""
        return next(
            (p.id for p in self.providers().values() if p.needs_key and self.api_key(p)), None
        )

    def any_key_configured(self) -> bool:
        """Whether any provider that needs a key has one (env, session or keyring).

        The in-memory sources are asked for every provider before the keyring is asked for
        any, so a key just added for this session counts at once however slow the keyring.
        """
        from studio.core.secrets import KEY_ENV, session_key

        keyed = [p for p in self.providers().values() if p.needs_key]
        if os.environ.get(KEY_ENV, "").strip() or any(session_key(p.id) for p in keyed):
            return True
        return any(self.api_key(p) for p in keyed)

    def http_settings(self) -> HttpSettings:
        from studio.core.http import HttpSettings

        s = self.settings
        return HttpSettings(
            connect_timeout=s.connect_timeout,
            read_timeout=s.read_timeout,
            write_timeout=s.write_timeout,
            proxy=s.proxy or None,
            ca_bundle=s.ca_bundle or None,
            max_retry_wait=s.max_retry_wait,
            job_deadline=s.job_deadline,
            stream_idle_timeout=s.stream_idle_timeout,
        )

    def client(
        self, provider: Provider, *, journal: Journal | None = None, key: str | None = None
    ) -> ProviderClient:
        """A client for the protocol ``provider``'s entry names (``images`` by default)."""
        from studio.core.provider_client import client_factory

        resolved = self.resolve(provider)
        make = client_factory(resolved)
        return make(
            resolved,
            key if key is not None else self.api_key(resolved),
            http=self.http_settings(),
            journal=journal,
            capabilities=self.capabilities,
        )

    # -- jobs ----------------------------------------------------------------
    def caps_for(self, model: str) -> ModelCaps:
        caps = self.capabilities.get(model)
        if caps is None:
            from difflib import get_close_matches

            from studio.core.wording import _either

            # a mistyped or shortened id: the ones it was most likely meant to be
            ids = self.capabilities.ids()
            near = [i for i in ids if i.startswith(model)][:3] if len(model) > 3 else []
            near = near or get_close_matches(model, ids, n=1, cutoff=0.75)
            if near:
                raise StudioError.validation(
                    [
                        Problem.of(
                            "model",
                            "'{model}' is not in the capability tables: did you mean "
                            "{near}? (A model of its own can be added to {path}.)",
                            model=model,
                            near=_either(near),
                            path=self.paths.capabilities_override,
                        )
                    ]
                )
            raise StudioError.validation(
                [
                    Problem.of(
                        "model",
                        "'{model}' is not in the capability tables. Add it to {path} to use it.",
                        model=model,
                        path=self.paths.capabilities_override,
                    )
                ]
            )
        return caps

    def check(self, request: ImageRequest) -> Checked:
        """The one validation of a request (by its model's table): the compose panel's
        live feedback and the job path both come here."""
        from studio.core.validated import check_request

        return check_request(request, self.caps_for(request.model))

    def run_job(
        self,
        provider: Provider,
        request: ImageRequest | ValidatedRequest,
        *,
        cancel: CancelToken | None = None,
        on_event: JobEventSink | None = None,
        source: str = "gui",
        key: str | None = None,
    ) -> JobOutcome:
        """Validate (unless ``request`` already was), send, store.

        Never raises a StudioError: it is in the outcome.
        """
        from studio.core.events import JobOutcome
        from studio.core.validated import ValidatedRequest

        cancel = cancel or CancelToken()
        try:
            from studio.core.provider_client import client_factory

            client_factory(provider)  # a protocol this version does not speak stops here
            valid = request if isinstance(request, ValidatedRequest) else self._validated(request)
            if provider.needs_key and not (key or self.api_key(provider)):
                raise StudioError.validation(
                    [
                        Problem.of(
                            "key",
                            "No API key for {provider}. Add one in Settings → Providers, "
                            "or set IMAGE_STUDIO_API_KEY for scripts.",
                            provider=provider.name,
                        )
                    ]
                )
        except StudioError as err:
            return JobOutcome(None, None, err)
        return self._send(provider, valid, cancel=cancel, on_event=on_event, source=source, key=key)

    def _validated(self, request: ImageRequest) -> ValidatedRequest:
        checked = self.check(request)
        if checked.valid is None:
            raise StudioError.validation(checked.problems)
        return checked.valid

    def _send(
        self,
        provider: Provider,
        valid: ValidatedRequest,
        *,
        cancel: CancelToken,
        on_event: JobEventSink | None,
        source: str,
        key: str | None,
    ) -> JobOutcome:
        request, caps = valid.request, valid.caps
        from studio.core.costs import actual_cost, estimate
        from studio.core.events import ImageArrived, JobOutcome, JobStarted

        factor = self.settings.price_factor(provider.id)
        est = estimate(request, caps, factor=factor)
        job_id = self.history.start_job(
            provider_id=provider.id,
            provider_name=provider.name,
            request=request,
            source=source,
            estimate={
                "output_tokens": est.output_tokens,
                "cost": est.cost,
                "currency": est.currency,
                "sources": list(est.sources),
                "official": est.official,
            },
        )
        if on_event:
            on_event(JobStarted(job_id))

        def forward(event: ClientEvent) -> None:
            if isinstance(event, ImageArrived):
                # a paid image goes to disk the moment it arrives
                self.history.add_image(job_id, event.image, event.position)
            if on_event:
                on_event(event)

        from studio.core.journal import JobJournal

        journal = JobJournal(self.paths.journal_dir, job_id, request.prompt, provider.protocol)
        started = time.monotonic()
        try:
            with self.client(provider, journal=journal, key=key) as client:
                result = client.run(valid, cancel=cancel, on_event=forward)
        except StudioError as err:
            record = self.history.fail_job(job_id, err)
            return JobOutcome(job_id, None, err, record)
        except OSError as exc:  # storing what arrived failed: the disk is full, or read-only
            log.warning("job %s: the result could not be stored: %s", job_id, exc)
            reason = exc.strerror or str(exc)
            if _journaled(self.paths.journal_dir, job_id):
                unstored = StudioError.of(
                    ErrorKind.NETWORK,
                    "The result could not be stored ({reason}). The reply is kept in the "
                    "journal and stored at the next start, once there is room.",
                    code="storage",
                    reason=reason,
                )
            else:  # the journal could not take it either (the same full disk)
                unstored = StudioError.of(
                    ErrorKind.NETWORK,
                    "The result could not be stored ({reason}), nor kept in the journal.",
                    code="storage",
                    reason=reason,
                )
            record = self.history.fail_job(job_id, unstored)
            return JobOutcome(job_id, None, unstored, record)
        except Exception as exc:  # a bug must not lose the job's record
            log.exception("job %s failed unexpectedly", job_id)
            unexpected = StudioError.of(
                ErrorKind.NETWORK, "Unexpected error: {reason}", reason=str(exc)
            )
            record = self.history.fail_job(job_id, unexpected)
            return JobOutcome(job_id, None, unexpected, record)
        timings = {"total_s": time.monotonic() - started}
        cost = actual_cost(result.usage, caps, factor=factor)
        record = self.history.finish_job(job_id, result, timings=timings, cost=cost)
        for entry in result.journal_entries:
            entry.remove()
        return JobOutcome(job_id, result, None, record)

    def recover_journal(self, budget: float | None = -1.0) -> int:
        """Store images from replies dead processes left (see :mod:`studio.core.recovery`);
        at most ``budget`` seconds (default: the ``recovery_budget`` setting; None: the job
        deadline, for the window's background recovery). Returns how many jobs."""
        from studio.core.journal import Journal
        from studio.core.recovery import recover_journal

        if budget is not None and budget < 0:
            budget = self.settings.recovery_budget
        report = recover_journal(
            Journal(self.paths.journal_dir), self.history, self.http_settings(), budget=budget
        )
        self.last_recovery = report
        return report.recovered

    def quarantined(self) -> list[JournalEntry]:
        """Paid replies that could not be recovered (shown to the user, never retried alone)."""
        from studio.core.journal import Journal

        return Journal(self.paths.journal_dir).quarantined()

    def retry_quarantined(self, entry: JournalEntry, cancel: CancelToken | None = None) -> int:
        from studio.core.journal import Journal
        from studio.core.recovery import retry_quarantined

        journal = Journal(self.paths.journal_dir)
        return retry_quarantined(journal, self.history, self.http_settings(), entry, cancel)

    def list_models(self, provider: Provider, cancel: CancelToken | None = None) -> list[str]:
        with self.client(provider) as client:
            return list(client.list_models(cancel=cancel))

    def list_models_with_dates(
        self, provider: Provider, cancel: CancelToken | None = None
    ) -> tuple[list[str], dict[str, str | None]]:
        """Model ids and their ``shutdown_date`` (one ``GET /models``); the dates refresh
        the provider's lifecycle cache. A protocol without dates gives none."""
        from studio.core import model_signals
        from studio.core.provider_client import ModelDates

        with self.client(provider) as client:
            if not isinstance(client, ModelDates):
                return list(client.list_models(cancel=cancel)), {}
            ids, dates = client.models_with_dates(cancel=cancel)
        try:
            model_signals.store(
                self.paths.data_dir,
                model_signals.ProviderSignals(provider.id, time.time(), dates),
            )
        except OSError as exc:
            log.warning("could not cache the model signals of %s: %s", provider.id, exc)
        return ids, dates

    def lifecycle_signals(
        self, provider: Provider, *, force: bool = False, cancel: CancelToken | None = None
    ) -> ModelSignals | None:
        """The provider's ``shutdown_date`` values: cached, refreshed at most daily or when
        ``force``d. Blocking: the window calls it on a worker."""
        from studio.core import model_signals

        return model_signals.refresh(self, provider, force=force, cancel=cancel)

    def capabilities_for(self, provider: Provider) -> CapabilityRegistry:
        """The tables as ``provider`` sees them, with its cached shutdown dates laid over
        (no network)."""
        from studio.core import model_signals

        signals = model_signals.cached(self.paths.data_dir, provider.id)
        return model_signals.registry_for(self.capabilities, signals)

    def upload(
        self,
        provider: Provider,
        *,
        file: Path | None = None,
        url: str | None = None,
        cancel: CancelToken | None = None,
    ) -> UploadResult:
        from studio.core.provider_client import Uploader

        with self.client(provider) as client:
            if not isinstance(client, Uploader):
                raise StudioError.validation(
                    [
                        Problem.of(
                            "provider",
                            "{provider} does not take uploads.",
                            provider=provider.name,
                        )
                    ]
                )
            return client.upload(file=file, url=url, cancel=cancel)


def _journaled(journal_dir: Path, job_id: int) -> bool:
    """Is a whole reply of job ``job_id`` in the journal (to be stored at the next start)?"""
    from studio.core.journal import Journal

    for entry in Journal(journal_dir).entries():
        with contextlib.suppress(OSError, ValueError):
            meta = entry.meta()
            if meta.get("job_id") == job_id and entry.complete(meta):
                return True
    return False
