"""Small helpers that turn values into text for the interface, in the language in use.

Numbers go through QLocale (pt-BR writes "23,5 GB" and "0,4 s"); templates keep Python's format
fields ("{seconds:.1f}"), and `localized` fills them with the locale's digits. Integers are left as they
are: page numbers, years and token counts read better without grouping separators.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from rio_desktop.i18n import Message
from rio_desktop.units import Bytes, Count, byte_parts

__all__ = ["translate_message", "format_bytes", "format_number", "localized", "long_date"]

_PRECISION = re.compile(r"\.(\d+)[fF%]?$")


def long_date(date: datetime.date | None) -> str:
    """"5 de outubro de 2026" (the documents' own form, without the weekday QLocale's long format adds)."""
    if date is None:
        return ""
    if QLocale().language() == QLocale.Language.Portuguese:
        # Imported here: the window shows before any of the documents package is loaded (bench/startup.py).
        from rio_desktop.documents import dates

        return dates.long_date(date, "pt-BR")
    return QLocale().toString(QDate(date.year, date.month, date.day), "d MMMM yyyy")


def format_number(value: float, decimals: int = 1) -> str:
    return QLocale().toString(float(value), "f", decimals)


def format_bytes(n_bytes: int) -> str:
    value, unit, decimals = byte_parts(int(n_bytes))
    return f"{format_number(value, decimals)} {unit}"


class _LocaleFloat(float):
    """A float that formats itself with the locale's decimal separator."""

    def __format__(self, spec: str) -> str:
        match = _PRECISION.search(spec)
        if match:
            return format_number(float(self), int(match.group(1)))
        if not spec:
            return QLocale().toString(float(self), "g", 6)
        return format(float(self), spec)


def _localize(value: Any) -> Any:
    if isinstance(value, Message):
        return _localized_message(value)
    if isinstance(value, list) and value and all(isinstance(v, Message) for v in value):
        return [_localized_message(v) for v in value]
    if isinstance(value, Bytes):
        return format_bytes(int(value))
    if isinstance(value, Count):
        return QLocale().toString(int(value))
    if isinstance(value, float):
        return _LocaleFloat(value)
    return value


def localized(template: str, **params: Any) -> str:
    """`template.format(**params)` with floats, byte sizes and whole numbers (our templates' counts: tokens,
    seconds) written the locale's way: "12.487 tokens" in pt-BR."""
    return template.format(**{key: _localize(Count(value) if type(value) is int else value)
                              for key, value in params.items()})


def translate_message(message: Message) -> str:
    """A core message in the interface language, its numbers in the locale's format."""
    return _localized_message(message).render(lambda context, text: QCoreApplication.translate(context, text))


def _localized_message(message: Message) -> Message:
    return Message(message.template, **{key: _localize(value) for key, value in message.params.items()})
