"""Dates as the documents write them: "2 de dezembro de 2026" (the Manual's form: the month in lower case,
"1º" on the first), "2 December 2026" in English. Core code: no QLocale here."""

from __future__ import annotations

import datetime

MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
          "outubro", "novembro", "dezembro")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def long_date(date: datetime.date, language: str = "pt-BR") -> str:
    if language.startswith("en"):
        return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    day = "1º" if date.day == 1 else str(date.day)
    return f"{day} de {MONTHS[date.month - 1]} de {date.year}"


def local_long_date(iso_timestamp: str, language: str = "pt-BR") -> str:
    """A provenance timestamp (UTC, ISO 8601) as the day it was on this computer, written in full."""
    moment = datetime.datetime.fromisoformat(iso_timestamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return long_date(moment.date(), language)
