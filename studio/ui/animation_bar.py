"""Playing an animated GIF: play/pause, step frame by frame, frame number and durations.

The GIF's own bytes are played by a :class:`QMovie` (so what is shown is what
was saved); each new frame is handed to whoever listens to :attr:`frame`.
Durations come from the file itself (read with Pillow by the core), so the
numbers shown are the ones a browser would use.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QMovie
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from studio.core.gifs import GifTiming, gif_timing
from studio.ui.icons import with_shortcut

#: the viewer's keys for the animation (bound there, named in these buttons' tips)
PLAY_KEY = "Space"
PREV_KEY = ","
NEXT_KEY = "."


class AnimationBar(QWidget):
    """Controls for one GIF at a time (hidden when there is none)."""

    #: a frame to show (the movie's current image)
    frame = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("animationBar")
        self.movie: QMovie | None = None
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self.timing = GifTiming(())
        self.play_button = self._button(self.toggle_play, "animationPlay")
        self.prev_button = self._button(lambda: self.step(-1), "animationPrevious")
        self.next_button = self._button(lambda: self.step(1), "animationNext")
        self.label = QLabel(self)
        self.label.setObjectName("animationInfo")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for w in (self.play_button, self.prev_button, self.next_button):
            lay.addWidget(w)
        lay.addWidget(self.label, 1)
        self.retranslate_ui()
        self.hide()

    def _button(self, slot: object, name: str) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName(name)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.clicked.connect(slot)
        return b

    # --- public -------------------------------------------------------------
    def set_gif(self, data: bytes | None, *, play: bool = True) -> None:
        """Play ``data`` (a GIF), or stop and hide with None."""
        self.stop()
        if not data:
            self.hide()
            return
        try:
            self.timing = gif_timing(data)
        except ValueError:
            self.timing = GifTiming(())
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        movie = QMovie(self)
        movie.setDevice(self._buffer)
        movie.setCacheMode(QMovie.CacheMode.CacheAll)
        movie.frameChanged.connect(self._on_frame)
        movie.stateChanged.connect(self._update_play_text)
        self.movie = movie
        self.show()
        if play and self.frame_count > 1:
            movie.start()
        else:
            movie.jumpToFrame(0)
        self._update_label()
        self._update_play_text()

    def stop(self) -> None:
        if self.movie is not None:
            self.movie.stop()
            self.movie.frameChanged.disconnect(self._on_frame)
            self.movie.deleteLater()
            self.movie = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    @property
    def frame_count(self) -> int:
        if self.timing.frame_count:
            return self.timing.frame_count
        return max(1, self.movie.frameCount()) if self.movie is not None else 0

    @property
    def playing(self) -> bool:
        return self.movie is not None and self.movie.state() == QMovie.MovieState.Running

    def current_frame(self) -> int:
        return max(0, self.movie.currentFrameNumber()) if self.movie is not None else 0

    def current_image(self) -> QImage:
        return self.movie.currentImage() if self.movie is not None else QImage()

    def toggle_play(self) -> None:
        if self.movie is None:
            return
        if self.playing:
            self.movie.setPaused(True)
        elif self.movie.state() == QMovie.MovieState.Paused:
            self.movie.setPaused(False)
        else:
            self.movie.start()

    def step(self, delta: int) -> None:
        """Pause and show the next (``1``) or previous (``-1``) frame."""
        if self.movie is None or self.frame_count < 1:
            return
        if self.playing:
            self.movie.setPaused(True)
        self.movie.jumpToFrame((self.current_frame() + delta) % self.frame_count)

    # --- internals ------------------------------------------------------------
    def _on_frame(self, _number: int) -> None:
        if self.movie is not None:
            self.frame.emit(self.movie.currentImage())
        self._update_label()

    def _update_play_text(self, *_args: object) -> None:
        text = self.tr("Pause") if self.playing else self.tr("Play")
        self.play_button.setText(text)

    def _update_label(self) -> None:
        if self.movie is None:
            self.label.clear()
            return
        durations = self.timing.durations
        number = self.current_frame()
        each = set(durations)
        if len(each) == 1:
            timing = self.tr("%1 ms each").replace("%1", str(durations[0]))
        elif durations:
            timing = (
                self.tr("%1 ms (total %2 ms)")
                .replace("%1", str(durations[min(number, len(durations) - 1)]))
                .replace("%2", str(sum(durations)))
            )
        else:
            timing = ""
        text = (
            self.tr("Frame %1 of %2")
            .replace("%1", str(number + 1))
            .replace("%2", str(self.frame_count))
        )
        self.label.setText(f"{text} · {timing}" if timing else text)

    def retranslate_ui(self) -> None:
        self._update_play_text()
        self.play_button.setToolTip(with_shortcut(self.tr("Play or pause the animation"), PLAY_KEY))
        self.prev_button.setText(self.tr("◀ Frame"))
        self.prev_button.setToolTip(with_shortcut(self.tr("Previous frame"), PREV_KEY))
        self.next_button.setText(self.tr("Frame ▶"))
        self.next_button.setToolTip(with_shortcut(self.tr("Next frame"), NEXT_KEY))
        self._update_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
