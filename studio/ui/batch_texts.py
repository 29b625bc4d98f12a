"""The Batch panel's target key and its words: whether the provider has a key (asked off
the UI thread) and the note that says it has none, the labels (again on a language
change), the preview of a planned batch, and the progress lines (a part of BatchPanel)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from studio.core.batch import Target
from studio.core.money import amounts_text, model_currency, money
from studio.jobs.op import BackgroundOp
from studio.ui.labels import model_name, provider_name

if TYPE_CHECKING:
    from studio.core.batch import Progress
    from studio.core.group_inputs import EditInputs
    from studio.core.history.groups import MemberSpec
    from studio.core.providers import Provider
    from studio.core.service import Studio
    from studio.ui.library.picker import LibraryPicker


class BatchTexts(QDialog):
    """The panel's target key and what it says (the first of its parts; see BatchPanel).

    No text with a count ("%n") is here: ``self.tr`` looks in BatchPanel's context
    first, and finds the untranslated text with its count filled in there."""

    studio: Studio
    target: Target
    inputs: EditInputs | None
    keyless: bool
    _busy: bool
    _members: list[MemberSpec]
    _asked: int
    _group_edits: bool
    target_label: QLabel
    key_note: QLabel
    edit_note: QLabel
    hint: QLabel
    preview: QLabel
    form_labels: list[QLabel]
    template: QLineEdit
    picker: LibraryPicker
    values: QPlainTextEdit
    concurrency: QSpinBox
    cap: QDoubleSpinBox
    start_button: QPushButton
    pause_button: QPushButton
    pictures_button: QPushButton
    retry_button: QPushButton
    cancel_button: QPushButton
    close_button: QPushButton
    _update_retry: Callable[[], None]
    #: the plan's first line, with its count (the panel's: see the class's docstring)
    _prompts_line: Callable[[int, str | None], str]

    # -- the target's key -----------------------------------------------------------
    def _ask_key(self) -> None:
        """Whether the target's provider has a key, asked off the UI thread."""
        self._asked += 1
        asked, studio, provider = self._asked, self.studio, self.target.provider

        def work() -> bool:
            return provider.needs_key and not studio.api_key(provider)

        def answered(keyless: bool) -> None:
            if asked == self._asked:
                self.keyless = keyless
                self._show_key()
                self.start_button.setEnabled(self._can_start())
                self._update_retry()

        BackgroundOp(self, work, answered).run()

    def providers_changed(self, providers: dict[str, Provider]) -> None:
        """Settings were saved (a key added or removed): the target's provider as it is
        now, and its key asked again."""
        provider = providers.get(self.target.provider.id)
        if provider is not None:
            self.target = Target(provider, self.target.model, dict(self.target.params))
        self._ask_key()

    def _show_key(self) -> None:
        provider = self.target.provider
        link = f'<a href="{html.escape(provider.id)}">{html.escape(provider_name(provider))}</a>'
        self.key_note.setText(
            self.tr(
                "No API key for %1: add one in Settings → Providers (click the name) to run"
                " this batch."
            ).replace("%1", link)
        )
        self.key_note.setVisible(self.keyless)

    def _can_start(self) -> bool:
        """A planned batch, none on its way, and a key if its provider needs one."""
        return bool(self._members) and not self._busy and not self.keyless

    # -- text -----------------------------------------------------------------------
    def _currency(self) -> str:
        """What the model is priced in: the estimates, the spend and its cap are in it."""
        return model_currency(self.studio.capabilities.get(self.target.model))

    def _planned(self, members: list[MemberSpec]) -> None:
        self._members = members
        costs = [m.estimate for m in members]
        first = "\n".join(f"  {m.prompt}" for m in members[:3])
        total: str | None = None
        if all(c is not None for c in costs):
            total = money(sum(c for c in costs if c is not None), self._currency())
        self.preview.setText(self._prompts_line(len(members), total) + "\n" + first)
        self.start_button.setEnabled(self._can_start())

    def _spent_text(self, p: Progress) -> str:
        """What the batch spent, in the currency it was priced in (each in its own, should
        a job be charged in another: amounts in two currencies never add up)."""
        return amounts_text(p.spent_by_currency) or money(0.0, self._currency())

    def _progress_text(self, p: Progress) -> str:
        spent = (
            self.tr("%1 simulated (the sandbox charges nothing)")
            if self.target.provider.is_sandbox
            else self.tr("%1 spent")
        ).replace("%1", self._spent_text(p))
        text = (
            self.tr("%1 of %2 done, %3 failed, %4")
            .replace("%1", str(p.done))
            .replace("%2", str(p.total))
            .replace("%3", str(p.failed))
            .replace("%4", spent)
        )
        if self._busy and self.pause_button.isChecked():  # no time left to promise
            text += "\n" + self.tr(
                "Paused: what is on its way finishes, nothing more is sent until you resume."
            )
        elif p.eta_s is not None and p.done < p.total:
            text += self.tr(", about %1 s left").replace("%1", f"{p.eta_s:.0f}")
        return text

    def _retranslate_pause(self) -> None:
        paused = self.pause_button.isChecked()
        self.pause_button.setText(self.tr("&Resume") if paused else self.tr("&Pause"))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Batch"))
        self.target_label.setText(
            self.tr("%1 on %2")
            .replace("%1", model_name(self.studio.capabilities, self.target.model))
            .replace("%2", provider_name(self.target.provider))
        )
        self.target_label.setToolTip(self.target.model)  # the model's id
        self._show_key()
        labels = (
            self.tr("Model:"),
            self.tr("&Template:"),
            self.tr("&Values:"),
            self.tr("&At once per provider:"),
            # %1 the currency the model is priced in (what the cap is counted in)
            self.tr("Spend &cap (%1, 0 = none):").replace("%1", self._currency()),
        )
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        fields = (self.template, self.values, self.concurrency, self.cap)
        for label, field in zip(self.form_labels[1:], fields, strict=True):
            label.setBuddy(field)
        self.hint.setText(
            self.tr(
                "Each name in braces in the template is filled from the column of that name:"
                " the first line of Values names the columns, each line after it makes one"
                " prompt."
            )
        )
        # the example's column names are words of the language shown (the values'
        # example below names the same columns), put in braces here
        animal, style = self.tr("animal"), self.tr("style")
        self.template.setPlaceholderText(
            self.tr("a %1 in %2").replace("%1", f"{{{animal}}}").replace("%2", f"{{{style}}}")
        )
        self.picker.retranslate()
        if self.values.isEnabled():  # a stored batch's box stays empty
            self.values.setPlaceholderText(
                self.tr(
                    "animal,style\ncat,oil paint\nfox,ink\n\n"
                    "(CSV or TSV with a header, or one value per line)"
                )
            )
        self.edit_note.setText(self._edit_note_text())
        self.start_button.setText(self.tr("&Start"))
        self.pictures_button.setText(self.tr("Show the P&ictures"))
        self.pictures_button.setToolTip(self.tr("List this batch's pictures in the history"))
        self.retry_button.setText(self.tr("Retr&y It"))
        self.retry_button.setToolTip(
            self.tr("Send this prompt again, as a new job in the same batch")
        )
        self.cancel_button.setText(self.tr("Cancel &batch"))
        self.close_button.setText(self.tr("C&lose"))
        self.pause_button.setCheckable(True)
        self._retranslate_pause()

    def _edit_note_text(self) -> str:
        if self._group_edits:
            return self.tr("Each prompt edited the same input images.")
        if self.inputs is None:
            return self.tr(
                "Add an input image in Edit mode first: a batch of edits sends every prompt"
                " the same picture (and its mask) to edit."
            )
        return self.tr(
            "Each prompt edits the input images (with the mask, if one is painted); a row"
            " the model cannot take stops the batch before anything is sent."
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
