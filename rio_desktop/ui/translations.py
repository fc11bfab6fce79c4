"""Loading the interface language from resources/translations.

The Qt Linguist .ts files are the single source of truth; no compiled binaries are committed. A source
checkout reads the .ts directly into a QTranslator; a built bundle carries .qm files compiled from them
at build time (installers/build.py), which Qt loads natively. The language follows the system unless
the user chose one in Settings.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rio_desktop.atomic import write_atomically
from rio_desktop.resources import resource_path

log = logging.getLogger(__name__)

# Languages offered, in the order shown; pt_BR is the project's first language.
LANGUAGES = {"pt_BR": "Português (Brasil)", "en": "English"}
SOURCE_LANGUAGE = "en"


def translation_file(language: str) -> Path:
    """The .ts source of a language (what translators edit and tests check)."""
    return resource_path("translations") / f"rio_desktop_{language}.ts"


def compiled_translation_file(language: str) -> Path:
    """The compiled .qm of a language; present in built bundles only."""
    return resource_path("translations") / f"rio_desktop_{language}.qm"


Translation = str | tuple[str, ...]  # a plain translation, or the plural forms of a "%n" message


def read_ts(path: Path) -> dict[tuple[str, str], Translation]:
    """(context, source) -> translation, for finished entries only; a plural ("%n") message gives its
    forms as a tuple. ValueError if it is not a .ts file."""
    import xml.etree.ElementTree as ElementTree

    table: dict[tuple[str, str], Translation] = {}
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            if message.get("numerus") == "yes" and forms and all(forms):
                table[(name, source)] = forms
            elif translation.text and not forms:
                table[(name, source)] = translation.text
    return table


def read_ts_cached(path: Path, cache_dir: Path | None) -> dict[tuple[str, str], Translation]:
    """read_ts, kept in the cache folder as marshal data between starts (parsing the XML is a noticeable
    part of the start-up in a source checkout; a bundle loads compiled .qm files instead)."""
    if cache_dir is None:
        return read_ts(path)
    stat = path.stat()
    cached = cache_dir / "translations" / f"{path.stem}-{stat.st_mtime_ns}-{stat.st_size}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        table = marshal.loads(cached.read_bytes())
        if isinstance(table, dict):
            return table
    table = read_ts(path)
    with contextlib.suppress(OSError):  # a read-only cache only costs the parse next time
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(f"{path.stem}-*.marshal"):
            old.unlink()
        write_atomically(cached, marshal.dumps(table))
    return table


def plural_index(language: str, n: int) -> int:
    """Which plural form `n` takes (Qt's rules for the languages offered): Portuguese (Brazil) says
    "0 página", "1 página", "2 páginas"; English "1 page", "0 pages"."""
    if language.startswith("pt"):
        return 0 if n in (0, 1) else 1
    return 0 if n == 1 else 1


class TsTranslator(QTranslator):
    def __init__(self, table: dict[tuple[str, str], Translation], language: str) -> None:
        super().__init__()
        self._table = table
        self._language = language

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        found = self._table.get((context, source_text))
        if isinstance(found, tuple):  # Qt puts the number in place of %n afterwards
            return found[min(plural_index(self._language, max(n, 0)), len(found) - 1)]
        return found

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table

    def language(self) -> str:
        return self._language


PSEUDO_ENV = "RIO_PSEUDO_LOCALE"
_ACCENTS = str.maketrans("aeiouAEIOUcnCN", "áéîõüÅÉÎÕÜçñÇÑ")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|&&|&|<[^>]*>|%\d|\\n)")


def pseudo(text: str) -> str:
    """A stretched, accented copy of `text` (placeholders, mnemonics and markup untouched): shows
    untranslated strings and layouts that truncate longer languages."""
    parts = _PLACEHOLDER.split(text)
    out = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTS) for p in parts)
    return f"[{out}{'~' * max(2, len(text) // 3)}]"


class PseudoTranslator(QTranslator):
    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return pseudo(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def choose_language(preference: str) -> str:
    if preference in LANGUAGES:
        return preference
    for name in QLocale.system().uiLanguages():
        normalized = name.replace("-", "_")
        if normalized.startswith("pt"):
            return "pt_BR"
        if normalized.startswith("en"):
            return "en"
    return "pt_BR"


def install_translator(app: QCoreApplication, preference: str = "",
                      cache_dir: Path | None = None) -> list[QTranslator]:
    """Install the translators for the chosen language (ours and Qt's own, for standard buttons and
    dialogs); returns them, to keep references and to remove them."""
    if os.environ.get(PSEUDO_ENV):
        translator = PseudoTranslator(app)
        app.installTranslator(translator)
        return [translator]
    language = choose_language(preference)
    # Numbers, dates and sizes follow the interface language ("23,5 GB" in Portuguese).
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    if language == SOURCE_LANGUAGE:
        # English needs only the plural forms of its "%n" messages ("1 page", "2 pages").
        plurals = _translator_for(app, language, cache_dir)
        return [plurals] if plurals is not None else []
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    translator = _translator_for(app, language, cache_dir)
    if translator is not None:
        installed.append(translator)
    return installed


def _translator_for(app: QCoreApplication, language: str, cache_dir: Path | None) -> QTranslator | None:
    """Our own translator of `language`, installed: the compiled .qm of a bundle, else the .ts source."""
    compiled = compiled_translation_file(language)
    if compiled.exists():
        translator = QTranslator(app)
        if translator.load(str(compiled)):
            app.installTranslator(translator)
            log.info("language %s from %s", language, compiled)
            return translator
        log.error("translation %s unreadable; trying the source file", compiled)
    path = translation_file(language)
    if not path.exists():
        return None
    try:
        table = read_ts_cached(path, cache_dir)
    except (OSError, ValueError) as exc:
        log.error("translation %s unreadable: %s", path, exc)
        return None
    translator = TsTranslator(table, language)
    app.installTranslator(translator)
    log.info("language %s from %s", language, path)
    return translator
