"""What the main window does about models coming and going, and about money.

- reads each provider's ``GET /models`` shutdown dates in the background (cached by
  the core, at most daily) so the picker shows the provider's own lifecycle;
- offers a job on a shut-down model to run once on its replacement (error bar);
- opens the spend view.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from studio.core import model_signals
from studio.core.errors import StudioError
from studio.core.model_signals import ProviderSignals
from studio.core.providers import Provider
from studio.jobs.op import BackgroundOp
from studio.ui.core_text import error_text
from studio.ui.error_text import Action
from studio.ui.labels import provider_name
from studio.ui.retired import (
    Switch,
    model_gone,
    retired_switch,
    switch_button_text,
    switch_text,
    switch_title,
)

if TYPE_CHECKING:
    from studio.jobs.queue import Job
    from studio.ui.main_window import MainWindow
    from studio.ui.spend_view import SpendView

log = logging.getLogger(__name__)


class ModelActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.spend_view: SpendView | None = None

    # --- lifecycle signals ---------------------------------------------------------
    def read_signals(self, provider_id: str, ask: bool = False, force: bool = False) -> None:
        """Lay the provider's shutdown dates over the picker, in the background: the
        cached answer of its GET /models, asked again (at most daily) when ``ask`` (a
        person chose the provider; ``force``: even when asked today) and the provider
        can be asked."""
        studio = self.window.studio
        provider = studio.providers().get(provider_id)
        if provider is None or not provider.models_endpoint:
            return

        def read() -> ProviderSignals | None:
            keyless = provider.needs_key and not studio.api_key(provider)
            if not ask or keyless:
                return model_signals.cached(studio.paths.data_dir, provider.id)
            try:
                return studio.lifecycle_signals(provider, force=force)
            except StudioError as exc:  # offline or refused: the last answer still holds
                log.info("no model list from %s: %s", provider.id, exc)
                return model_signals.cached(studio.paths.data_dir, provider.id)

        compose = self.window.compose
        BackgroundOp(self, read, lambda got: compose.set_signals(provider_id, got)).failure(
            lambda exc: log.warning("reading %s's model states failed: %s", provider_id, exc)
        ).run()

    def check_now(self) -> None:
        """Ask the current provider's GET /models again now (on demand)."""
        provider = self.window.compose.provider()
        if provider is not None:
            self.read_signals(provider.id, ask=True, force=True)

    # --- a shut-down model -----------------------------------------------------------
    def switch_for(self, job: Job, err: StudioError) -> Switch | None:
        """The replacement offer when ``err`` says ``job``'s retired model is gone."""
        if not model_gone(err):
            return None
        tables = self.window.compose.registry_for(job.provider)
        return retired_switch(job.request, job.provider, tables)

    def offer_switch(
        self,
        provider: Provider,
        switch: Switch,
        job: Job | None = None,
        err: StudioError | None = None,
    ) -> None:
        """Say that ``switch.old`` has shut down and offer the job on the replacement
        (under it, the provider's own words when it refused a job)."""
        bar = self.window.error_bar
        bar.job, bar.action, bar.switch = job, Action.SWITCH_MODEL, (provider, switch)
        bar.custom = None
        import html  # its entity table (~75 kB) loads when first needed, not at start

        body = html.escape(switch_text(switch))
        if err is not None:  # the provider's words may hold HTML: never render it
            body += "<br>" + html.escape(error_text(err)).replace("\n", "<br>")
        bar.text.setText(f"<b>{html.escape(switch_title(switch))}</b><br>{body}")
        bar.action_button.setVisible(True)
        self.retranslate_button()
        bar.retry_button.setVisible(False)  # the same request would be refused again
        bar.show()

    def run_switch(self) -> None:
        """Run the job once on the replacement model, and make that the composer's model."""
        window = self.window
        bar = window.error_bar
        if bar.switch is None:
            return
        provider, switch = bar.switch
        bar.switch = None
        bar.hide()
        compose = window.compose
        current = compose.provider()
        if current is not None and current.id == provider.id and compose.model() == switch.old:
            compose.set_model(switch.new)
        window.run_job(provider, switch.request)

    def retranslate_button(self) -> bool:
        """Label the error bar's action for a switch; False when it offers none."""
        bar = self.window.error_bar
        if bar.action is not Action.SWITCH_MODEL or bar.switch is None:
            return False
        bar.action_button.setText(switch_button_text(bar.switch[1]))
        bar.action_button.setToolTip(self.tr("Send this job once more, on the replacement model"))
        return True

    # --- money ---------------------------------------------------------------------------
    def open_spend(self) -> None:
        """The spend view (one window; raised again when already open)."""
        from studio.ui.spend_view import SpendView

        view = self.spend_view
        if view is not None and view.isVisible():
            view.reload()
            view.raise_()
            view.activateWindow()
            return
        history = self.window.studio.history
        names = {pid: provider_name(p) for pid, p in self.window.studio.providers().items()}
        view = SpendView(lambda by: history.spend(by=by), names, self.window)
        self.spend_view = view
        view.show()
