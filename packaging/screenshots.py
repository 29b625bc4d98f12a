"""Make the README's screenshots of the real window: ``uv run python packaging/screenshots.py DIR``.

Each shot runs in a process of its own (language, appearance and scale are fixed per
process), on a fresh home with the built-in sandbox, offscreen: the window is shown at
the screen size named, a scene is played through the window's own widgets (a prompt
typed and generated; a picture marked up; an expansion chosen) and the window is grabbed.
``--only NAME`` makes one shot.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: name -> (language, appearance, width x height, scale, scene)
SHOTS: dict[str, tuple[str, str, str, float, str]] = {
    "window-en": ("en", "light", "1366x768", 1.0, "generate"),
    "window-zh_CN": ("zh_CN", "light", "1366x768", 1.0, "generate"),
    "window-dark-en": ("en", "dark", "1366x768", 1.0, "generate"),
    "window-dark-zh_CN": ("zh_CN", "dark", "1366x768", 1.0, "generate"),
    "window-1920-en": ("en", "light", "1920x1080", 1.0, "generate"),
    "window-1920-dark-zh_CN": ("zh_CN", "dark", "1920x1080", 1.0, "generate"),
    "window-2x-en": ("en", "light", "1366x768", 2.0, "generate"),
    "window-markup-en": ("en", "light", "1366x768", 1.0, "markup"),
    "window-markup-zh_CN": ("zh_CN", "light", "1366x768", 1.0, "markup"),
    "window-expand-en": ("en", "light", "1366x768", 1.0, "expand"),
    "window-expand-zh_CN": ("zh_CN", "dark", "1366x768", 1.0, "expand"),
    "window-edit-retired-en": ("en", "light", "1366x768", 1.0, "edit-retired"),
    "window-edit-retired-zh_CN": ("zh_CN", "dark", "1366x768", 1.0, "edit-retired"),
    "window-conversation-en": ("en", "light", "1920x1080", 1.0, "conversation"),
    "window-conversation-zh_CN": ("zh_CN", "light", "1920x1080", 1.0, "conversation"),
    "history-en": ("en", "light", "1366x768", 1.0, "history"),
    "history-dark-zh_CN": ("zh_CN", "dark", "1366x768", 1.0, "history"),
    "history-list-en": ("en", "dark", "1366x768", 1.0, "history-list"),
    "library-en": ("en", "light", "1366x768", 1.0, "library"),
    "library-zh_CN": ("zh_CN", "light", "1366x768", 1.0, "library"),
    "compare-en": ("en", "light", "1366x768", 1.0, "compare-edit"),
    "compare-zh_CN": ("zh_CN", "light", "1366x768", 1.0, "compare"),
    "batch-en": ("en", "light", "1366x768", 1.0, "batch"),
    "batch-zh_CN": ("zh_CN", "dark", "1366x768", 1.0, "batch"),
}
#: the compare scene's targets on the sandbox: two answer, the upload-only model refuses
#: (in Edit mode it cannot edit: it is greyed in the list and cannot be ticked)
COMPARE_TARGETS = ("gpt-image-2.6-sunburst", "gpt-image-2", "paiwo-picture")
BATCH = {
    "en": (
        "a {animal} in {style}",
        "animal,style\n"
        + "".join(
            f"{a},{s}\n"
            for a in ("fox", "owl", "heron", "otter")
            for s in ("ink", "oil paint", "pastel")
        ),
    ),
    "zh_CN": (
        "{style}风格的{animal}",
        "animal,style\n"
        + "".join(
            f"{a},{s}\n"
            for a in ("狐狸", "猫头鹰", "苍鹭", "水獭")
            for s in ("水墨", "油画", "粉彩")
        ),
    ),
}
PROMPTS = {
    "en": "a small otter in a rainy harbour at night, neon lights",
    "zh_CN": "雨夜港口的一只小海獭，霓虹灯",
}
MARKUP_MODEL = "gpt-image-2.5-flare"
#: a conversation: two turns, then a branch from the first (its last instruction)
TURNS = {
    "en": ["a harbour at noon", "make the sky stormier", "add a red boat instead"],
    "zh_CN": ["正午的港口", "让天空更阴沉", "改为加一条红色小船"],
}


def _spin(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _wait(until: object, timeout: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not until():  # type: ignore[operator]
        if time.monotonic() > end:
            raise TimeoutError("the scene did not finish")
        QApplication.processEvents()
        time.sleep(0.01)


def _generate(window: object, lang: str) -> object:
    from studio.jobs.queue import JobState

    compose = window.compose  # type: ignore[attr-defined]
    compose.prompt.set_prompt(PROMPTS[lang])
    finished: list[object] = []
    window.queue.job_finished.connect(finished.append)  # type: ignore[attr-defined]
    compose.generate_button.click()
    _wait(lambda: finished)
    job = finished[0]
    assert job.state is JobState.DONE, job.error  # type: ignore[attr-defined]
    _spin(0.8)
    return job


def _drag(canvas: object, points: list[tuple[float, float]]) -> None:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    left = Qt.MouseButton.LeftButton
    pts = [canvas.image_to_widget(QPointF(x, y)) for x, y in points]  # type: ignore[attr-defined]

    def send(kind: QEvent.Type, p: QPointF, button: Qt.MouseButton, held: object) -> None:
        global_pos = QPointF(canvas.mapToGlobal(p.toPoint()))  # type: ignore[attr-defined]
        event = QMouseEvent(kind, p, global_pos, button, held, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)  # type: ignore[arg-type]

    send(QEvent.Type.MouseButtonPress, pts[0], left, left)
    for p in pts[1:]:
        send(QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, left)
    send(QEvent.Type.MouseButtonRelease, pts[-1], left, Qt.MouseButton.NoButton)


def _edit_a_result(window: object, lang: str, model: str) -> None:
    from studio.core.request import Mode

    compose = window.compose  # type: ignore[attr-defined]
    compose.model_box.setCurrentIndex(compose.model_box.findData(model))
    job = _generate(window, lang)
    window.history_actions.use_result(job.images[0], Mode.EDIT)  # type: ignore[attr-defined]
    _wait(lambda: len(compose.inputs.entries()) == 1)
    _wait(compose.mask_panel.isVisible)
    _spin(0.5)


def _markup(window: object, lang: str) -> None:
    from PySide6.QtWidgets import QLineEdit

    from studio.ui.canvas import Tool

    _edit_a_result(window, lang, MARKUP_MODEL)
    compose = window.compose  # type: ignore[attr-defined]
    panel = compose.mask_panel
    panel.markup_mode_button.click()
    canvas = panel.canvas
    canvas.set_tool(Tool.MARKUP_ELLIPSE)
    _drag(canvas, [(560, 380), (900, 700)])
    canvas.set_tool(Tool.MARKUP_ARROW)
    _drag(canvas, [(250, 250), (540, 420)])
    canvas.set_tool(Tool.MARKUP_TEXT)
    _drag(canvas, [(120, 170)])
    field = canvas.findChild(QLineEdit, "markup-note")
    if field is not None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        field.setText("把这里变成红色" if lang == "zh_CN" else "make this red")
        QTest.keyClick(field, Qt.Key.Key_Return)
    compose.prompt.set_prompt(
        "按标注修改" if lang == "zh_CN" else "follow the marks: a red lamp here"
    )
    _spin(1.0)


def _edit_retired(window: object, lang: str) -> None:
    """Edit mode on a retired model with a result as the input: its note and one-click
    switch above the prompt, every common option in view, More options closed."""
    _edit_a_result(window, lang, "gpt-image-1")
    compose = window.compose  # type: ignore[attr-defined]
    compose.prompt.set_prompt(
        "把天空换成黄昏" if lang == "zh_CN" else "turn the sky into a dusk sky"
    )
    _spin(0.5)


def _expand(window: object, lang: str) -> object:
    """Open Expand… on the first input and grab the dialog (it runs modally)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    _edit_a_result(window, lang, "gpt-image-2")
    compose = window.compose  # type: ignore[attr-defined]
    grabbed: list[object] = []

    def grab() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            how = getattr(dialog, "how", None)  # the size picker: a wide aspect
            if how is not None:
                wide = next((i for i in range(how.count()) if "16:9" in how.itemText(i)), -1)
                how.setCurrentIndex(max(0, wide))
            dialog.resize(900, 640)
            _spin(0.5)
            grabbed.append(dialog.grab())
            dialog.reject()
        else:
            QTimer.singleShot(100, grab)

    QTimer.singleShot(300, grab)
    compose._expand()
    return grabbed[0] if grabbed else None


def _conversation(window: object, lang: str) -> None:
    """Two turns in the Conversation tab, then a branch from the first."""
    panel = window.conversation  # type: ignore[attr-defined]
    window.right_tabs.setCurrentIndex(window.conversation_tab)  # type: ignore[attr-defined]
    first, second, branch = TURNS[lang]
    for count, text in enumerate((first, second), start=1):
        panel.composer.setPlainText(text)
        panel.send()
        _wait(lambda n=count: not panel._busy and len(panel.turn_items()) == n)
    panel._continue_from(panel.turn_items()[0])
    panel.composer.setPlainText(branch)
    panel.send()
    _wait(lambda: not panel._busy and panel.base_turn == max(panel._images))
    _spin(0.8)


#: the prompt library's contents: (title, text, tags); the first is shown
LIBRARY = {
    "en": [
        ("Animals in styles", "a {animal} in {style}, soft window light, {lens} lens", "style"),
        ("Harbour at night", "a small otter in a rainy harbour at night, neon lights", "night"),
        ("", "a lighthouse on a cliff, long exposure, stars", "night, sea"),
        ("Watercolour", "soft watercolour, paper texture", "snippet"),
    ],
    "zh_CN": [
        ("风格动物", "{style}风格的{animal}，柔和的窗光，{lens}镜头", "风格"),
        ("雨夜港口", "雨夜港口的一只小海獭，霓虹灯", "夜景"),
        ("", "悬崖上的灯塔，长曝光，星空", "夜景, 海"),
        ("水彩", "柔和的水彩，纸张纹理", "snippet"),
    ],
}


def _library(window: object, lang: str) -> object:
    """The Prompt library dialog with a template chosen (its variables marked)."""
    from studio.core.prompt_library import split_tags

    link = window.library  # type: ignore[attr-defined]
    for title, text, tags in reversed(LIBRARY[lang]):
        link.library.save(text, title, split_tags(tags))
    link.refresh_composer()
    dialog = link.open_dialog()
    dialog.resize(900, 560)
    dialog.list.setCurrentRow(0)
    _spin(0.8)
    return dialog.grab()


def _compare(window: object, lang: str, edit: bool = False) -> object:
    """Three targets compared (one refused), the first picked as the winner; ``edit``:
    each edits a result under a painted mask (Edit mode), where the upload-only model is
    not offered."""
    from PySide6.QtCore import Qt

    if edit:
        _edit_a_result(window, lang, "gpt-image-2")
        compose = window.compose  # type: ignore[attr-defined]
        compose.mask_panel.fill_button.click()
        _wait(lambda: not compose.mask_busy())
        compose.prompt.set_prompt(
            "把天空换成黄昏" if lang == "zh_CN" else "turn the sky into a dusk sky"
        )
    else:
        window.compose.prompt.set_prompt(PROMPTS[lang])  # type: ignore[attr-defined]
    window.act_compare.trigger()  # type: ignore[attr-defined]
    dialog = window.compare_dialog  # type: ignore[attr-defined]
    for row in range(dialog.targets.count()):
        item = dialog.targets.item(row)
        provider, model = item.data(Qt.ItemDataRole.UserRole)
        wanted = provider.is_sandbox and model in COMPARE_TARGETS
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    dialog.resize(900, 640)
    dialog.compare_button.click()
    _wait(lambda: dialog.group is not None)
    dialog.pick_winner(0)
    _spin(0.8)
    return dialog.grab()


def _batch(window: object, lang: str) -> object:
    """A batch of twelve under way: progress, spent so far, time left."""
    window.compose.prompt.set_prompt("")  # type: ignore[attr-defined]
    window.act_batch.trigger()  # type: ignore[attr-defined]
    panel = window.batch_panel  # type: ignore[attr-defined]
    template, values = BATCH[lang]
    panel.template.setText(template)
    panel.values.setPlainText(values)
    panel.concurrency.setValue(1)
    panel.resize(640, 560)
    _wait(panel.start_button.isEnabled)
    panel.start_button.click()
    _wait(lambda: panel.progress_bar.value() >= 5)
    picture = panel.grab()
    panel.cancel()
    _wait(lambda: panel.group is not None)
    return picture


#: the history scene's jobs: prompt and (provider's) model, newest last
HISTORY = {
    "en": [
        "a lighthouse on a cliff at dusk, oil painting",
        "a paper boat on a puddle, macro photo",
        "a fox curled up in the snow",
        "an isometric tiny library, soft light",
        "a koi pond from above, watercolour",
        "a robot watering plants, children's book style",
    ],
    "zh_CN": [
        "黄昏悬崖上的灯塔，油画",
        "水洼上的纸船，微距摄影",
        "雪中蜷缩的狐狸",
        "等距视角的小图书馆，柔和光线",
        "俯瞰锦鲤池，水彩",
        "给植物浇水的机器人，童书风格",
    ],
}
HISTORY_MODELS = ("gpt-image-2", "gpt-image-1.5", "dall-e-3", "seedream-4.0")


def _picture(seed: int, size: int = 384) -> bytes:
    """A soft two-colour gradient with a disc: reads as a picture at tile size."""
    import io
    import random

    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    top = tuple(rnd.randrange(40, 230) for _ in range(3))
    bottom = tuple(rnd.randrange(20, 200) for _ in range(3))
    mask = Image.linear_gradient("L").resize((size, size))
    image = Image.composite(
        Image.new("RGB", (size, size), bottom), Image.new("RGB", (size, size), top), mask
    )
    draw = ImageDraw.Draw(image)
    r = size // 5
    x, y = rnd.randrange(r, size - r), rnd.randrange(r, size - r)
    draw.ellipse(
        (x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(150, 256) for _ in range(3))
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _seed_history(history: object, lang: str) -> None:
    """Every kind of tile: pictures, a favourite, a GIF and an SVG, a failed job and a
    cancelled edit, a comparison, a batch and a conversation."""
    import io

    from PIL import Image

    from studio.core.errors import ErrorKind, StudioError
    from studio.core.history.groups import (
        GroupKind,
        GroupStatus,
        GroupStore,
        MemberSpec,
        MemberState,
    )
    from studio.core.history.threads import add_turn
    from studio.core.request import ImageRequest, InputImage, Mode
    from studio.core.result import GeneratedImage, ImageResult

    store: Any = history
    prompts = HISTORY[lang]

    def job(prompt: str, model: str, data: bytes | None, fmt: str = "png", **kw: Any) -> int:
        request = ImageRequest(
            kw.pop("mode", Mode.GENERATE), model, prompt, {"size": "1024x1024"}, **kw
        )
        made = store.start_job(provider_id="sandbox", provider_name="Sandbox", request=request)
        if data is not None:
            image = GeneratedImage(data, fmt, 384, 384)
            store.finish_job(made, ImageResult(images=[image]))
        return int(made)

    groups = GroupStore(store)
    for i, prompt in enumerate(prompts[:3]):
        job(prompt, HISTORY_MODELS[i % 4], _picture(i))
    frames = [Image.open(io.BytesIO(_picture(40 + f, 128))) for f in range(4)]
    moving = io.BytesIO()
    frames[0].save(moving, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    job(prompts[3], "gpt-image-2", moving.getvalue(), "gif")
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
        b'<rect width="384" height="384" fill="#f4efe6"/><circle cx="192" cy="170" r="90" '
        b'fill="#e0664f"/><rect x="60" y="280" width="264" height="40" rx="20" '
        b'fill="#2f6f8f"/></svg>'
    )
    job(prompts[4], "gpt-image-2.6-sunburst", svg, "svg")
    refused = job(prompts[5], "gpt-image-1.5", None)
    store.fail_job(
        refused,
        StudioError(
            ErrorKind.PROVIDER,
            "Your request was rejected by the safety system.",
            status=400,
            code="moderation_blocked",
        ),
    )
    source = InputImage("input.png", _picture(77))
    edit = job(prompts[0], "gpt-image-2", None, mode=Mode.EDIT, images=(source,))
    store.fail_job(edit, StudioError.cancelled())
    for kind, count, base in ((GroupKind.COMPARE, 3, 10), (GroupKind.BATCH, 4, 20)):
        members = [
            MemberSpec(prompts[(base + k) % 6], {"model": HISTORY_MODELS[k % 4]})
            for k in range(count)
        ]
        gid = groups.create(kind, prompts[base % 6], {}, members)
        for k in range(count):
            made = job(members[k].prompt, HISTORY_MODELS[k % 4], _picture(base + k))
            groups.update_member(gid, k, MemberState.SUCCEEDED, job_id=made)
        groups.set_status(gid, GroupStatus.FINISHED)
    parent = None
    for k, text in enumerate(TURNS[lang]):
        made = job(text, "gpt-image-2", _picture(30 + k))
        parent = add_turn(store, made, parent=parent, text_model="gpt-5")
    starred = job(prompts[2], "gpt-image-2", _picture(99))
    store.set_favourite(starred, True)


def _history(window: Any, listing: bool) -> None:
    """The seeded history, the gallery given the room of the window's lower half."""
    from PySide6.QtCore import Qt

    gallery = window.gallery
    _seed_history(window.studio.history, os.environ.get("IMAGE_STUDIO_LANG", "en"))
    gallery.refresh()
    window.resizeDocks([gallery], [window.height() // 2], Qt.Orientation.Vertical)
    if listing:
        gallery.view_options.list_button.setChecked(True)
    _wait(lambda: not gallery.busy() and gallery.model.rowCount() > 0)
    gallery.thumbs.wait()
    _spin(1.5)


def shoot(name: str, out: Path) -> None:
    """In this process: make one shot (the environment was set by :func:`main`)."""
    lang, look, size, _scale, scene = SHOTS[name]
    width, height = (int(v) for v in size.split("x"))
    from studio.app import create_application
    from studio.core.service import Studio
    from studio.sandbox.embedded import embedded_sandbox_url
    from studio.ui.i18n import set_language
    from studio.ui.main_window import MainWindow
    from studio.ui.theme import apply_scheme

    app = create_application([])
    studio = Studio.open(os.environ["IMAGE_STUDIO_HOME"], sandbox=embedded_sandbox_url)
    set_language(lang)
    apply_scheme(look)
    window = MainWindow(studio)
    window.resize(width, height)
    window.show()
    _spin(1.0)
    picture = None
    if scene == "generate":
        _generate(window, lang)
    elif scene == "markup":
        _markup(window, lang)
    elif scene == "edit-retired":
        _edit_retired(window, lang)
    elif scene == "expand":
        picture = _expand(window, lang)
    elif scene == "conversation":
        _conversation(window, lang)
    elif scene == "library":
        picture = _library(window, lang)
    elif scene in ("compare", "compare-edit"):
        picture = _compare(window, lang, edit=scene == "compare-edit")
    elif scene == "batch":
        picture = _batch(window, lang)
    elif scene in ("history", "history-list"):
        _history(window, scene == "history-list")
    _spin(0.5)
    (picture or window.grab()).save(str(out))  # type: ignore[attr-defined]
    window.close()
    studio.close()
    del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/screenshots.py")
    parser.add_argument("out", type=Path)
    parser.add_argument("--only")
    parser.add_argument("--shot", help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args(argv)
    if args.shot:
        shoot(args.shot, args.out)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    failed = []
    for name, (lang, look, _size, scale, _scene) in SHOTS.items():
        if args.only and name != args.only:
            continue
        with tempfile.TemporaryDirectory() as home:
            config = Path(home) / "config"
            config.mkdir()
            (config / "settings.json").write_text(
                json.dumps({"language": lang, "appearance": look}), encoding="utf-8"
            )
            env = {
                **os.environ,
                "QT_QPA_PLATFORM": "offscreen",
                "QT_SCALE_FACTOR": str(scale),
                "IMAGE_STUDIO_HOME": home,
                "IMAGE_STUDIO_LANG": lang,
            }
            target = args.out / f"{name}.png"
            done = subprocess.run(
                [sys.executable, __file__, str(target), "--shot", name],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode != 0 or not target.exists():
                failed.append(name)
                print(f"{name}: failed\n{done.stderr[-3000:]}", file=sys.stderr)
            else:
                print(f"{name}: {target}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
