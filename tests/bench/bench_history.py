"""History at scale: 10,000 jobs. Paging, the gallery's first paint and thumbnails.

Search has its own bench (``bench_search``, 10k to 1M jobs), and so have scrolling the
gallery, its memory and its search (``bench_gallery``). References measured in
the same run: an empty history for the gallery's first paint, Pillow's plain ``thumbnail`` for
thumbnails.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.bench.timing import measure, median_time, row

JOBS = 10_000
DISTINCT_IMAGES = 200
WORDS = [
    "otter",
    "fox",
    "heron",
    "lantern",
    "harbour",
    "mountain",
    "neon",
    "rainy",
    "street",
    "portrait",
    "watercolor",
    "cinematic",
    "castle",
    "forest",
    "river",
    "小海獭",
    "狐狸",
    "灯笼",
    "山水",
    "城市",
    "夜景",
    "水彩",
    "猫",
]


def _rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _png(seed: int, size: int = 1024) -> bytes:
    """A PNG with noise and a gradient, so it decodes and compresses like a picture."""
    from PIL import Image

    rnd = random.Random(seed)
    img = Image.merge(
        "RGB",
        [
            Image.effect_noise((size, size), 30 + rnd.randrange(40)),
            Image.linear_gradient("L").resize((size, size)),
            Image.new("L", (size, size), rnd.randrange(256)),
        ],
    )
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _seed(store: Any, jobs: int) -> float:
    """Seed ``jobs`` finished jobs, one image each (files hard-linked from a small set)."""
    from tests.core.history.seed import seed_jobs

    base = store.images_dir / "bench-src"
    base.mkdir(parents=True, exist_ok=True)
    sources = []
    for i in range(DISTINCT_IMAGES):
        p = base / f"src-{i}.png"
        p.write_bytes(_png(i, 256))
        sources.append(p)
    rnd = random.Random(7)
    now = time.time()
    start = time.perf_counter()
    rows = []
    for i in range(jobs):
        folder = store.images_dir / "bench" / f"{i // 1000:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{i:06d}.png"
        src = sources[i % DISTINCT_IMAGES]
        try:
            os.link(src, target)
        except OSError:
            shutil.copyfile(src, target)
        prompt = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14)))
        rows.append(
            {
                "created_at": now - (jobs - i) * 60,
                "finished_at": now - (jobs - i) * 60 + 20,
                "provider_id": rnd.choice(("sandbox", "dmxapi", "tuzi")),
                "model": rnd.choice(("gpt-image-1", "dall-e-3", "seedream-3.0")),
                "prompt": f"job {i}: {prompt}",
                "params": {"size": "1024x1024", "quality": "high", "n": 1},
                "favourite": i % 97 == 0,
                "images": [{"path": target, "width": 256, "height": 256, "bytes": 1000}],
            }
        )
    seed_jobs(store, rows)
    return time.perf_counter() - start


def _gallery_rows(store: Any, empty_store: Any, repeats: int) -> list[dict[str, object]]:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from studio.ui.gallery import GalleryDock

    app = QApplication.instance() or QApplication([])

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    def first_paint(s: Any) -> float:
        """Until the first page (read on a worker) is in and painted."""
        start = time.perf_counter()
        dock = GalleryDock(s)
        watch = PaintWatch()
        dock.view.viewport().installEventFilter(watch)

        def unpainted(*_args: object) -> None:
            watch.painted = False

        dock.model.modelReset.connect(unpainted)
        dock.model.rowsInserted.connect(unpainted)
        dock.resize(1000, 700)
        dock.show()
        while dock.busy() or not watch.painted:
            app.processEvents()
        elapsed = time.perf_counter() - start
        dock.shutdown()
        dock.close()
        dock.deleteLater()
        app.processEvents()
        return elapsed

    first_paint(store)  # warm-up (imports, fonts)
    ours = statistics.median(first_paint(store) for _ in range(repeats))
    empty = statistics.median(first_paint(empty_store) for _ in range(repeats))
    rows = [
        row(
            f"gallery first page + first paint ({JOBS} jobs)",
            ours,
            empty,
            target="< 300 ms",
            note="reference: the same dock over an empty history",
        )
    ]

    return rows


def _thumbnail_rows(tmp: Path, repeats: int) -> list[dict[str, object]]:
    from PIL import Image

    from studio.core.thumbnails import thumbnail_for

    out = []
    for side, fmt in ((1536, "PNG"), (1536, "JPEG"), (3840, "PNG"), (3840, "JPEG")):
        path = tmp / f"src-{side}.{fmt.lower()}"
        with Image.open(io.BytesIO(_png(side, side))) as im:
            im.save(path, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
        counter = iter(range(10**6))

        def ours(path: Path = path, counter: Iterator[int] = counter) -> None:
            cold = tmp / f"thumbs-{path.stem}-{next(counter)}"  # a cold cache each time
            thumbnail_for(path, cold, 256)

        def plain(path: Path = path, counter: Iterator[int] = counter) -> None:
            # what a competent script does: Pillow's own thumbnail (draft for JPEG, reduce
            # on decode: its defaults), written to disk in the format ours writes
            with Image.open(path) as im:
                im.draft("RGB", (512, 512))
                im.thumbnail((512, 512))
                im.convert("RGB").save(tmp / f"plain-{next(counter)}.jpg", "JPEG", quality=88)

        out.append(
            row(
                f"thumbnail 256@2x of a {side}px {fmt}, cold cache",
                measure(ours, repeats),
                measure(plain, repeats),
                target="ratio <= 0.6",
                note="reference: Pillow's Image.thumbnail (draft, reduce) written as JPEG",
            )
        )
    src = tmp / "src-1536.png"
    cached = thumbnail_for(src, tmp / "thumbs-warm", 256)
    assert cached.exists()
    out.append(
        row(
            "thumbnail from the disk cache (hash + lookup)",
            median_time(lambda: thumbnail_for(src, tmp / "thumbs-warm", 256), repeats),
            None,
            target="< 10 ms",
        )
    )
    return out


def run(quick: bool) -> list[dict[str, object]]:
    from studio.core.history import HistoryStore
    from studio.core.paths import Paths

    repeats = 3 if quick else 9
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        paths = Paths(config_dir=tmp / "config", data_dir=tmp / "data")
        empty_paths = Paths(config_dir=tmp / "config2", data_dir=tmp / "data2")
        store = HistoryStore(paths)
        empty = HistoryStore(empty_paths)
        try:
            seed_s = _seed(store, JOBS)
            rows.append(
                row(f"seed {JOBS} jobs (one transaction, files linked)", seed_s, None, note="setup")
            )
            rows.append(
                row(
                    "list_jobs first page (200 records with images)",
                    median_time(lambda: store.list_jobs(limit=200), repeats),
                    None,
                    target="< 30 ms",
                )
            )
            rows.extend(_gallery_rows(store, empty, repeats))
            rows.extend(_thumbnail_rows(tmp, repeats))
        finally:
            store.close()
            empty.close()
    return rows
