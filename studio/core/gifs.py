"""The timing of an animated GIF: how many frames and how long each is shown.

Apart from :mod:`studio.core.outformats` so that a job, which only names formats,
does not create this record's class at import."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

#: frames read at most from a GIF (the API makes 2-16)
MAX_FRAMES = 1000


@dataclass(frozen=True)
class GifTiming:
    """Frames of an animated GIF and how long each is shown, in milliseconds."""

    durations: tuple[int, ...]
    loop: int | None = None  # 0: forever; None: plays once

    @property
    def frame_count(self) -> int:
        return len(self.durations)


def gif_timing(data: bytes) -> GifTiming:
    """Frame count and per-frame durations, read with Pillow (bounded; raises ValueError)."""
    durations: list[int] = []
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format != "GIF":
                    raise ValueError("not a GIF")
                loop = img.info.get("loop")
                frames = int(getattr(img, "n_frames", 1))
                for index in range(min(frames, MAX_FRAMES)):
                    img.seek(index)
                    durations.append(int(img.info.get("duration", 0) or 0))
    except ValueError:
        raise
    except Exception as exc:  # a damaged GIF makes Pillow's reader raise
        # whatever its parsing hits (IndexError, struct.error, DecompressionBombError...)
        raise ValueError(f"not a readable GIF ({exc})") from None
    return GifTiming(tuple(durations), loop if isinstance(loop, int) else None)
