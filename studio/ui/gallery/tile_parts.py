"""What a gallery tile says besides its picture: the caption, the model and time, the
badges (favourite, format, group or thread, status) and the words a tile without a
picture shows. Kept apart from the painting so each part is plain to test; the words
keep the delegate's translation context."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from studio.core.history import JobRecord
from studio.core.history.stacks import Stack
from studio.ui.core_text import job_error_text
from studio.ui.cost_text import group_cost_text, record_cost_text
from studio.ui.gallery.items import GalleryItem
from studio.ui.labels import stored_provider_name

#: formats worth a badge: a GIF moves, an SVG is drawn (the rest are plain pictures)
BADGE_FORMATS = ("gif", "svg")
STATUS_COLOURS = {
    "failed": QColor(200, 60, 60),
    "interrupted": QColor(200, 130, 40),
    "cancelled": QColor(120, 120, 120),
    "running": QColor(60, 120, 200),
}
STACK_COLOURS = {
    "compare": QColor(20, 130, 120),
    "batch": QColor(120, 80, 180),
    "thread": QColor(40, 110, 190),
}
FORMAT_COLOUR = QColor(70, 70, 70)
FAVOURITE_COLOUR = QColor(200, 140, 0)
#: a small mark beside the status word (readable without colour too)
STATUS_MARKS = {"failed": "✕", "cancelled": "⊘", "interrupted": "!", "running": "…"}


@dataclass(frozen=True)
class Badge:
    kind: str  # "favourite", "format", "compare", "batch", "thread" or "status"
    text: str
    colour: QColor
    short: str = ""  # for a small tile: the count or the mark alone (the tooltip says more)
    #: a group's kind in words and its count: a narrow tile shortens the word, not the
    #: pattern ("Comp… · 4"), so a comparison and a batch read alike at any size
    word: str = ""
    count: str = ""


def caption(job: JobRecord) -> str:
    """A job's tile caption: its prompt's first line."""
    first = next((line.strip() for line in job.prompt.splitlines() if line.strip()), "")
    return first or f"#{job.id}"


def when(job: JobRecord, now: float | None = None) -> str:
    """The job's time as a tile shows it: the hour today, the day this year, else the date."""
    made = dt.datetime.fromtimestamp(job.created_at)
    today = dt.datetime.now() if now is None else dt.datetime.fromtimestamp(now)
    if made.date() == today.date():
        return made.strftime("%H:%M")
    if made.year == today.year:
        return made.strftime("%m-%d")
    return made.strftime("%Y-%m-%d")


def model_line(job: JobRecord) -> str:
    """The foot of the picture: the model and when."""
    return f"{job.model} · {when(job)}" if job.model else when(job)


def status_word(status: str) -> str:
    return {
        "failed": QCoreApplication.translate("GalleryDelegate", "Failed"),
        "cancelled": QCoreApplication.translate("GalleryDelegate", "Cancelled"),
        "interrupted": QCoreApplication.translate("GalleryDelegate", "Interrupted"),
        "running": QCoreApplication.translate("GalleryDelegate", "Running…"),
    }.get(status, "")


class ThreadWords(QObject):
    """A thread's badge, "Thread · 3 turns": a count has its plural forms only through a
    class's ``self.tr`` (the catalogue tool reads none from ``translate``)."""

    def badge(self, turns: int) -> str:
        return self.tr("Thread · %n turn(s)", "", turns)


@cache
def _thread_words() -> ThreadWords:
    return ThreadWords()


def badges_for(item: GalleryItem) -> list[Badge]:
    """The tile's badges, in the order they are drawn (left to right, then the corner)."""
    job, out = item.job, []
    stack = item.stack
    if stack is not None:
        n = stack.members  # a plain name: the catalogue tool reads no attribute here
        colour = STACK_COLOURS.get(stack.kind, FORMAT_COLOUR)
        if stack.is_thread:
            text = _thread_words().badge(n)
            out.append(Badge(stack.kind, text, colour, f"×{n}"))
        else:
            word = group_word(stack.kind)
            out.append(Badge(stack.kind, f"{word} · {n}", colour, f"×{n}", word, str(n)))
    image = item.image
    if image is not None and image.format.lower() in BADGE_FORMATS:
        out.append(Badge("format", image.format.upper(), FORMAT_COLOUR, image.format.upper()))
    if job.status in STATUS_COLOURS:
        mark = STATUS_MARKS[job.status]
        word = f"{mark} {status_word(job.status)}"
        out.append(Badge("status", word, STATUS_COLOURS[job.status], mark))
    if job.favourite:
        out.append(Badge("favourite", "★", FAVOURITE_COLOUR, "★"))
    return out


def group_word(kind: str) -> str:
    """A group's kind as its badge names it."""
    if kind == "batch":
        return QCoreApplication.translate("GalleryDelegate", "Batch")
    return QCoreApplication.translate("GalleryDelegate", "Compare")


def group_count_text(stack: Stack) -> str:
    """What a group badge's number counts (the same for a comparison and a batch)."""
    return (
        QCoreApplication.translate(
            "GalleryModel",
            "The number counts every member: %1 (each target or row, retries, failed and"
            " unsent ones included); %2 succeeded",
        )
        .replace("%1", str(stack.members))
        .replace("%2", str(stack.succeeded))
    )


def picture_path(item: GalleryItem) -> str | None:
    """The file a tile shows: its image, or for a job that made none its first input
    (an edit that failed still shows what it was editing)."""
    if item.path is not None:
        return item.path
    if item.job.inputs and item.job.status != "running":
        return str(item.job.inputs[0])
    return None


def words_without_picture(item: GalleryItem, missing: bool, *, with_reason: bool) -> str:
    """What a tile without a picture shows: its prompt (and why it made nothing)."""
    job = item.job
    if item.path is not None:
        return (
            QCoreApplication.translate("GalleryDelegate", "Image file missing")
            if missing
            else QCoreApplication.translate("GalleryDelegate", "Loading…")
        )
    prompt = (
        caption(job)
        if job.prompt.strip()
        else QCoreApplication.translate("GalleryDelegate", "No image")
    )
    if len(prompt) > 160:
        prompt = prompt[:160] + "…"
    reason = job_error_text(job.error) if job.error is not None else ""
    if len(reason) > 100:
        reason = reason[:100] + "…"
    return f"{prompt}\n\n{reason}" if reason and with_reason else prompt


def status_text(status: str) -> str:
    """A job's status in words, lower case (within the tooltip's line)."""
    return {
        "running": QCoreApplication.translate("GalleryModel", "running"),
        "succeeded": QCoreApplication.translate("GalleryModel", "succeeded"),
        "failed": QCoreApplication.translate("GalleryModel", "failed"),
        "cancelled": QCoreApplication.translate("GalleryModel", "cancelled"),
        "interrupted": QCoreApplication.translate("GalleryModel", "interrupted"),
    }.get(status, status)


def status_label(status: str) -> str:
    """A job's status as the list's Status column shows it: a word of its own, capitalised
    as the Status filter's choices are."""
    return {
        "running": QCoreApplication.translate("GalleryModel", "Running"),
        "succeeded": QCoreApplication.translate("GalleryModel", "Succeeded"),
        "failed": QCoreApplication.translate("GalleryModel", "Failed"),
        "cancelled": QCoreApplication.translate("GalleryModel", "Cancelled"),
        "interrupted": QCoreApplication.translate("GalleryModel", "Interrupted"),
    }.get(status, status)


def tooltip(item: GalleryItem) -> str:
    """All a tile stands for, in a few lines (its prompt, model, settings, reason)."""
    job = item.job
    made = time.strftime("%Y-%m-%d %H:%M", time.localtime(job.created_at))
    prompt = job.prompt if len(job.prompt) <= 300 else job.prompt[:300] + "…"
    lines = [
        prompt or QCoreApplication.translate("GalleryModel", "(no prompt)"),
        QCoreApplication.translate("GalleryModel", "{model} on {provider} · {when}").format(
            model=job.model,
            provider=stored_provider_name(job.provider_id, job.provider_name),
            when=made,
        ),
        QCoreApplication.translate("GalleryModel", "Job {id} · {mode} · {status}").format(
            # the mode's name as the core's catalogue says it ("generate" is listed there)
            id=job.id,
            mode=QCoreApplication.translate("core", job.mode),
            status=status_text(job.status),
        ),
    ]
    settings = ", ".join(
        f"{k}={v}" for k, v in job.params.items() if k in ("size", "quality", "n", "style")
    )
    if settings:
        lines.append(settings)
    if item.image is not None:
        lines.append(f"{item.image.width}×{item.image.height} {item.image.format.upper()}")
        if item.image.revised_prompt:
            lines.append(
                QCoreApplication.translate("GalleryModel", "Revised: {text}").format(
                    text=item.image.revised_prompt
                )
            )
    if job.error is not None:
        lines.append(
            QCoreApplication.translate("GalleryModel", "Reason: {text}").format(
                text=job_error_text(job.error)
            )
        )
    if item.stack is not None:
        lines.append(badges_for(item)[0].text)
        if not item.stack.is_thread:
            lines.append(group_count_text(item.stack))
        cost = group_cost_text(item.stack.cost) if item.stack.cost is not None else ""
        if cost:  # the list's Cost column may be too narrow for it whole
            total = (
                QCoreApplication.translate("GalleryModel", "Cost of all turns: %1")
                if item.stack.is_thread
                else QCoreApplication.translate("GalleryModel", "Cost of all members: %1")
            )
            lines.append(total.replace("%1", cost))
    return "\n".join(lines)


def spoken(item: GalleryItem) -> str:
    """What a screen reader says for a tile (its accessible text): the prompt, what kind
    of tile it is, its status and cost, the model and time; the picture says none of it."""
    job, stack = item.job, item.stack
    parts = [caption(job)]
    for badge in badges_for(item):
        if badge.kind == "favourite":
            parts.append(QCoreApplication.translate("GalleryModel", "favourite"))
        elif badge.kind != "status":
            parts.append(badge.text)
    parts.append(status_text(job.status))
    cost = group_cost_text(stack.cost) if stack is not None and stack.cost else ""
    parts.append(cost or record_cost_text(job))
    parts.append(model_line(job))
    return QCoreApplication.translate("GalleryModel", ", ").join(p for p in parts if p)


def open_stack_text(stack: Stack | None) -> str:
    """The words of the action that opens a group or thread tile where it lives."""
    if stack is None:
        return QCoreApplication.translate("GalleryDock", "Open Group or Conversation")
    if stack.is_thread:
        return QCoreApplication.translate("GalleryDock", "Open Conversation")
    if stack.kind == "batch":
        return QCoreApplication.translate("GalleryDock", "Open Batch")
    return QCoreApplication.translate("GalleryDock", "Open Comparison")
