"""The composer's provider and model pickers: the providers offered, each one's models
with their lifecycle state (its own shutdown dates laid over the tables), and the model
chosen when the provider changes (a part of ComposePanel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from studio.core.capabilities import CapabilityRegistry, ModelCaps
from studio.core.lifecycle import State
from studio.core.model_signals import ProviderSignals, registry_for
from studio.core.providers import Provider
from studio.ui import model_picker

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from studio.ui.inputs_page import InputsPage
    from studio.ui.model_note import ModelNote


class ComposeModels(QWidget):
    """Which provider and model the composer sends to (the first of its parts)."""

    capabilities: CapabilityRegistry
    provider_box: QComboBox
    model_box: QComboBox
    model_note: ModelNote
    inputs_page: InputsPage
    provider_changed: SignalInstance
    _providers: dict[str, Provider]
    _caps: ModelCaps | None
    _entries: list[model_picker.ModelEntry]
    _signals: dict[str, ProviderSignals | None]
    default_models: dict[str, str]

    # ComposePanel's own
    provider: Callable[[], Provider | None]
    model: Callable[[], str]
    _on_model: Callable[..., None]

    def set_providers(self, providers: dict[str, Provider], current: str | None = None) -> None:
        keep = current or str(self.provider_box.currentData() or "")
        self._providers = dict(providers)
        self.provider_box.blockSignals(True)
        self.provider_box.clear()
        for pid, p in providers.items():
            self.provider_box.addItem(self._provider_name(p), pid)
            self.provider_box.setItemData(
                self.provider_box.count() - 1, p.base_url or "", Qt.ItemDataRole.ToolTipRole
            )
        idx = self.provider_box.findData(keep)
        self.provider_box.setCurrentIndex(max(0, idx))
        self.provider_box.blockSignals(False)
        self._on_provider()

    def _provider_name(self, p: Provider) -> str:
        from studio.ui.labels import provider_name

        return provider_name(p)

    def registry_for(self, provider: Provider) -> CapabilityRegistry:
        """The tables as ``provider`` sees them: its own shutdown dates laid over."""
        return registry_for(self.capabilities, self._signals.get(provider.id))

    def set_signals(self, provider_id: str, signals: ProviderSignals | None) -> None:
        """A provider's lifecycle signals arrived: show its models' states by them."""
        if provider_id in self._signals and self._signals[provider_id] == signals:
            return
        self._signals[provider_id] = signals
        provider = self.provider()
        if provider is not None and provider.id == provider_id:
            self._fill_models(announce=False, keep_form=True)

    def set_provider(self, pid: str) -> None:
        idx = self.provider_box.findData(pid)
        if idx >= 0:
            self.provider_box.setCurrentIndex(idx)

    def set_model(self, model: str) -> None:
        idx = self.model_box.findData(model)
        if idx >= 0:
            self.model_box.setCurrentIndex(idx)

    def _on_provider(self, *_: object) -> None:
        self._fill_models(announce=True)

    def _fill_models(self, announce: bool, keep_form: bool = False) -> None:
        """Fill the model picker for the current provider.

        ``keep_form``: only the models' states changed (a provider's shutdown dates
        arrived, at any moment): while the same model stays chosen, its options keep their
        widgets and values, and nothing is checked again; only the picker's labels and the
        lifecycle note follow."""
        provider = self.provider()
        if provider is not None:  # the app's own sandbox lives on this machine
            local = provider.base_url == "embedded"
            self.inputs_page.set_provider_base("http://127.0.0.1/" if local else provider.base_url)
        current = self.model()
        self.model_box.blockSignals(True)
        self.model_box.clear()
        if provider is not None:
            self._entries = model_picker.entries(provider, self.registry_for(provider))
            model_picker.fill(self.model_box, self._entries)
            ids = [e.id for e in self._entries]
            want = (
                current
                if current in ids
                else self.default_models.get(provider.id) or provider.default_model
            )
            self.model_box.setCurrentIndex(max(0, self.model_box.findData(want)))
            if announce:
                self.provider_changed.emit(provider.id)
        self.model_box.blockSignals(False)
        if keep_form and self._caps is not None and self.model() == current:
            self._update_lifecycle()
            return
        self._on_model()

    def entry(self, model_id: str | None = None) -> model_picker.ModelEntry | None:
        """The picker's entry (with its lifecycle state) for ``model_id`` or the current model."""
        wanted = model_id or self.model()
        return next((e for e in self._entries if e.id == wanted), None)

    def replacement(self) -> str | None:
        """The model to move to from the current one (deprecated or retired), if any."""
        e = self.entry()
        if e is None or e.state is State.ACTIVE:
            return None
        return next((m for m in e.lifecycle.replacements if self.capabilities.get(m)), None)

    def _update_lifecycle(self) -> None:
        self.model_note.show_for(self.entry(), self._caps, self.replacement())
