"""Language: English in the source, Simplified Chinese from ``studio/resources/translations``.

English has a catalogue too, of plural forms only: the source says "%n job(s)", and
``studio_en`` makes it "1 job" or "2 jobs".

The language is chosen by ``$IMAGE_STUDIO_LANG``, else the setting, else the
system locale. Installing a translator sends every widget a LanguageChange
event; widgets re-set their texts in ``retranslate_ui`` (runtime switching).
Regenerate the catalogue with ``uv run python packaging/i18n_build.py``.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from studio.core.resources import resource

log = logging.getLogger(__name__)

LANG_ENV = "IMAGE_STUDIO_LANG"
#: language code -> its own name (shown untranslated, as people look for their own language)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []
_current = "en"


def normalise(code: str) -> str:
    """``zh-CN``/``zh_Hans``/``zh`` -> ``zh_CN``; anything else we lack -> ``en``."""
    c = code.replace("-", "_")
    if c.lower().startswith("zh"):
        return "zh_CN"
    return c if c in LANGUAGES else "en"


def choose_language(setting: str | None = None) -> str:
    env = os.environ.get(LANG_ENV, "").strip()
    if env:
        return normalise(env)
    if setting and setting != "system":
        return normalise(setting)
    return normalise(QLocale.system().name())


def language_shown(setting: str | None) -> str:
    """The Settings list's choice: the setting, or with $IMAGE_STUDIO_LANG the language
    in use (which that variable chose over the setting)."""
    if os.environ.get(LANG_ENV, "").strip():
        return _current
    return setting or "system"


def current_language() -> str:
    return _current


def set_language(code: str) -> bool:
    """Install the translators for ``code`` (``en`` removes them). True when loaded."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        return False
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed.clear()
    _current = normalise(code)
    ok = False
    ours = QTranslator(app)
    if ours.load(f"studio_{_current}", str(resource("translations"))):
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
        ok = True
    else:
        log.warning("no translation for %s in %s", _current, resource("translations"))
    if _current == "en":
        # the source is English: its catalogue has only the plural forms ("1 job",
        # "2 jobs" for "%n job(s)"); Qt's own dialogs need none
        QLocale.setDefault(QLocale("en"))
        _deliver()
        return ok
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{_current}", qt_dir):  # Qt's own dialogs, where shipped
        QCoreApplication.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(_current))
    _deliver()
    return ok


def _deliver() -> None:
    """Deliver the posted LanguageChange events now, so texts are switched on return."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
