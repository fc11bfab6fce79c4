"""Numbers and dates read as Portuguese in the interface and the documents (issue 23, item 8): counts with the
locale's digit grouping, dates in full, one page in the singular."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from rio_desktop.documents.dates import local_long_date, long_date
from rio_desktop.documents.letter_rules import format_date
from rio_desktop.documents.pdf_text import PageText, PdfText
from rio_desktop.documents.summarize import Summarizer
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.units import Count


@pytest.fixture
def portuguese(qapp):
    before = QLocale()
    QLocale.setDefault(QLocale("pt_BR"))
    yield
    QLocale.setDefault(before)


def test_counts_are_grouped_in_the_interface_and_plain_elsewhere(portuguese) -> None:
    from rio_desktop.ui.formatting import localized, translate_message

    assert localized("{tokens} tokens, {seconds:.1f} s", tokens=12487, seconds=3.5) == "12.487 tokens, 3,5 s"
    message = Message(QT_TRANSLATE_NOOP("Core", "{tokens} of {n_ctx}"), tokens=Count(4468), n_ctx=Count(8192))
    assert translate_message(message) == "4.468 of 8.192"
    assert message.render() == "4468 of 8192"  # logs and the command line: plain


def test_dates_are_written_in_full() -> None:
    assert long_date(datetime.date(2026, 12, 2)) == "2 de dezembro de 2026"
    assert long_date(datetime.date(2026, 12, 1)) == "1º de dezembro de 2026"
    assert long_date(datetime.date(2026, 12, 2), "en") == "2 December 2026"
    assert format_date("Rio de Janeiro", datetime.date(2026, 3, 1)) == "Rio de Janeiro, 1º de março de 2026."
    noon_utc = datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC).isoformat()
    assert local_long_date(noon_utc) == "2 de dezembro de 2026"


def test_one_page_is_singular(tmp_path: Path) -> None:
    blank = PdfText(path=tmp_path / "capa.pdf", sha256="0" * 64,
                    pages=[PageText(number=1, text="", status="no_text", source="none")], ocr_mode="auto")
    problem = Summarizer.prepare(blank)
    assert problem is not None and "its only page" in problem.render() and "1 pages" not in problem.render()
