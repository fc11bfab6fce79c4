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


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation, for finished entries only. ValueError if it is not a .ts file."""
    import xml.etree.ElementTree as ElementTree

    table: dict[tuple[str, str], str] = {}
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
            if translation.get("type") in ("unfinished", "obsolete", "vanished") or not translation.text:
                continue
            table[(name, source)] = translation.text
    return table


def read_ts_cached(path: Path, cache_dir: Path | None) -> dict[tuple[str, str], str]:
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
        partial = cached.with_suffix(".part")
        partial.write_bytes(marshal.dumps(table))
        partial.replace(cached)
    return table


class TsTranslator(QTranslator):
    def __init__(self, table: dict[tuple[str, str], str], language: str) -> None:
        super().__init__()
        self._table = table
        self._language = language

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._table.get((context, source_text))

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
    if language == SOURCE_LANGUAGE:
        return []
    installed: list[QTranslator] = []
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    compiled = compiled_translation_file(language)
    if compiled.exists():
        translator = QTranslator(app)
        if translator.load(str(compiled)):
            app.installTranslator(translator)
            installed.append(translator)
            log.info("language %s from %s", language, compiled)
            return installed
        log.error("translation %s unreadable; trying the source file", compiled)
    path = translation_file(language)
    try:
        table = read_ts_cached(path, cache_dir)
    except (OSError, ValueError) as exc:
        log.error("translation %s unreadable: %s", path, exc)
        return installed
    translator = TsTranslator(table, language)
    app.installTranslator(translator)
    log.info("language %s from %s", language, path)
    installed.append(translator)
    return installed
