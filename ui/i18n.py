"""The window's language: English (the source language) or a bundled translation.

The language comes from the window's setting (Session ▸ Language), else from the system's
locale. A translation is ``readingroom/resources/translations/readingroom_<lang>.qm``, built
from its ``.ts`` by ``scripts/build_translations.py``; Qt's own texts (dialog buttons, context
menus) come from Qt's ``qtbase_<lang>.qm`` when the Qt installation has it. English needs no
file. A language other than the system's also gives its formats (month names) to ``QLocale()``.
The choice applies when the application starts: windows are built with their words.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from readingroom.paths import resource

SOURCE_LANGUAGE = "en"
#: the setting's value for "whatever the system uses"
SYSTEM = ""
PREFIX = "readingroom_"
#: each language named in itself, so anyone can find their own in the menu
ENDONYMS = {"en": "English", "ko": "한국어"}
LOGGER = logging.getLogger("readingroom.ui")

#: texts that reach a translate helper only at run time (a table, the domain's progress
#: messages), listed here so the build script extracts them under the helper's context
RUNTIME_TEXTS = (
    QT_TRANSLATE_NOOP("Welcome", "Creating the catalogue"),
    QT_TRANSLATE_NOOP("Welcome", "Adding the first supervisor"),
    QT_TRANSLATE_NOOP("Welcome", "Opening the demo collection"),
    QT_TRANSLATE_NOOP("Welcome", "Loading the demo collection"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "Japanese"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "English"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "French"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "Italian"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "Russian"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "German"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "Spanish"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "Chinese"),
    QT_TRANSLATE_NOOP("WritersCatalogue", "Korean"),
)

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


def translation_file(language: str) -> str:
    return str(resource("translations", f"{PREFIX}{language}.qm"))


def available_languages() -> list[str]:
    """English and every language with a built translation, e.g. ``["en", "ko"]``."""
    folder = resource("translations")
    built = (
        sorted(p.stem.removeprefix(PREFIX) for p in folder.glob(f"{PREFIX}*.qm"))
        if folder.is_dir()
        else []
    )
    return [SOURCE_LANGUAGE] + [code for code in built if code != SOURCE_LANGUAGE]


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's UI languages that the app speaks (English if none)."""
    available = available_languages()
    for name in (locale or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in available:
            return code
    return SOURCE_LANGUAGE


def choose_language(setting: str | None, locale: QLocale | None = None) -> str:
    """The setting when it names an available language, else the system's."""
    if setting and setting in available_languages():
        return setting
    return system_language(locale)


def current_language() -> str:
    """The language installed by :func:`install_translator` (``"en"`` before)."""
    return _current


def remove_translators(app: QCoreApplication) -> None:
    """Back to English, with the system's formats (month names, numbers)."""
    global _current
    while _installed:
        app.removeTranslator(_installed.pop())
    _current = SOURCE_LANGUAGE
    QLocale.setDefault(QLocale.system())


def install_translator(
    app: QCoreApplication, language: str | None, locale: QLocale | None = None
) -> str:
    """Install the translation for ``language`` (the setting; None or "" for the system's)
    in place of any installed before; returns the language now in use."""
    global _current
    remove_translators(app)
    chosen = choose_language(language, locale)
    if chosen == SOURCE_LANGUAGE:
        return chosen
    ours = QTranslator(app)
    if not ours.load(translation_file(chosen)):
        LOGGER.warning("cannot load the %s translation %s", chosen, translation_file(chosen))
        return SOURCE_LANGUAGE
    qt = QTranslator(app)
    if qt.load(f"qtbase_{chosen}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)  # installed last, so asked first
    _installed.append(ours)
    _current = chosen
    if chosen != system_language(locale):
        QLocale.setDefault(QLocale(chosen))  # month names and numbers in that language too
    return chosen


def add_language_menu(menu: QMenu, settings, notify) -> QMenu:
    """A "Language" submenu of ``menu``: the system's or one language, stored in
    ``settings.language``; ``notify(text)`` says that it applies at the next start."""
    submenu = menu.addMenu(tr("&Language"))
    submenu.menuAction().setObjectName("language_menu")
    group = QActionGroup(submenu)
    choices = [(SYSTEM, tr("As the &system"))] + [
        (code, ENDONYMS.get(code, code)) for code in available_languages()
    ]
    for code, label in choices:
        action = QAction(label, submenu)
        action.setCheckable(True)
        action.setChecked(settings.language == code)
        action.setData(code)
        action.triggered.connect(lambda _=False, c=code: _choose(settings, c, notify))
        group.addAction(action)
        submenu.addAction(action)
    return submenu


def _choose(settings, code: str, notify) -> None:
    settings.language = code
    settings.sync()
    notify(tr("The language changes when Reading Room next starts."))
