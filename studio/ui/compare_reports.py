"""What a running comparison reports to its dialog from the worker: a member started,
a partial image, a member's final state (with its first image decoded there), a retry's
new member; and the runner callbacks that report them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QImage

from studio.core.batch import MemberDone
from studio.core.events import JobEvent, JobStarted, PartialImage


@dataclass(frozen=True)
class Started:
    idx: int


@dataclass(frozen=True)
class Partial:
    idx: int
    picture: QImage
    index: int


@dataclass(frozen=True)
class Finished:
    """A member's final state, its first stored image decoded (on the worker)."""

    done: MemberDone
    picture: QImage


@dataclass(frozen=True)
class Retrying:
    position: int
    idx: int


def first_picture(paths: tuple[str, ...] | list[str]) -> QImage:
    """The first stored image, decoded (worker thread); a null image when there is none."""
    from studio.core.regular import read_regular
    from studio.jobs.decoding import decode

    if not paths:
        return QImage()
    try:
        return decode(read_regular(paths[0]))
    except OSError:
        return QImage()


def reporter(report: Any) -> tuple[Any, Any]:
    """``on_member`` and ``on_event`` callbacks for a runner that hand the dialog what
    it shows, with pictures decoded on the worker."""

    def on_member(done: MemberDone) -> None:
        report(Finished(done, first_picture(done.paths)))

    def on_event(idx: int, event: JobEvent) -> None:
        if isinstance(event, JobStarted):
            report(Started(idx))
        elif isinstance(event, PartialImage):
            from studio.jobs.decoding import decode

            report(Partial(idx, decode(event.data), event.index))

    return on_member, on_event
