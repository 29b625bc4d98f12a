"""The tables' developer notes (model notes, lifecycle and rate sources) never reach the
window, whatever model is picked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from tests.ui.test_window import choose

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from studio.ui.main_window import MainWindow


def _shown(root: QWidget) -> str:
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        for getter in ("text", "toolTip", "placeholderText", "statusTip", "whatsThis"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    got = value()
                except TypeError:
                    continue
                if isinstance(got, str):
                    texts.append(got)
    return "\n".join(texts)


def test_no_developer_note_is_shown_for_any_model(qtbot: QtBot, window: MainWindow) -> None:
    compose = window.compose
    window.reload_providers(current="sandbox")
    caps_of = window.studio.capabilities
    checked = 0
    for i in range(compose.model_box.count()):
        model = compose.model_box.itemData(i)
        caps = caps_of.get(model) if isinstance(model, str) else None
        if caps is None:
            continue
        choose(compose.model_box, model)
        qtbot.wait(5)
        shown = _shown(window)
        labels = [p.label for p in caps.params.values() if p.label]
        assert not labels or any(label in shown for label in labels)  # the scan sees the panel
        secret = [caps.note, caps.lifecycle.source, caps.output_tokens_meta.source]
        if caps.price is not None:
            secret += [caps.price.note, *(r.source for r in caps.price.rates.values())]
        for text in secret:
            if text:
                assert text not in shown, (model, text)
        checked += 1
    assert checked >= 10
