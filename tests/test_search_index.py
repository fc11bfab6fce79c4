"""Ranking pages for a question: Portuguese analysis, FTS5/BM25, the index kept per document, damage."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from pdf_factory import PLANTED

from rio_desktop.documents import search_index
from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.documents.search_index import PageSearch, Query, analyze, fts5_available, stem

# Paraphrases of the planted facts: other inflections, no accents, lower case.
PARAPHRASES = {
    37: "em quantos dias posso recorrer da decisao da comissao?",
    88: "quanto a prefeitura paga por ano pela limpeza urbana da zona oeste?",
    120: "quem e a engenheira que fiscaliza a obra da escola tia ciata?",
}


def _pages(document: PdfText) -> list[tuple[int, str]]:
    return [(p.number, p.text) for p in document.text_pages]


def test_analysis_joins_inflections_accents_and_case() -> None:
    assert stem("recorrer") == stem("recurso") == stem("recursos")
    assert stem("decisão") == stem("decisao") == stem("decisões") == stem("decidir")
    assert stem("licitação") == stem("licitacao") == stem("licitações")
    assert stem("concessão") == stem("conceder")
    assert analyze("O PRAZO e os prazos") == ["praz", "praz"]  # stop words out, case folded
    assert Query.of("Qual é o prazo do recurso?").words == ("prazo", "recurso")
    assert Query.of("qual, quem, onde?").stems == ()


def test_sqlite_here_has_fts5() -> None:
    # Python's own builds (bundled by the installers) and the Linux distributions compile it in.
    assert fts5_available()


@pytest.mark.parametrize("page", sorted(PARAPHRASES))
def test_paraphrased_questions_rank_the_planted_page_first(planted_document: PdfText, tmp_path: Path,
                                                          page: int) -> None:
    search = PageSearch.open(_pages(planted_document), tmp_path, planted_document.sha256)
    query = Query.of(PARAPHRASES[page])
    hits = search.rank(query.stems)
    assert hits[0].page == page, (query, hits[:5])
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
    search.close()


def test_the_index_is_kept_and_reused(planted_document: PdfText, tmp_path: Path) -> None:
    started = time.perf_counter()
    first = PageSearch.open(_pages(planted_document), tmp_path, planted_document.sha256)
    build = time.perf_counter() - started
    assert first.built and first.path == tmp_path / "search" / f"{planted_document.sha256}.sqlite"
    assert first.path.is_file()
    first.close()
    started = time.perf_counter()
    again = PageSearch.open(_pages(planted_document), tmp_path, planted_document.sha256)
    reuse = time.perf_counter() - started
    assert not again.built  # no re-indexing
    assert reuse < build
    assert again.rank(Query.of(PARAPHRASES[88]).stems)[0].page == 88
    again.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other_version"])
def test_a_damaged_index_is_rebuilt(planted_document: PdfText, tmp_path: Path, damage: str) -> None:
    pages = _pages(planted_document)
    PageSearch.open(pages, tmp_path, planted_document.sha256).close()
    path = tmp_path / "search" / f"{planted_document.sha256}.sqlite"
    if damage == "garbage":
        path.write_bytes(b"\x00not a database\xff" * 500)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE meta SET version = version + 1")
    search = PageSearch.open(pages, tmp_path, planted_document.sha256)
    assert search.built
    assert search.rank(Query.of(PARAPHRASES[37]).stems)[0].page == 37
    search.close()
    assert not PageSearch.open(pages, tmp_path, planted_document.sha256).built  # good again


def test_an_index_damaged_while_open_is_rebuilt_on_the_next_question(planted_document: PdfText,
                                                                      tmp_path: Path) -> None:
    search = PageSearch.open(_pages(planted_document), tmp_path, planted_document.sha256)
    search.close()
    search._connection = sqlite3.connect(":memory:")  # as if the file vanished under it: no tables
    assert search.rank(Query.of(PARAPHRASES[120]).stems)[0].page == 120
    assert search.found(Query.of("engenheira").stems) == {"engenheir"}


def test_an_unwritable_cache_keeps_the_index_in_memory(planted_document: PdfText, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    search = PageSearch.open(_pages(planted_document), blocker, planted_document.sha256)
    assert search.rank(Query.of(PARAPHRASES[37]).stems)[0].page == 37


def test_without_fts5_the_same_ranking_runs_in_memory(planted_document: PdfText, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with_fts5 = PageSearch.open(_pages(planted_document), tmp_path, planted_document.sha256)
    monkeypatch.setattr(search_index, "fts5_available", lambda: False)
    memory = PageSearch.open(_pages(planted_document), tmp_path / "other", planted_document.sha256)
    assert memory._memory is not None and not (tmp_path / "other").exists()
    for question in [*PARAPHRASES.values(), "prazo", "contrato de limpeza"]:
        stems = Query.of(question).stems
        assert [h.page for h in memory.rank(stems)] == [h.page for h in with_fts5.rank(stems)]
        assert memory.found(stems) == with_fts5.found(stems)
    assert memory.found(("copa", "mundial")) == set()


def test_words_the_document_lacks_are_not_found(planted_document: PdfText, tmp_path: Path) -> None:
    search = PageSearch.open(_pages(planted_document), tmp_path, planted_document.sha256)
    assert search.found(Query.of("Quem ganhou a Copa do Mundo de 1970?").stems) == set()
    assert search.rank(Query.of("futebol").stems) == []
    assert {h.page for h in search.rank(Query.of("prazo").stems)} >= {12, 37, 64}  # the distractors too
    assert PLANTED[37].split()[1] == "prazo"
