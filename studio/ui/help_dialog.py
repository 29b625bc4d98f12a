"""F1: a short built-in help page: the keyboard shortcuts (read from the window's own
actions, so the page never disagrees with them), the mask rules, what costs money."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def action_words(text: str) -> str:
    """A menu item's words without its access key or dots: "设置(&S)…" → "设置",
    "&Settings…" → "Settings"."""
    text = re.sub(r"\(&[^)]\)", "", text).replace("&&", "\0").replace("&", "")
    return text.replace("\0", "&").removesuffix("…").removesuffix("...").strip()


class HelpDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self._actions = actions
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(self.buttons)
        self.resize(620, 640)
        self.retranslate_ui()

    def _shortcut_rows(self) -> list[tuple[str, str]]:
        rows = []
        for action in self._actions:
            keys = action.shortcut()
            if keys.isEmpty() or not action.text():
                continue
            text = keys.toString(QKeySequence.SequenceFormat.NativeText)
            rows.append((text, action_words(action.text())))
        fixed = (
            ("Ctrl+↑ / Ctrl+↓", self.tr("Earlier and later prompts")),
            ("Ctrl+V", self.tr("Paste an image as an input (in the inputs)")),
            ("Ctrl+← / Ctrl+→", self.tr("Move the selected input")),
            ("Ctrl+Home", self.tr("Make the selected input the first")),
            ("Delete · Ctrl+Z", self.tr("Remove an input, and put it back")),
            ("B · E · R · L", self.tr("Mask: brush, eraser, rectangle, lasso")),
            ("[ · ]", self.tr("Mask: smaller and larger brush")),
            ("Shift+I", self.tr("Mask: invert")),
            (
                "V · P · N · A · X · O · T",
                self.tr("Markup: select, pen, line, arrow, box, ellipse, note"),
            ),
            ("Enter · Esc", self.tr("Markup: finish typing a note")),
        )
        return rows + list(fixed)

    def page(self) -> str:
        e = html.escape
        # room after the keys: arrows drawn from a fallback font ran into the words
        shortcuts = "".join(
            f"<tr><td style='padding-right: 12px'><b>{e(k)}</b></td><td>{e(v)}</td></tr>"
            for k, v in self._shortcut_rows()
        )
        mask = [
            self.tr(
                "The mask applies to the first input image; drag another image first "
                "(or use Move first) to mask that one."
            ),
            self.tr(
                "Paint where the image may change. Unpainted areas are kept, as far as "
                "the model keeps them: GPT Image models treat the mask as guidance."
            ),
            self.tr(
                "The mask is sent as a PNG of the image's size, transparent where you "
                "painted; it must stay under 4 MB."
            ),
            self.tr("The right mouse button always erases; Ctrl+wheel changes the brush size."),
        ]
        money = [
            self.tr(
                "Every request sent to a real provider may be billed, even when it fails "
                "after reaching the provider or you cancel it while it runs."
            ),
            self.tr(
                "The estimate under the options follows the model's price table; the "
                "real cost is shown in the jobs list and the viewer once the job is done."
            ),
            self.tr(
                "n images on a one-image-per-request model (dall-e-3) are n requests. "
                "Partial images while streaming add output tokens."
            ),
            self.tr(
                "Retry is never automatic when a request may have been processed: "
                "you decide. The offline sandbox is free."
            ),
        ]

        def items(lines: list[str]) -> str:
            return "<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>"

        keys_title = self.tr("Keyboard shortcuts")
        mask_title = self.tr("Masks")
        money_title = self.tr("What costs money")
        return (
            f"<h2>{e(keys_title)}</h2><table cellspacing='4'>{shortcuts}</table>"
            f"<h2>{e(mask_title)}</h2>{items(mask)}"
            f"<h2>{e(money_title)}</h2>{items(money)}"
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Image Studio help"))
        self.browser.setHtml(self.page())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
