"""The composer's input images, made when first shown or used.

The inputs panel is hidden in Generate mode, the mode the window opens in, and its
module brings the file-loading and URL-input code with it. :class:`InputsPage` stands
in its place: it answers what the composer asks on every check (no inputs, nothing
loading) without making the panel, keeps the model's cap and the provider's address
until the panel exists, and passes the panel's signals on once it is made (when Edit
or Variations shows it, or code adds an image).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from studio.ui.lazy_page import LazyPage

if TYPE_CHECKING:
    from studio.core.request import InputImage
    from studio.ui.inputs_list import InputEntry
    from studio.ui.inputs_panel import InputsPanel


def _make_panel() -> InputsPanel:
    from studio.ui.inputs_panel import InputsPanel

    return InputsPanel()


class InputsPage(LazyPage["InputsPanel"]):
    #: the panel's own signals, passed on (connect here: the panel may not exist yet)
    changed = Signal()
    notice = Signal(str)
    info = Signal(str)
    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_make_panel, parent)
        self._limit = 16
        self._provider_base = ""
        self.made.connect(self._wire)

    def _wire(self, _widget: QWidget) -> None:
        panel = self.widget()
        panel.set_limit(self._limit)
        panel.set_provider_base(self._provider_base)
        panel.changed.connect(self.changed)
        panel.notice.connect(self.notice)
        panel.info.connect(self.info)
        panel.open_requested.connect(self.open_requested)

    # --- what the composer asks on every check: no panel needed -------------------
    def entries(self) -> list[InputEntry]:
        return self.widget().entries() if self.built() else []

    def images(self) -> tuple[InputImage, ...]:
        return self.widget().images() if self.built() else ()

    def busy(self) -> bool:
        return self.built() and self.widget().busy()

    def removed_keys(self) -> set[int]:
        return self.widget().removed_keys() if self.built() else set()

    def set_limit(self, limit: int) -> None:
        self._limit = limit
        if self.built():
            self.widget().set_limit(limit)

    def set_provider_base(self, base_url: str) -> None:
        self._provider_base = base_url
        if self.built():
            self.widget().set_provider_base(base_url)
