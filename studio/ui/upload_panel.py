"""The Upload panel: what the composer shows when the model is an upload model
(DMXAPI's paiwo-picture). A file or a URL goes up; the id and the URL it returns
come back with Copy buttons; past uploads stay listed (window.ini)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.core.cancel import CancelToken
from studio.core.errors import StudioError
from studio.core.providers import Provider
from studio.jobs.op import BackgroundOp
from studio.ui.error_text import advise
from studio.ui.labels import provider_name
from studio.ui.theme import style_label, unstyle_label

if TYPE_CHECKING:
    from studio.core.responses import UploadResult
    from studio.core.service import Studio

PAST_KEY = "uploads/past"
PAST_MAX = 50


class UploadPanel(QWidget):
    # an upload finished: (id, url)
    uploaded = Signal(str, str)

    def __init__(
        self,
        studio: Studio,
        provider: Callable[[], Provider | None],
        qsettings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadPanel")
        self.studio = studio
        self._provider = provider
        self._qsettings = qsettings
        self._token: CancelToken | None = None

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.source = QLineEdit(self)
        self.source.setObjectName("uploadSource")
        self.source.textChanged.connect(self._update_buttons)
        self.source.returnPressed.connect(self.upload)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)
        self.upload_button = QPushButton(self)
        self.upload_button.setObjectName("uploadButton")
        self.upload_button.clicked.connect(self.upload)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the upload reports no byte count
        self.progress.setTextVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("uploadStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.img_id = QLineEdit(self)
        self.img_id.setObjectName("uploadId")
        self.img_id.setReadOnly(True)
        self.img_url = QLineEdit(self)
        self.img_url.setObjectName("uploadUrl")
        self.img_url.setReadOnly(True)
        self.copy_id = QPushButton(self)
        self.copy_id.clicked.connect(lambda: self._copy(self.img_id.text()))
        self.copy_url = QPushButton(self)
        self.copy_url.clicked.connect(lambda: self._copy(self.img_url.text()))
        self.past = QListWidget(self)
        self.past.setObjectName("pastUploads")
        self.past.itemDoubleClicked.connect(self._show_past)
        self.past_label = QLabel(self)
        self.labels = [QLabel(self) for _ in range(3)]

        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.browse_button)
        run_row = QHBoxLayout()
        run_row.addWidget(self.upload_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        id_row = QHBoxLayout()
        id_row.addWidget(self.img_id, 1)
        id_row.addWidget(self.copy_id)
        url_row = QHBoxLayout()
        url_row.addWidget(self.img_url, 1)
        url_row.addWidget(self.copy_url)
        form = QFormLayout()
        form.addRow(self.labels[0], source_row)
        form.addRow("", run_row)
        form.addRow("", self.status)
        form.addRow(self.labels[1], id_row)
        form.addRow(self.labels[2], url_row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.past_label)
        lay.addWidget(self.past, 1)
        self._load_past()
        self._busy(False)
        self.retranslate_ui()

    # --- uploading --------------------------------------------------------------
    def upload(self) -> None:
        provider = self._provider()
        text = self.source.text().strip()
        if provider is None or not text or self._token is not None:
            return
        is_url = text.startswith(("http://", "https://"))
        path = None if is_url else Path(text).expanduser()
        if path is not None and not path.is_file():
            self._say(self.tr("%1 is not a file.").replace("%1", text), error=True)
            return
        token = CancelToken()
        self._token = token
        self._busy(True)
        self._say(self.tr("Uploading %1…").replace("%1", path.name if path else text))
        studio = self.studio

        def work() -> UploadResult:
            return studio.upload(provider, file=path, url=text if is_url else None, cancel=token)

        def done(result: UploadResult) -> None:
            self._token = None
            self._busy(False)
            img_id, img_url = str(result.img_id), result.img_url or ""
            self.img_id.setText(img_id)
            self.img_url.setText(img_url)
            self._update_buttons()
            self._say(self.tr("Uploaded. Use the id in an image-to-video request."))
            self._remember(img_id, img_url, path.name if path else text)
            self.uploaded.emit(img_id, img_url)

        def failed(exc: BaseException) -> None:
            self._token = None
            self._busy(False)
            if isinstance(exc, StudioError):
                advice = advise(exc, provider_name(provider))
                self._say(f"{advice.title}: {advice.text}", error=True)
            else:
                self._say(str(exc), error=True)

        BackgroundOp(self, work, done).failure(failed).run()

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def busy(self) -> bool:
        return self._token is not None

    # --- past uploads ---------------------------------------------------------------
    def past_uploads(self) -> list[dict[str, str]]:
        raw = self._qsettings.value(PAST_KEY, "[]")
        try:
            entries = json.loads(str(raw))
        except ValueError:
            return []
        if not isinstance(entries, list):
            return []
        keep = ("id", "url", "source", "at")
        return [
            {k: str(e.get(k, "")) for k in keep}
            for e in entries[:PAST_MAX]
            if isinstance(e, dict) and e.get("id")
        ]

    def _remember(self, img_id: str, img_url: str, source: str) -> None:
        entry = {
            "id": img_id,
            "url": img_url,
            "source": source,
            "at": time.strftime("%Y-%m-%d %H:%M"),
        }
        entries = [entry, *self.past_uploads()][:PAST_MAX]
        self._qsettings.setValue(PAST_KEY, json.dumps(entries, ensure_ascii=False))
        self._qsettings.sync()
        self._load_past()

    def _load_past(self) -> None:
        self.past.clear()
        for e in self.past_uploads():
            item = QListWidgetItem(f"{e['at']}  {e['source']}  →  {e['id']}")
            item.setToolTip(e["url"])
            item.setData(Qt.ItemDataRole.UserRole, json.dumps(e))
            self.past.addItem(item)

    def _show_past(self, item: QListWidgetItem) -> None:
        e = json.loads(str(item.data(Qt.ItemDataRole.UserRole)))
        self.img_id.setText(e.get("id", ""))
        self.img_url.setText(e.get("url", ""))
        self._update_buttons()

    # --- internals ---------------------------------------------------------------------
    def _browse(self) -> None:
        from studio.ui.save_files import open_start, remember_file

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an image to upload"), open_start(), "*.png *.jpg *.jpeg *.webp"
        )
        if path:
            remember_file(path)
            self.source.setText(path)

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
            self._say(self.tr("Copied: %1").replace("%1", text))

    def _say(self, text: str, *, error: bool = False) -> None:
        if error:
            style_label(self.status, "error")
        else:
            unstyle_label(self.status)
        self.status.setText(text)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self._token is None
        self.upload_button.setEnabled(idle and bool(self.source.text().strip()))
        self.browse_button.setEnabled(idle)
        self.copy_id.setEnabled(bool(self.img_id.text()))
        self.copy_url.setEnabled(bool(self.img_url.text()))

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "This model uploads an image for image-to-video and returns its id: "
                "choose a file or paste an image URL, then Upload."
            )
        )
        self.labels[0].setText(self.tr("&Image"))
        self.labels[0].setBuddy(self.source)
        self.labels[1].setText(self.tr("Image id"))
        self.labels[1].setBuddy(self.img_id)  # which names the field to a screen reader
        self.labels[2].setText(self.tr("URL"))
        self.labels[2].setBuddy(self.img_url)
        self.past_label.setBuddy(self.past)
        self.source.setPlaceholderText(self.tr("A file path or https://… address"))
        self.browse_button.setText(self.tr("Choose file…"))
        self.upload_button.setText(self.tr("&Upload"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.copy_id.setText(self.tr("Copy"))
        self.copy_id.setToolTip(self.tr("Copy the image id"))
        self.copy_url.setText(self.tr("Copy"))
        self.copy_url.setToolTip(self.tr("Copy the image URL"))
        self.past_label.setText(self.tr("Past uploads (double-click to show one)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
