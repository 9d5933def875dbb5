"""The window's language: English (the source language) or a bundled translation.

The language comes from the window's setting (Session ▸ Language), else from the system's
locale, by its full tag: a system in ``ko_KP`` gets 조선어 (the North's standard, 문화어), one in
``ko_KR`` (or any other Korean) 한국어 (the South's standard). A translation is
``readingroom/resources/translations/readingroom_<lang>.qm``, built from its ``.ts`` by
``scripts/build_translations.py``. A regional variant is installed over its language: under
``ko_KP`` the ``ko`` translation is loaded first, so a text not yet finished in ``ko_KP``
shows in ``ko`` rather than in English; Qt's own texts (dialog buttons, context
menus) come from Qt's ``qtbase_<lang>.qm`` when the Qt installation has it. English needs a
file only for the plural forms of texts with a count (``readingroom_en.qm``: "1 row", "%n
rows"), installed beneath every language. A language other than the system's also gives
its formats (month names) to ``QLocale()``.
The choice applies when the application starts: windows are built with their words.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from readingroom import language
from readingroom.paths import resource

SOURCE_LANGUAGE = "en"
#: the setting's value for "whatever the system uses"
SYSTEM = ""
PREFIX = "readingroom_"
#: each language named in itself, so anyone can find their own in the menu
ENDONYMS = {"en": "English", "ko": "한국어", "ko_KP": "조선어"}
#: the menu's order: the product's own Korean (the North's standard) first, then the South's
MENU_ORDER = ("ko_KP", "ko", "en")
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
#: English's plural forms, installed once and kept (under every language)
_plurals: QTranslator | None = None


def tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


def translation_file(language: str) -> str:
    return str(resource("translations", f"{PREFIX}{language}.qm"))


def available_languages() -> list[str]:
    """English and every language with a built translation, e.g. ``["en", "ko", "ko_KP"]``."""
    folder = resource("translations")
    built = (
        sorted(p.stem.removeprefix(PREFIX) for p in folder.glob(f"{PREFIX}*.qm"))
        if folder.is_dir()
        else []
    )
    return [SOURCE_LANGUAGE] + [code for code in built if code != SOURCE_LANGUAGE]


def language_codes(name: str) -> list[str]:
    """The codes a locale name may be served by, most particular first:
    ``"ko-Kore-KP"`` -> ``["ko_KP", "ko"]``, ``"en"`` -> ``["en"]``."""
    parts = name.replace("_", "-").split("-")
    language = parts[0].lower()
    regions = [
        p for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())
    ]
    return [f"{language}_{regions[0].upper()}", language] if regions else [language]


def base_language(code: str) -> str:
    """``"ko"`` for ``"ko_KP"``: the translation a regional variant falls back to."""
    return code.split("_")[0]


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's UI languages that the app speaks, by its full tag when the
    app has that variant (``ko_KP``), else by its language (``ko`` for ``ko_KR``); English
    if none."""
    available = available_languages()
    for name in (locale or QLocale.system()).uiLanguages():
        for code in language_codes(name):
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


def install_english_plurals(app: QCoreApplication) -> None:
    """English's plural forms ("1 row", "2 rows" for ``tr("%n rows", "", n)``), installed
    first and kept: a language installed later is asked before it."""
    global _plurals
    if _plurals is not None:
        return
    plurals = QTranslator(app)
    if plurals.load(translation_file(SOURCE_LANGUAGE)):
        app.installTranslator(plurals)
        _plurals = plurals
    else:
        LOGGER.warning("cannot load the English plural forms %s", translation_file("en"))


def remove_translators(app: QCoreApplication) -> None:
    """Back to English, with the system's formats (month names, numbers)."""
    global _current
    while _installed:
        app.removeTranslator(_installed.pop())
    install_english_plurals(app)
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
    # Qt's "qtbase_ko_KP" falls back to qtbase_ko.qm by itself (QTranslator.load drops "_KP")
    qt = QTranslator(app)
    if qt.load(f"qtbase_{chosen}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    base = base_language(chosen)
    if base != chosen and base in available_languages():
        # the variant's language underneath: a text the variant lacks shows in it
        fallback = QTranslator(app)
        if fallback.load(translation_file(base)):
            app.installTranslator(fallback)
            _installed.append(fallback)
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
    languages = sorted(
        available_languages(),
        key=lambda c: (MENU_ORDER.index(c) if c in MENU_ORDER else len(MENU_ORDER), c),
    )
    choices = [(SYSTEM, tr("As the &system"))] + [
        (code, ENDONYMS.get(code, code)) for code in languages
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


def domain_words() -> language.Words:
    """The domain's words (its messages, stored words, printed texts) in the window's
    language; English, the words as stored, for a language the domain does not print in."""
    current = current_language()
    return language.words(current if current in language.LANGUAGES else language.ENGLISH)
