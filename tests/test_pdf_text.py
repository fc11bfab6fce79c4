"""Reading PDFs: text per page, scans, passwords, broken files, pathological pages, cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pdf_factory import pathological_pdf, text_pdf, truncated_pdf

from rio_desktop.documents.pdf_text import (
    PdfError,
    PdfPasswordRequired,
    ReadCancelled,
    format_page_list,
    read_pdf,
)
from rio_desktop.engine.backend import CancelToken


def test_text_per_page_with_a_scanned_page(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "relatorio.pdf", 6, scanned=(2, 5))
    seen: list[tuple[int, int]] = []
    document = read_pdf(path, progress=lambda state: seen.append((state.done, state.total)))
    assert document.page_count == 6
    assert [p.status for p in document.pages] == ["ok", "no_text", "ok", "ok", "no_text", "ok"]
    assert "página 3" in document.pages[2].text and "Saúde" not in document.pages[0].text
    assert document.pages_with("no_text") == [2, 5]
    [warning] = document.warnings()
    assert "2, 5" in str(warning) and "not covered" in str(warning) and "OCR" in str(warning)
    assert seen[-1] == (6, 6)
    assert len(document.sha256) == 64


def test_password_required_wrong_and_right(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "sigiloso.pdf", 2, password="rio2026")
    with pytest.raises(PdfPasswordRequired) as first:
        read_pdf(path)
    assert not first.value.wrong and "password" in str(first.value.message)
    with pytest.raises(PdfPasswordRequired) as wrong:
        read_pdf(path, password="errada")
    assert wrong.value.wrong and "does not open" in str(wrong.value.message)
    document = read_pdf(path, password="rio2026")
    assert document.page_count == 2 and "Orçamento" in document.pages[0].text


@pytest.mark.parametrize("kind", ["truncated", "not_pdf", "empty", "missing"])
def test_broken_files_give_a_clear_message(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.pdf"
    if kind == "truncated":
        truncated_pdf(text_pdf(tmp_path / "whole.pdf", 4), path, 0.4)
    elif kind == "not_pdf":
        path.write_text("Ofício nº 10/2026 — isto é texto, não PDF", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    with pytest.raises(PdfError) as info:
        read_pdf(path)
    text = str(info.value.message)
    assert path.name in text
    assert {"truncated": "damaged", "not_pdf": "not a PDF", "empty": "empty", "missing": "does not exist"}[kind] in text


def test_a_pathological_page_is_bounded_in_time(tmp_path: Path) -> None:
    path = pathological_pdf(tmp_path / "lento.pdf")
    started = time.monotonic()
    document = read_pdf(path, page_timeout=1.0)
    elapsed = time.monotonic() - started
    assert [p.status for p in document.pages] == ["ok", "timeout", "ok"]
    assert elapsed < 10, elapsed  # the slow page gave up after its second; the others were read
    assert "took too long" in str(document.warnings()[0])


def test_cancel_stops_reading_at_once(tmp_path: Path) -> None:
    path = pathological_pdf(tmp_path / "lento.pdf")
    cancel = CancelToken()
    threading.Timer(0.5, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(ReadCancelled):
        read_pdf(path, cancel=cancel, page_timeout=60)
    assert time.monotonic() - started < 2.0


def test_page_list_format() -> None:
    assert format_page_list([1, 2, 3, 7, 9, 10]) == "1–3, 7, 9–10"
    assert format_page_list([4]) == "4"
    assert format_page_list([]) == ""
