"""Two pictures over each other with a split line to drag (A on the left of the line,
B on the right), and a large view of one picture: how comparison cells are looked at
closely.

B is drawn into the same rectangle as A (fitted to the widget), so pictures of
different sizes still line up edge to edge; the split is a fraction of that
rectangle's width. The arrow keys move the line by a twentieth, Home and End send it
to either side.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio.ui.image_view import ImageView, checker_brush

STEP = 0.05


class ABView(QWidget):
    """Picture A left of a vertical line, picture B right of it; drag the line."""

    split_changed = Signal(float)

    def __init__(self, a: QImage, b: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("abView")
        self.a, self.b = a, b
        self._split = 0.5
        self._checker = checker_brush()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.SplitHCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)

    @property
    def split(self) -> float:
        return self._split

    def set_split(self, value: float) -> None:
        value = max(0.0, min(1.0, value))
        if value != self._split:
            self._split = value
            self.split_changed.emit(value)
            self.update()

    def picture_rect(self) -> QRectF:
        """Where the pictures are drawn: A's shape fitted into the widget, centred."""
        w, h = max(1, self.a.width()), max(1, self.a.height())
        scale = min(self.width() / w, self.height() / h)
        size = QSize(max(1, int(w * scale)), max(1, int(h * scale)))
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(QPointF(x, y), size.toSizeF())

    def split_x(self) -> float:
        r = self.picture_rect()
        return r.left() + r.width() * self._split

    def sizeHint(self) -> QSize:
        return QSize(720, 540)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = self.picture_rect()
        x = self.split_x()
        p.fillRect(rect, self._checker)
        left = QRectF(rect.left(), rect.top(), x - rect.left(), rect.height())
        right = QRectF(x, rect.top(), rect.right() - x, rect.height())
        p.save()
        p.setClipRect(left)
        p.drawImage(rect, self.a)
        p.restore()
        p.save()
        p.setClipRect(right)
        p.drawImage(rect, self.b)
        p.restore()
        pen = QPen(QColor(255, 255, 255), 2)
        p.setPen(pen)
        p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        p.setPen(QPen(QColor(0, 0, 0, 160), 1))
        p.drawLine(QPointF(x + 1.5, rect.top()), QPointF(x + 1.5, rect.bottom()))
        p.setBrush(QColor(255, 255, 255))
        p.drawEllipse(QPointF(x, rect.center().y()), 7, 7)
        p.end()

    def _follow(self, event: QMouseEvent) -> None:
        r = self.picture_rect()
        if r.width() > 0:
            self.set_split((event.position().x() - r.left()) / r.width())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._follow(event)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._follow(event)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: self._split - STEP,
            Qt.Key.Key_Right: self._split + STEP,
            Qt.Key.Key_Home: 0.0,
            Qt.Key.Key_End: 1.0,
        }
        wanted = moves.get(Qt.Key(event.key()))
        if wanted is None:
            super().keyPressEvent(event)
            return
        self.set_split(wanted)


class ABDialog(QDialog):
    """Two comparison cells' pictures under one split line."""

    def __init__(
        self, a: QImage, b: QImage, a_title: str, b_title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("abDialog")
        self.a_title, self.b_title = a_title, b_title
        self.view = ABView(a, b, self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        self.resize(820, 680)
        self.retranslate_ui()
        self.view.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Compare A/B"))
        self.view.setAccessibleName(self.tr("Pictures A and B"))
        self.caption.setText(
            self.tr("A (left): %1 · B (right): %2 · drag the line or use ← →")
            .replace("%1", self.a_title)
            .replace("%2", self.b_title)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ZoomDialog(QDialog):
    """One cell's picture, large, with the viewer's zoom and pan."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("zoomDialog")
        self.view = ImageView(self)
        self.view.set_image(image)
        self.setWindowTitle(title)
        self.view.setAccessibleName(title)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(close)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.8))
        else:
            self.resize(1000, 800)
