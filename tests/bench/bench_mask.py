"""Mask canvas: stroke latency on a 4096×4096 image, and mask export against Pillow.

Stroke: one synthesized mouse move through the canvas's real handler, plus the
repaint it causes (the pending dirty rectangle, processed synchronously), on an
offscreen shown widget. The reference is the bare QPainter segment on the Alpha8
mask alone, so the ratio is the cost of the overlay cache, undo tiles and repaint.

Export: ``MaskCanvas.export_mask_png()`` against Pillow saving the same RGBA
image as PNG with its defaults (at 4096², where those take tens of seconds, with
its fastest level). The photo is too detailed for a 4 MB mask file, so at 2048²
and 4096² the export is the colourless file (see ``studio.core.masks``).
"""

from __future__ import annotations

import io
import statistics
import time

from tests.bench.timing import measure, row


def _photo(n: int) -> object:
    """A photo-like test image: gradients plus noise (compresses like a real photo, or worse)."""
    from PIL import Image

    g = Image.linear_gradient("L").resize((n, n))
    noise = Image.effect_noise((n, n), 24)
    r = Image.blend(g, noise, 0.5)
    b = Image.blend(g.rotate(90), noise, 0.3)
    return Image.merge("RGB", (r, g, b))


def _qimage(pil: object) -> object:
    from PIL import Image
    from PySide6.QtGui import QImage

    assert isinstance(pil, Image.Image)
    rgba = pil.convert("RGBA")
    data = rgba.tobytes()
    return QImage(
        data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888
    ).copy()


def _stroke_rows(quick: bool) -> list[dict[str, object]]:
    from PySide6.QtCore import QEvent, QObject, QPointF, Qt
    from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPen
    from PySide6.QtWidgets import QApplication

    from studio.ui.canvas import MaskCanvas

    app = QApplication.instance() or QApplication([])
    canvas = MaskCanvas()
    canvas.resize(1000, 800)
    canvas.show()
    app.processEvents()
    canvas.load_image(_qimage(_photo(4096)))  # type: ignore[arg-type]
    canvas.set_brush_size(64)

    class PaintCounter(QObject):
        paints = 0

        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
            if ev.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    counter = PaintCounter()
    canvas.installEventFilter(counter)
    left = Qt.MouseButton.LeftButton
    nobutton = Qt.MouseButton.NoButton
    nomod = Qt.KeyboardModifier.NoModifier
    press, move, release = (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonRelease,
    )
    moves = 60 if quick else 300
    rows = []
    for zoom_name, setup in (
        ("fit", canvas.fit_to_view),
        ("100 %", canvas.actual_size),
    ):
        setup()
        app.processEvents()
        start = QPointF(200, 200)
        canvas.mousePressEvent(QMouseEvent(press, start, start, left, left, nomod))
        app.processEvents()
        per_move = []
        full = []
        before = counter.paints
        for i in range(moves):
            pos = QPointF(200 + (i * 7) % 600, 200 + (i * 3) % 400)
            ev = QMouseEvent(move, pos, pos, nobutton, left, nomod)
            t0 = time.perf_counter()
            QApplication.sendEvent(canvas, ev)
            app.processEvents()  # paints the dirty rectangle the move scheduled
            per_move.append(time.perf_counter() - t0)
            if i % 10 == 0:
                t0 = time.perf_counter()
                canvas.repaint()
                full.append(time.perf_counter() - t0)
        painted = counter.paints - before
        end = QPointF(200, 200)
        canvas.mouseReleaseEvent(QMouseEvent(release, end, end, left, nobutton, nomod))
        assert not canvas.mask_is_empty(), "the benchmark stroke painted nothing"
        # reference: the same number of bare segments on an Alpha8 image of the same size
        mask = QImage(4096, 4096, QImage.Format.Format_Alpha8)
        mask.fill(0)
        pen = QPen(Qt.GlobalColor.black, 64)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        ref = []
        last = canvas.widget_to_image(QPointF(200, 200))
        for i in range(moves):
            pos = canvas.widget_to_image(QPointF(200 + (i * 7) % 600, 200 + (i * 3) % 400))
            t0 = time.perf_counter()
            p = QPainter(mask)
            p.setPen(pen)
            p.drawLine(last, pos)
            p.end()
            ref.append(time.perf_counter() - t0)
            last = pos
        med = statistics.median(per_move)
        rows.append(
            row(
                f"mask stroke per mouse move, 4096², zoom {zoom_name}",
                med,
                statistics.median(ref),
                target="<= 8 ms",
                note=f"{moves} moves, {painted} paint events; incl. dirty repaint; "
                f"p90 {sorted(per_move)[int(len(per_move) * 0.9)] * 1000:.1f} ms; "
                "ref = bare QPainter segment on the Alpha8 mask",
            )
        )
        rows.append(
            row(
                f"mask canvas full repaint, 4096², zoom {zoom_name}",
                statistics.median(full),
                None,
                target="(info)",
                note=f"canvas.repaint() of the whole {canvas.width()}x{canvas.height()} widget",
            )
        )
    canvas.undo_stack.clear()
    canvas.close()
    canvas.deleteLater()
    app.processEvents()
    return rows


def _export_rows(quick: bool) -> list[dict[str, object]]:
    """Mask export against the strongest fair references on the SAME pixels: the RGBA
    the studio writes (decoded back from its own file), encoded by Pillow at its fastest
    level, and by single-threaded zlib over the same unfiltered rows at the same level
    (what the studio's writer does on one core)."""
    import zlib

    from PIL import Image, ImageDraw
    from PySide6.QtWidgets import QApplication

    from studio.core import pngenc
    from studio.ui.canvas import MaskCanvas

    app = QApplication.instance() or QApplication([])
    rows = []
    sizes = (1024, 2048, 4096)
    for n in sizes:
        photo = _photo(n)
        assert isinstance(photo, Image.Image)
        canvas = MaskCanvas()
        canvas.load_image(_qimage(photo))  # type: ignore[arg-type]
        m = Image.new("L", (n, n), 255)
        ImageDraw.Draw(m).ellipse((n // 4, n // 4, 3 * n // 4, 3 * n // 4), fill=0)
        buf = io.BytesIO()
        m.save(buf, format="PNG")
        canvas.set_mask_from_png(buf.getvalue())
        repeats = 3 if quick or n > 2048 else 7
        exported = canvas.export_mask_png()
        ours = measure(canvas.export_mask_png, repeats)
        with Image.open(io.BytesIO(exported)) as written:
            rgba = written.convert("RGBA")  # the very pixels the studio wrote
        raw = rgba.tobytes()
        filtered = bytes(pngenc._filtered(raw, n, n))

        def pillow(img: Image.Image = rgba) -> None:
            out = io.BytesIO()
            img.save(out, format="PNG", compress_level=1)

        def one_core_zlib(data: bytes = filtered) -> None:
            zlib.compress(data, 1)

        ref_pillow = measure(pillow, repeats, warmup=0)
        ref_zlib = measure(one_core_zlib, repeats, warmup=0)
        kind = "colourless" if rgba.getextrema()[0][1] == 0 else "photo colours kept"
        note = f"{len(exported) // 1024} kB, {kind}; same RGBA"
        rows.append(
            row(
                f"mask export {n}² vs Pillow (compress_level=1)",
                ours,
                ref_pillow,
                target="(info)" if n == 2048 else "<= 150 ms",
                note=note,
            )
        )
        rows.append(
            row(
                f"mask export {n}² vs one-core zlib, same rows",
                ours,
                ref_zlib,
                target="ratio < 1 (parallel bands)",
                note=note + "; zlib level 1 over the rows the writer deflates",
            )
        )
        canvas.deleteLater()
    app.processEvents()
    return rows


def run(quick: bool) -> list[dict[str, object]]:
    return _stroke_rows(quick) + _export_rows(quick)
