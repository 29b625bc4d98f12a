"""Use the settings an image carries: what would change in the composer, and applying it.

Any image can be opened or dropped on the viewer: the metadata reader (the same as
``image-studio info``) finds its settings; this module works out which of them the
composer can take (the model must be one the tables know, each parameter must be one
the model takes on the provider) and shows them before anything changes. The image
itself can also become an edit input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from studio.core.request import Mode
from studio.ui.core_text import problem_text
from studio.ui.params_panel import acceptable

if TYPE_CHECKING:
    from studio.core.capabilities import CapabilityRegistry
    from studio.core.metadata_read import MetadataReport
    from studio.core.providers import Provider
    from studio.ui.compose_panel import ComposePanel


@dataclass
class Plan:
    """What "Use these settings" does: the target and each visible change."""

    provider_id: str | None
    model: str
    prompt: str | None
    mode: Mode | None
    params: dict[str, object] = field(default_factory=dict)
    #: (what, now, new) for the preview
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    #: (what, value) read from the file that the composer cannot take
    left_out: list[tuple[str, str]] = field(default_factory=list)
    #: the studio provider the image was made on, when it is not set up here
    missing_provider: str | None = None


def plan_for(
    report: MetadataReport,
    compose: ComposePanel,
    providers: dict[str, Provider],
    capabilities: CapabilityRegistry,
) -> Plan | None:
    """What the composer would change to take ``report``'s settings (None: it has none)."""
    found = report.settings
    if found is None:
        return None
    provider = compose.provider()
    pid = provider.id if provider is not None else None
    plan = Plan(provider_id=pid, model=compose.model(), prompt=None, mode=None)
    if found.source == "Image Studio" and found.provider in providers and found.provider != pid:
        plan.provider_id = found.provider
        provider = providers[found.provider]
        plan.changes.append(("provider", pid or "", found.provider))
    elif found.source == "Image Studio" and found.provider and found.provider not in providers:
        plan.missing_provider = found.provider
    if found.model:
        if found.model in capabilities:
            if found.model != plan.model:
                plan.changes.append(("model", plan.model, found.model))
            plan.model = found.model
        else:
            plan.left_out.append(("model", found.model))
    if found.mode == Mode.GENERATE.value and compose.mode is not Mode.GENERATE:
        plan.mode = Mode.GENERATE
        plan.changes.append(("mode", compose.mode.value, Mode.GENERATE.value))
    if found.prompt and found.prompt != compose.prompt.prompt():
        plan.prompt = found.prompt
        plan.changes.append(("prompt", compose.prompt.prompt(), found.prompt))
    wanted: dict[str, object] = dict(found.params) if found.source == "Image Studio" else {}
    # the parameters read from other tools' files (the studio's own carry all of theirs)
    read: dict[str, object] = {"size": found.size, "quality": found.quality, "seed": found.seed}
    for name, value in read.items():
        if value is not None and name not in wanted:
            wanted[name] = value
    if found.negative_prompt:
        wanted["negative_prompt"] = found.negative_prompt
    caps = capabilities.get(plan.model)
    current = compose.params.values()
    for name, value in wanted.items():
        spec = caps.params.get(name) if caps is not None else None
        if spec is None or caps is None:
            plan.left_out.append((name, str(value)))
            continue
        takes = provider is None or provider.offers(caps, spec)
        if not takes or not acceptable(spec, value):
            plan.left_out.append((name, str(value)))
            continue
        plan.params[name] = value
        if current.get(name) != value:
            now = current.get(name)
            plan.changes.append((name, "" if now is None else str(now), str(value)))
    return plan


def apply_plan(plan: Plan, compose: ComposePanel) -> None:
    if plan.provider_id is not None:
        compose.set_provider(plan.provider_id)
    compose.set_model(plan.model)
    if plan.mode is not None:
        compose.set_mode(plan.mode)
    if plan.prompt is not None:
        compose.prompt.set_prompt(plan.prompt)
    compose.params.set_values(plan.params)


class SettingsFromFileDialog(QDialog):
    """The preview: what the file says, what would change; use it, or add the image."""

    use_settings = Signal()
    use_as_input = Signal()

    def __init__(
        self, path: Path, report: MetadataReport, plan: Plan | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsFromFile")
        self.setWindowTitle(self.tr("Settings in %1").replace("%1", path.name))
        self.plan = plan
        self.summary = QLabel(self)
        self.summary.setObjectName("settingsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setText(self._summary(report, plan))
        self.buttons = QDialogButtonBox(self)
        self.use_button = None
        if plan is not None and plan.changes:
            self.use_button = self.buttons.addButton(
                self.tr("Use these settings"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.use_button.setObjectName("useSettings")
            self.use_button.clicked.connect(self._use)
        self.input_button = self.buttons.addButton(
            self.tr("Add as input image"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.input_button.setObjectName("useAsInput")
        self.input_button.clicked.connect(self._as_input)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.buttons)

    def _summary(self, report: MetadataReport, plan: Plan | None) -> str:
        lines: list[str] = []
        found = report.settings
        if found is None:
            lines.append(self.tr("This image carries no settings the studio reads."))
        else:
            lines.append(self.tr("Read from: %1").replace("%1", found.source))
            if plan is not None and plan.changes:
                lines.append(self.tr("What changes in the composer:"))
                for what, now, new in plan.changes:
                    lines.append(
                        self.tr("%1: %2 → %3")
                        .replace("%1", self._name(what))
                        .replace("%2", _short(now) or self.tr("(none)"))
                        .replace("%3", _short(new))
                    )
            else:
                lines.append(self.tr("The composer already has these settings."))
            if plan is not None and plan.missing_provider:
                lines.append(
                    self.tr(
                        "It was made on the provider %1, which is not set up here: the "
                        "settings stay with the current provider."
                    ).replace("%1", plan.missing_provider)
                )
            if plan is not None and plan.left_out:
                lines.append(self.tr("Left out (the model or provider does not take them):"))
                lines += [f"  {self._name(what)}: {_short(value)}" for what, value in plan.left_out]
        if report.credentials:
            lines.append(self.tr("The image carries content credentials (C2PA)."))
        lines += [problem_text(p) for p in report.problems]
        return "\n".join(lines)

    def _name(self, what: str) -> str:
        names = {
            "provider": self.tr("Provider"),
            "model": self.tr("Model"),
            "mode": self.tr("Mode"),
            "prompt": self.tr("Prompt"),
            "negative_prompt": self.tr("Negative prompt"),
            "size": self.tr("Size"),
            "quality": self.tr("Quality"),
            "seed": self.tr("Seed"),
        }
        return names.get(what, what)

    def _use(self) -> None:
        self.use_settings.emit()
        self.accept()

    def _as_input(self) -> None:
        self.use_as_input.emit()
        self.accept()


def _short(text: str, limit: int = 160) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SettingsFromFile(QObject):
    """The window's "Use settings from an image" flow: choose or drop a file, read its
    metadata off the UI thread, preview, then apply or add the image as an input."""

    def __init__(
        self,
        window: QWidget,
        compose: ComposePanel,
        providers: Callable[[], dict[str, Provider]],
        capabilities: CapabilityRegistry,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.compose = compose
        self.providers = providers
        self.capabilities = capabilities
        self.dialog: SettingsFromFileDialog | None = None

    def choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from studio.ui.save_files import MEMORY

        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Use settings from an image"),
            str(MEMORY.start("open")),
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.svg)"),
        )
        if path:
            MEMORY.remember("open", Path(path).parent)
            self.open(path)

    def open(self, path: str) -> None:
        from studio.core.metadata_read import read_metadata_file
        from studio.jobs.op import BackgroundOp

        BackgroundOp(self, lambda: read_metadata_file(path), lambda r: self._show(path, r)).run()

    def _show(self, path: str, report: MetadataReport) -> None:
        plan = plan_for(report, self.compose, self.providers(), self.capabilities)
        dialog = SettingsFromFileDialog(Path(path), report, plan, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if plan is not None:
            dialog.use_settings.connect(lambda: apply_plan(plan, self.compose))
        dialog.use_as_input.connect(lambda: self._as_input(path))
        dialog.destroyed.connect(lambda _o=None: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _as_input(self, path: str) -> None:
        if self.compose.mode is Mode.GENERATE:
            self.compose.set_mode(Mode.EDIT)
        self.compose.inputs.add_files([Path(path)])
