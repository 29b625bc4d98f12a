"""Compose a job: mode, provider, model, prompt, inputs (and mask), parameters.

Everything offered comes from the capability table of the selected model. The
request is validated live with the core's one validation function; problems
are shown inline and Generate stays disabled while there are any.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from studio.core.capabilities import CapabilityRegistry, Endpoint, ModelCaps
from studio.core.errors import Problem
from studio.core.model_signals import ProviderSignals
from studio.core.providers import Provider
from studio.core.request import ImageRequest, InputImage, Mode
from studio.core.validated import ValidatedRequest, check_request
from studio.core.validation_inputs import MISSING_INPUT, provider_input_problems
from studio.ui import model_picker
from studio.ui.compose_expand import Expander
from studio.ui.compose_masks import ComposeMasks
from studio.ui.compose_messages import MessagesBox
from studio.ui.compose_models import ComposeModels
from studio.ui.compose_tabs import keep_tab_order
from studio.ui.core_text import problem_text
from studio.ui.cost_text import estimate_line
from studio.ui.icons import with_shortcut
from studio.ui.inputs_page import InputsPage
from studio.ui.lazy_page import LazyPage
from studio.ui.model_note import ModelNote
from studio.ui.params_panel import ParamsPanel
from studio.ui.prompt_editor import RUN_KEY, PromptEditor

if TYPE_CHECKING:
    from studio.core.expand import Expansion
    from studio.core.markup import MarkupDoc
    from studio.ui.canvas.panel import MaskEditorPanel
    from studio.ui.inputs_panel import InputsPanel

log = logging.getLogger(__name__)

MODES = (Mode.GENERATE, Mode.EDIT, Mode.VARIATIONS)


#: the composer's narrowest (a narrow window squeezes the result, not this)
MIN_WIDTH = 380


class ComposePanel(ComposeModels):
    generate_requested = Signal(Provider, ValidatedRequest)
    provider_changed = Signal(str)
    #: a person picked a provider in the list (not a programmatic change)
    provider_chosen = Signal(str)
    model_changed = Signal(str)
    #: the mask editor applies (edit mode, a model that takes a mask) or not
    mask_available = Signal(bool)

    def __init__(self, capabilities: CapabilityRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capabilities = capabilities
        self._providers: dict[str, Provider] = {}
        self._caps: ModelCaps | None = None
        self._problems: list[Problem] = []
        #: whether the mask editor was last told it may be used (None: not told yet)
        self._mask_was_available: bool | None = None
        #: the request as last checked, when the check found nothing wrong
        self._valid: ValidatedRequest | None = None
        #: Generate was asked for while a note was being typed: it goes once the note's
        #: markup is exported (the note is part of the job)
        self._generate_when_ready = False
        self._last_params: dict[str, dict[str, object]] = {}
        #: the current provider's models with their lifecycle state, as the picker shows them
        self._entries: list[model_picker.ModelEntry] = []
        #: provider id -> the shutdown dates its GET /models reported (read by the window)
        self._signals: dict[str, ProviderSignals | None] = {}
        #: provider id -> the model chosen for it in the settings
        self.default_models: dict[str, str] = {}
        #: provider id -> its price factor from the settings (1.0 when not set)
        self.price_factors: dict[str, float] = {}

        self.modes = QTabBar(self)
        self.modes.setObjectName("modes")
        for _ in MODES:
            self.modes.addTab("")
        self.provider_box = QComboBox(self)
        self.provider_box.setObjectName("provider")
        self.model_box = QComboBox(self)
        self.model_box.setObjectName("model")
        self.model_note = ModelNote(self)
        self.model_note.switch_requested.connect(self.set_model)
        # the note's parts, as tests and the window read them
        self.lifecycle = self.model_note.lifecycle
        self.switch_button = self.model_note.switch_button
        self.prompt = PromptEditor(self)
        # hidden in Generate mode: made when first shown or used (self.inputs)
        self.inputs_page = InputsPage(self)
        # laid out by the window (it needs room), owned here; the editor itself is made
        # when its tab is first shown or an input needs it, not before the first paint
        self.mask_page: LazyPage[MaskEditorPanel] = LazyPage(self._make_mask_panel)
        self.masks = ComposeMasks(
            self.mask_page, self.inputs_page, self.mask_enabled, self.markup_enabled, self
        )
        self.masks.changed.connect(self.revalidate)
        self.masks.changed.connect(self._generate_if_waiting)
        self.expander = Expander(self.inputs_page, self.restore_mask, self)
        self.masks.expander = self.expander
        self.expander.drawn_markup = self.masks.drawn_markup
        self.expander.carry_markup = self.masks.carry_markup
        self.expander.expanded.connect(self._expanded)
        self.params_group = QGroupBox(self)
        self.params = ParamsPanel(self.params_group)
        group_lay = QVBoxLayout(self.params_group)
        group_lay.setContentsMargins(8, 4, 8, 4)  # on the 8 px grid; the options need the room
        group_lay.addWidget(self.params)
        self.messages = MessagesBox(self)
        self.problems_label = self.messages.problems
        self.warnings_label = self.messages.notes
        self.estimate_label = QLabel(self)
        self.estimate_label.setObjectName("estimate")
        self.generate_button = QPushButton(self)
        self.generate_button.setObjectName("generate")
        self.generate_button.setDefault(True)
        self.provider_label = QLabel(self)
        self.provider_label.setBuddy(self.provider_box)
        self.model_label = QLabel(self)
        self.model_label.setBuddy(self.model_box)

        pick = QFormLayout()
        pick.addRow(self.provider_label, self.provider_box)
        pick.addRow(self.model_label, self.model_box)
        # the form scrolls; what to send and the Generate button stay in view
        body = QWidget()
        form = QVBoxLayout(body)
        form.setContentsMargins(0, 0, 4, 0)
        form.setSpacing(4)
        form.addWidget(self.model_note)
        form.addWidget(self.prompt, 2)
        form.addWidget(self.inputs_page)
        form.addWidget(self.params_group)
        form.addStretch(0)
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(body)
        lay = QVBoxLayout(self)
        self._layout = lay
        self.upload_panel: QWidget | None = None
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)  # as the form's: a 1366x768 screen keeps every common option in view
        lay.addWidget(self.modes)
        lay.addLayout(pick)
        lay.addWidget(self.form_scroll, 1)
        lay.addWidget(self.messages)  # a fixed height: Generate never moves (see MessagesBox)
        lay.addWidget(self.estimate_label)
        lay.addWidget(self.generate_button)

        self.modes.currentChanged.connect(self._on_mode)
        self.provider_box.currentIndexChanged.connect(self._on_provider)
        self.provider_box.activated.connect(
            lambda _i: self.provider_chosen.emit(str(self.provider_box.currentData() or ""))
        )
        self.model_box.currentIndexChanged.connect(self._on_model)
        self.prompt.changed.connect(self.revalidate)
        self.prompt.run_requested.connect(self.generate)
        self.inputs_page.changed.connect(self._on_inputs)
        self.params.changed.connect(self.revalidate)
        self.params.changed.connect(self._mask_rule_changed)
        self.generate_button.clicked.connect(self.generate)
        self.retranslate_ui()
        self._on_mode(0)
        keep_tab_order(self)  # down the column as it reads

    # --- public -------------------------------------------------------------
    @property
    def inputs(self) -> InputsPanel:
        """The input images panel (made now if it was not yet)."""
        return self.inputs_page.widget()

    @property
    def mask_panel(self) -> MaskEditorPanel:
        """The mask editor (made now if it was not yet)."""
        return self.mask_page.widget()

    def _make_mask_panel(self) -> MaskEditorPanel:
        from studio.ui.canvas.panel import MaskEditorPanel

        panel = MaskEditorPanel()
        panel.expand_requested.connect(self._expand)
        self._sync_markup(panel)
        return panel

    @property
    def mode(self) -> Mode:
        return MODES[max(0, self.modes.currentIndex())]

    def set_mode(self, mode: Mode) -> None:
        self.modes.setCurrentIndex(MODES.index(mode))

    @property
    def caps(self) -> ModelCaps | None:
        return self._caps

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)

    def provider(self) -> Provider | None:
        return self._providers.get(str(self.provider_box.currentData()))

    def model(self) -> str:
        return str(self.model_box.currentData() or "")

    def set_last_params(self, last: dict[str, dict[str, object]]) -> None:
        self._last_params = {k: dict(v) for k, v in last.items()}
        if self._caps is not None and self._caps.id in self._last_params:
            self.params.set_values(self._last_params[self._caps.id])

    def mask_enabled(self) -> bool:
        """Whether a mask can be painted: an edit with a model that takes one."""
        caps = self._caps
        if "mask" in self.params.forbidden():  # the chosen format takes none (GIF)
            return False
        entries = self.inputs_page.entries()
        if entries and entries[0].image.remote:  # its real size is unknown here
            return False
        return self.mode is Mode.EDIT and caps is not None and caps.inputs.mask

    def _expand(self) -> None:
        caps = self._caps
        self.expander.open(caps.params.get("size") if caps is not None else None)

    def _expanded(self, size: str) -> None:
        """The expanded picture is the first input: edit its new area, at its size."""
        from studio.ui.canvas.tools import CanvasMode

        self.mask_panel.canvas.set_mode(CanvasMode.MASK)
        self.params.set_values({"size": size})

    def markup_enabled(self) -> bool:
        """Whether markup can be drawn: the mask editor applies and the model takes markup."""
        caps = self._caps
        forbidden = "markup" in self.params.forbidden()
        return self.mask_enabled() and caps is not None and caps.inputs.markup and not forbidden

    def _sync_markup(self, panel: MaskEditorPanel) -> None:
        """The Markup button: on when the model takes markup, else greyed and naming the
        edit model that takes none (a new user could not tell why it was grey)."""
        caps = self._caps
        refuses = caps is not None and not caps.inputs.markup and self.mask_enabled()
        panel.set_markup_available(self.markup_enabled(), caps.id if refuses and caps else "")

    def _mask_rule_changed(self) -> None:
        """A format that takes no mask (GIF) was chosen or left: the mask editor follows."""
        if self.mask_page.built():
            self._sync_markup(self.mask_panel)
        available = self.mask_enabled()
        if available != self._mask_was_available:
            self._mask_was_available = available
            self.mask_available.emit(available)

    def restore_last_params(self) -> None:
        """Apply the options last used with the current model (at start-up)."""
        if self._caps is not None and self._caps.id in self._last_params:
            self.params.set_values(self._last_params[self._caps.id])

    def last_params(self) -> dict[str, dict[str, object]]:
        if self._caps is not None:
            self._last_params[self._caps.id] = self.params.values(include_inactive=True)
        return dict(self._last_params)

    def mask_image(self) -> InputImage | None:
        if not self.mask_enabled() or not self.inputs_page.entries():
            return None
        return self.masks.mask()

    def markup_image(self) -> tuple[InputImage, MarkupDoc] | None:
        """The markup PNG and its annotations, when Markup mode has some to send."""
        if not self.markup_enabled() or not self.inputs_page.entries():
            return None
        return self.masks.markup()

    def mask_busy(self) -> bool:
        """True while the newest painted mask is still being encoded."""
        return self.masks.busy()

    def build_request(self) -> ImageRequest:
        images: tuple[InputImage, ...] = ()
        if self.mode is not Mode.GENERATE:
            images = self.inputs_page.images()
        prompt = "" if self.mode is Mode.VARIATIONS else self.prompt.prompt()
        markup = self.markup_image() if self.mode is Mode.EDIT else None
        return ImageRequest(
            mode=self.mode,
            model=self.model(),
            prompt=prompt,
            params=self.params.values(),
            images=images,
            mask=self.mask_image(),
            markup=markup[0] if markup else None,
            markup_doc=markup[1] if markup else None,
            expansion=self.expander.current() if self.mode is Mode.EDIT else None,
        )

    def can_generate(self) -> bool:
        return (
            self.provider() is not None
            and self._caps is not None
            and not self._problems
            and not self.inputs_page.busy()
            and not self.masks.busy()
        )

    def generate(self) -> None:
        # the note being typed goes with the job (it went without it, and with no other
        # markup the whole picture was redrawn); the newest mask or markup is exported
        # first, then the job goes (a click on Generate that ended the typing was lost)
        self.finish_note()
        if self.masks.busy():
            self._generate_when_ready = True
            return
        self._generate_when_ready = False
        self.revalidate()
        provider, valid = self.provider(), self._valid
        if provider is None or valid is None or not self.can_generate():
            return
        if self._caps is not None:
            self._last_params[self._caps.id] = self.params.values(include_inactive=True)
        self.prompt.remember(valid.request.prompt)
        # checked once, right here: the job path trusts it and does not check again
        self.generate_requested.emit(provider, valid)

    def _only_exporting(self) -> bool:
        """Nothing but the newest mask or markup's export stands in the way of a job."""
        return (
            self.masks.busy()
            and self.provider() is not None
            and self._caps is not None
            and not self._problems
            and not self.inputs_page.busy()
        )

    def finish_note(self) -> None:
        """End the typing of a markup note, keeping its text."""
        if self.mask_page.built():
            self.mask_panel.canvas.notes.commit()

    def _generate_if_waiting(self) -> None:
        if self._generate_when_ready and not self.masks.busy():
            self._generate_when_ready = False
            self.generate()

    def revalidate(self) -> None:
        caps = self._caps
        problems: list[Problem] = []
        valid: ValidatedRequest | None = None
        notes: list[str] = []
        estimate_text = ""
        if caps is None:
            if self.model():
                problems.append(Problem("model", self.tr("This model is not in the tables.")))
        else:
            request = self.build_request()
            from studio.core.validation import warnings

            checked = check_request(request, caps)
            problems, valid = list(checked.problems), checked.valid
            provider = self.provider()
            if provider is not None:  # inputs by URL need a provider that takes JSON edits
                refused = provider_input_problems(request, provider)
                problems += refused
                valid = None if refused else valid
            # the model's lifecycle is already shown under the model picker
            notes = [problem_text(w) for w in warnings(request, caps) if w.field != "model"]
            factor = self.price_factors.get(provider.id, 1.0) if provider else 1.0
            estimate_text = estimate_line(request, caps, factor, provider.id if provider else "")
            if self.mode is Mode.EDIT:
                exported = self.masks.export_problem()
                if exported is not None:  # sending without it would edit the wrong area
                    problems.append(exported)
                    valid = None
                notes += self.masks.unrestored_notes()
        self._problems, self._valid = problems, valid
        # an empty prompt is not an error worth red text: the placeholder and the
        # disabled Generate button say it (it still blocks generating)
        untouched = not self.prompt.prompt().strip()
        shown = [p for p in problems if not (untouched and p.field == "prompt")]
        # nor is an edit with no input image yet (a restart in Edit mode, a mode just
        # chosen): a step to take, said in the notes' colour; still blocks generating
        steps = [p for p in shown if p.template == MISSING_INPUT]
        shown = [p for p in shown if p not in steps]
        notes = [problem_text(p) for p in steps] + notes
        self.params.show_problems({p.field: problem_text(p) for p in reversed(shown)})
        self.messages.show_messages([problem_text(p) for p in shown], notes)
        self.estimate_label.setText(estimate_text)
        # a mask or markup being exported does not grey the button: a click then (one
        # that ended the typing of a note, say) waits for it and the job goes after
        self.generate_button.setEnabled(self.can_generate() or self._only_exporting())

    # --- internals ---------------------------------------------------------------
    def _on_model(self, *_: object) -> None:
        old = self._caps
        if old is not None:
            self._last_params[old.id] = self.params.values(include_inactive=True)
        self._caps = self.capabilities.get(self.model()) if self.model() else None
        self._update_mode_tabs()
        self._apply_caps()
        # back on a model: the options last used with it (kept in settings.json) return
        changed = old is None or (self._caps is not None and old.id != self._caps.id)
        if self._caps is not None and changed and self._caps.id in self._last_params:
            self.params.set_values(self._last_params[self._caps.id])
        self.model_changed.emit(self.model())

    def _on_mode(self, _index: int) -> None:
        show_inputs = self.mode is not Mode.GENERATE
        self.inputs_page.setVisible(show_inputs)
        # variations take no prompt: no empty, disabled box taking the options' room
        self.prompt.setVisible(self.mode is not Mode.VARIATIONS)
        self._apply_caps()

    def _update_mode_tabs(self) -> None:
        caps = self._caps
        for i, mode in enumerate(MODES):
            self.modes.setTabEnabled(i, caps is None or caps.supports(mode))
        if caps is not None and not caps.supports(self.mode):
            for mode in MODES:
                if caps.supports(mode):
                    self.set_mode(mode)
                    break

    def set_upload_panel(self, panel: QWidget) -> None:
        """The panel shown instead of the prompt and options for an upload model."""
        self.upload_panel = panel
        self._layout.insertWidget(2, panel, 1)
        self._show_upload()

    def is_upload_model(self) -> bool:
        """The model uploads images (paiwo-picture) rather than making them."""
        caps = self._caps
        return (
            caps is not None
            and Endpoint.UPLOAD in caps.endpoints
            and not any(caps.supports(m) for m in MODES)
        )

    def _show_upload(self) -> None:
        upload = self.is_upload_model() and self.upload_panel is not None
        if self.upload_panel is not None:
            self.upload_panel.setVisible(upload)
        for w in (
            self.modes,
            self.form_scroll,
            self.messages,
            self.estimate_label,
            self.generate_button,
        ):
            w.setVisible(not upload)

    def _apply_caps(self) -> None:
        caps = self._caps
        self.params.set_model(caps, self.mode, self.provider())
        self.params_group.setVisible(bool(self.params.specs()))
        self.prompt.set_limit(caps.prompt_max if caps else 0)
        self.inputs_page.set_limit(caps.inputs.max_images if caps else 0)
        self._update_lifecycle()
        self._show_upload()
        self.mask_available.emit(self.mask_enabled())
        if self.mask_page.built():
            self._sync_markup(self.mask_panel)
        self.masks.sync()
        self.revalidate()

    def _on_inputs(self) -> None:
        self._mask_rule_changed()  # a first input by URL has no mask editor
        self.masks.sync()
        self.revalidate()

    def restore_mask(
        self,
        png: bytes | None,
        markup: MarkupDoc | None = None,
        expansion: Expansion | None = None,
    ) -> None:
        """Put a saved mask, annotations or expansion back on the first input."""
        self.masks.restore(png, markup, expansion)

    def minimumSizeHint(self) -> QSize:
        """At least 380 px, and as wide as the form needs (a large font widens it): the
        form scrolls up and down, never sideways, so what is wider is cut off."""
        hint = super().minimumSizeHint()
        form_body = self.form_scroll.widget()
        body = form_body.minimumSizeHint().width() if form_body is not None else 0
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        margins = self.contentsMargins()
        form = body + bar + 2 * self.form_scroll.frameWidth() + margins.left() + margins.right()
        return QSize(max(MIN_WIDTH, hint.width(), form), hint.height())

    def retranslate_ui(self) -> None:
        names = (self.tr("Generate"), self.tr("Edit"), self.tr("Variations"))
        tips = (
            self.tr("Make new images from a prompt"),
            self.tr("Change input images, optionally only where a mask is painted"),
            self.tr("Make variations of one image (dall-e-2)"),
        )
        for i, (name, tip) in enumerate(zip(names, tips, strict=True)):
            self.modes.setTabText(i, name)
            self.modes.setTabToolTip(i, tip)
        for i in range(self.provider_box.count()):
            p = self._providers.get(str(self.provider_box.itemData(i)))
            if p is not None:
                self.provider_box.setItemText(i, self._provider_name(p))
        self.provider_label.setText(self.tr("P&rovider"))
        self.provider_box.setToolTip(self.tr("Where requests are sent (Settings adds providers)"))
        self.model_label.setText(self.tr("&Model"))
        model_picker.retranslate(self.model_box, self._entries)
        self.model_box.setToolTip(self.tr("The model; the options below follow its capabilities"))
        self.params_group.setTitle(self.tr("Options"))
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setToolTip(with_shortcut(self.tr("Send the job"), RUN_KEY))
        self.estimate_label.setToolTip(
            self.tr("Estimated from the model's table; the real usage is shown after the job")
        )
        self._update_lifecycle()
        if self._caps is not None:
            self.revalidate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
