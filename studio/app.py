"""Start the GUI: QApplication, logging, translator, settings, main window.

``run_gui(argv)`` is what ``image-studio`` runs without a subcommand. It
accepts ``--home DIR`` (everything under one folder, like the CLI) and
honours ``$IMAGE_STUDIO_LANG`` (``en`` / ``zh_CN``) over the language setting.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from types import SimpleNamespace
from typing import TYPE_CHECKING

from studio import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME

if TYPE_CHECKING:
    import argparse

    from studio.core.service import SandboxAddress, Studio

log = logging.getLogger(__name__)

#: benchmark hook: print ``FIRST_PAINT_MARK <time.monotonic()>`` once the window has painted, quit
FIRST_PAINT_ENV = "IMAGE_STUDIO_BENCH_FIRST_PAINT"
FIRST_PAINT_MARK = "IMAGE_STUDIO_FIRST_PAINT"


def _plain(argv: list[str]) -> SimpleNamespace | None:
    """``--home DIR`` / ``--home=DIR`` and ``--verbose`` alone, read without importing
    ``argparse`` or building a parser; None for anything else."""
    args = SimpleNamespace(home=None, verbose=False)
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--verbose":
            args.verbose = True
        elif arg.startswith("--home=") and len(arg) > len("--home="):
            args.home = arg[len("--home=") :]
        elif arg == "--home" and rest and not rest[0].startswith("-"):
            args.home = rest.pop(0)
        else:
            return None
    return args


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="image-studio", add_help=True)
    parser.add_argument("--home", help="keep settings, history and images under this folder")
    parser.add_argument("--verbose", action="store_true", help="log debug details")
    return parser


def _parse(argv: list[str]) -> SimpleNamespace | argparse.Namespace:
    plain = _plain(argv)
    if plain is not None:
        return plain
    args, _qt_args = _parser().parse_known_args(argv)  # Qt's own options pass through
    return args


def _check_sources_by_bytes() -> None:
    """PySide6 asks of every module imported after it whether its source names PySide6
    (for its opt-in ``__feature__`` switches), through ``inspect.getsource``, which looks
    the module up among all loaded ones: ~15-40 ms over the window's imports. Ask the
    same of the file's bytes; anything but a plain ``.py`` file goes to PySide's own check.
    """
    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or upstream is None or getattr(upstream, "by_bytes", False):
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(upstream(module))

    uses_pyside.by_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


def create_application(argv: list[str] | None = None) -> object:
    """The QApplication with the studio's names (reuses one that already exists)."""
    import PySide6  # noqa: F401  (its import hook is in place from here)

    _check_sources_by_bytes()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0] if sys.argv else APP_ID, *(argv or [])])
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationName(APP_NAME)
    if isinstance(app, QGuiApplication):
        app.setDesktopFileName(APP_ID)
    return app


def _set_version(app: object) -> None:
    from studio import version

    app.setApplicationVersion(version())  # type: ignore[attr-defined]


def _quit_after_first_paint(window: object) -> None:
    """Benchmark hook: report when the window's first paint has been done, then quit.

    The report runs from a 0-ms timer queued by the first paint event, so the
    whole first frame (every child widget) has been painted by then.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    def report() -> None:
        print(f"{FIRST_PAINT_MARK} {time.monotonic():.6f}", flush=True)
        if os.environ.get("XPROF_EXIT"):
            os._exit(0)
        QApplication.quit()

    class _Watch(QObject):
        seen = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, report)
            return False

    watch = _Watch(window)  # type: ignore[arg-type]
    window.installEventFilter(watch)  # type: ignore[attr-defined]


def _embedded_sandbox_url() -> str:
    from studio.sandbox.embedded import embedded_sandbox_url  # started on the first sandbox job

    return embedded_sandbox_url()


def _open_studio(
    home: str | None, sandbox: SandboxAddress | None, argv: list[str]
) -> Studio | None:
    """The studio, or None when its history cannot be opened and the user quits (told
    why in the window's language; a damaged history can be set aside for a new one)."""
    from studio.core.history.opening import HistoryUnusable
    from studio.core.service import Studio

    while True:
        try:
            return Studio.open(home, sandbox=sandbox, recover=False)
        except HistoryUnusable as failure:
            log.error("%s", failure.message())
            create_application(argv)
            from studio.core.paths import resolve_paths
            from studio.core.settings import load_settings
            from studio.ui.history_failure import explain
            from studio.ui.i18n import choose_language, set_language

            set_language(choose_language(load_settings(resolve_paths(home))[0].language))
            if not explain(failure):
                return None


def run_gui(argv: list[str], *, sandbox: SandboxAddress | None = None) -> int:
    """Open the window; ``sandbox`` serves the built-in sandbox (the embedded one by default)."""
    from studio.core import collector

    collector.pause()  # until the window is on screen (see studio.core.collector)
    args = _parse(argv)
    # the Qt-free part first: once PySide6 is imported, every module imported after it
    # passes its import hook (which reads the module's source to look for PySide6)
    from studio.core.logs import setup_logging, shutdown_logging
    from studio.core.paths import resolve_paths

    setup_logging(resolve_paths(args.home).ensure(), verbose=args.verbose)
    # the journal is recovered by the window, in the background (result links may be slow)
    studio = _open_studio(args.home, sandbox or _embedded_sandbox_url, argv)
    if studio is None:
        shutdown_logging()
        return 1
    app = create_application(argv)

    from studio.jobs.op import BackgroundOp, wait_for_workers
    from studio.ui.first_paint import after_first_paint
    from studio.ui.i18n import choose_language, set_language
    from studio.ui.main_window import MainWindow
    from studio.ui.theme import apply_scheme

    set_language(choose_language(getattr(studio.settings, "language", "system")))
    apply_scheme(studio.settings.appearance)
    window = MainWindow(studio)
    # the version needs importlib.metadata (~30 ms): read once the window is on screen
    after_first_paint(window, lambda: _set_version(app))
    after_first_paint(window, collector.resume)
    # jobs a session that died left "running": marked on a worker, not before the first
    # paint; the gallery hears of it from the history store
    BackgroundOp(window, studio.history.mark_interrupted, lambda _count: None).failure(
        lambda exc: log.warning("marking interrupted jobs failed: %s", exc)
    ).run()
    if os.environ.get(FIRST_PAINT_ENV) == "1":
        _quit_after_first_paint(window)
    window.show()
    try:
        code = int(app.exec())  # type: ignore[attr-defined]
    finally:
        collector.resume()  # a window closed before it painted
        window.queue.cancel_all()
        wait_for_workers(10_000)
        studio.close()
        shutdown_logging()
    return code
