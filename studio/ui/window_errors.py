"""The main window's error bar: a failed job's advice, its one action (the key, the
settings, the prompt, another model) and Retry (a part of MainWindow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from studio.core.errors import ErrorKind, StudioError
from studio.ui.error_text import Action, advise
from studio.ui.labels import provider_name
from studio.ui.window_actions import WindowActions

if TYPE_CHECKING:
    from studio.jobs.queue import Job
    from studio.ui.error_bar import ErrorBar


class WindowErrors(WindowActions):
    """What the error bar says and offers (a part of MainWindow)."""

    error_bar: ErrorBar

    # MainWindow's own
    retry_job: Callable[[Job], None]

    def show_error(self, job: Job, err: StudioError) -> None:
        switch = self.model_actions.switch_for(job, err)
        if switch is not None:
            self.model_actions.offer_switch(job.provider, switch, job, err)
            return
        import html  # its entity table (~75 kB) loads with the first error, not at start

        advice = advise(err, provider_name(job.provider))
        bar = self.error_bar
        bar.job, bar.action, bar.switch = job, advice.action, None
        bar.custom = None
        # the provider's words may hold HTML (a proxy's error page): never render it
        body = html.escape(advice.text).replace("\n", "<br>")
        bar.text.setText(f"<b>{html.escape(advice.title)}</b><br>{body}")
        bar.action_button.setVisible(
            advice.action in (Action.OPEN_SETTINGS, Action.REPHRASE, Action.ADD_KEY)
        )
        self._retranslate_error_action()
        # without a key, the same job fails the same way: offer the key, not a retry
        bar.retry_button.setVisible(
            err.kind is not ErrorKind.VALIDATION and advice.action is not Action.ADD_KEY
        )
        bar.show()
        if err.status == 401:
            QTimer.singleShot(0, lambda: self.open_settings(job.provider.id))

    def _error_retry(self) -> None:
        if self.error_bar.job is not None:
            self.retry_job(self.error_bar.job)

    def _error_action(self) -> None:
        bar = self.error_bar
        if bar.action in (Action.OPEN_SETTINGS, Action.ADD_KEY) and bar.job is not None:
            self.open_settings(bar.job.provider.id)
        elif bar.action is Action.REPHRASE:
            self.compose.prompt.text.setFocus()
            self.compose.prompt.text.selectAll()
        elif bar.action is Action.SWITCH_MODEL:
            self.model_actions.run_switch()

    def _retranslate_error_action(self) -> None:
        button = self.error_bar.action_button
        if self.model_actions.retranslate_button():
            return
        if self.error_bar.action is Action.REPHRASE:
            button.setText(self.tr("Edit the prompt"))
            button.setToolTip(self.tr("Go to the prompt to rephrase it"))
        elif self.error_bar.action is Action.ADD_KEY:
            button.setText(self.tr("Add a key…"))
            button.setToolTip(self.tr("Open this provider's settings to paste its API key"))
        else:
            button.setText(self.tr("Open provider settings"))
            button.setToolTip(self.tr("Check or replace the key and address"))
