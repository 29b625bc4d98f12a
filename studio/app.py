"""Start the GUI: QApplication, logging, translator, settings, main window.

``run_gui(argv)`` is what ``image-studio`` runs without a subcommand. It
accepts ``--home DIR`` (everything under one folder, like the CLI) and
honours ``$IMAGE_STUDIO_LANG`` (``en`` / ``zh_CN``) over the language setting.
"""

from __future__ import annotations

import argparse
import logging
import sys

from studio import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME, __version__

log = logging.getLogger(__name__)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="image-studio", add_help=True)
    parser.add_argument("--home", help="keep settings, history and images under this folder")
    parser.add_argument("--verbose", action="store_true", help="log debug details")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def create_application(argv: list[str] | None = None) -> object:
    """The QApplication with the studio's names (reuses one that already exists)."""
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
    app.setApplicationVersion(__version__)
    if isinstance(app, QGuiApplication):
        app.setDesktopFileName(APP_ID)
    return app


def run_gui(argv: list[str]) -> int:
    args = _parse(argv)
    app = create_application(argv)

    from studio.core.logs import setup_logging, shutdown_logging
    from studio.core.paths import resolve_paths
    from studio.core.service import Studio
    from studio.jobs.op import wait_for_workers
    from studio.ui.i18n import choose_language, set_language
    from studio.ui.main_window import MainWindow

    setup_logging(resolve_paths(args.home).ensure(), verbose=args.verbose)
    studio = Studio.open(args.home)
    set_language(choose_language(getattr(studio.settings, "language", "system")))
    window = MainWindow(studio)
    window.show()
    try:
        code = int(app.exec())  # type: ignore[attr-defined]
    finally:
        window.queue.cancel_all()
        wait_for_workers(10_000)
        studio.close()
        shutdown_logging()
    return code
