"""Citations: parsed, checked against the pages that produced the point, written consistently."""

from __future__ import annotations

import pytest

from rio_desktop.documents.citations import (
    CitationCheck,
    PageIndex,
    SummaryPoint,
    check_point,
    cited_pages,
    format_citation,
    merge_repeated,
    split_points,
    strip_citations,
)


@pytest.mark.parametrize(("text", "pages"), [
    ("O orçamento cresceu (p. 12).", [12]),
    ("Obras concluídas (pp. 12–14).", [12, 13, 14]),
    ("Obras (pp. 3, 7) e saúde (p. 9)", [3, 7, 9]),
    ("Ver (págs. 2 e 5)", [2, 5]),
    ("See (pages 4-6)", [4, 5, 6]),
    ("Entre colchetes [p. 8]", [8]),
    ("Prazo (p. 1; p. 5)", [1, 5]),
    ("Faixa absurda (pp. 1–900)", []),
    ("Sem citação nenhuma, 12 de maio.", []),
])
def test_cited_pages(text: str, pages: list[int]) -> None:
    assert cited_pages(text) == pages


@pytest.mark.parametrize(("pages", "text"), [
    ([12], "(p. 12)"), ([12, 13, 14], "(pp. 12–14)"), ([3, 7, 8, 9], "(pp. 3, 7–9)"), ([], ""),
])
def test_format_citation(pages: list[int], text: str) -> None:
    assert format_citation(pages) == text


def test_strip_citations() -> None:
    assert strip_citations("O orçamento cresceu (p. 12) .") == "O orçamento cresceu."


@pytest.mark.parametrize("raw", ["anterior ao formato (p.", "anterior ao formato (pp. 1,", "anterior ao formato (p)"])
def test_an_unfinished_citation_never_ends_inside_the_rendered_one(raw: str) -> None:
    """Seen in the window: "…anterior ao formato (p. (pp. 1, 5)" (issue 23)."""
    point = check_point(raw, {1, 5}, PageIndex([(1, "anterior formato"), (5, "formato")]), CitationCheck())
    assert point is not None and point.text == "anterior ao formato"
    assert point.render().count("(") == 1


def test_an_answer_keeps_only_the_cited_pages_its_words_are_on() -> None:
    """A cut-off answer "Não deve ser mais (pp. 1, 2, 3, 4, 5)" does not come from every page it was given."""
    check = CitationCheck()
    point = check_point("O BRT recebeu ônibus elétricos (pp. 3, 4, 9)", {3, 4, 9}, INDEX, check,
                        cite_all_when_unsupported=False)
    assert point is not None and point.pages == [4] and check.dropped_citations == 2
    unsupported = check_point("Não deve ser mais (pp. 3, 4, 9)", {3, 4, 9}, INDEX, CitationCheck(),
                              cite_all_when_unsupported=False)
    assert unsupported is not None and unsupported.pages == []


INDEX = PageIndex([(3, "A Secretaria de Fazenda executou 120 milhões no programa de saneamento."),
                   (4, "O BRT Transcarioca recebeu 40 ônibus elétricos."),
                   (9, "As clínicas da família realizaram 500 mil atendimentos.")])


def test_valid_citation_is_kept() -> None:
    check = CitationCheck()
    point = check_point("Saneamento recebeu 120 milhões (p. 3)", {3, 4}, INDEX, check)
    assert point is not None and point.pages == [3] and check.kept == 1


def test_citation_outside_the_source_is_dropped_and_the_point_attributed() -> None:
    check = CitationCheck()
    # The chunk held pages 3-4; the model cited page 9, which it never saw.
    point = check_point("O BRT Transcarioca ganhou 40 ônibus elétricos (p. 9)", {3, 4}, INDEX, check)
    assert point is not None and point.pages == [4]
    assert check.corrected == 1 and check.dropped_citations == 1


def test_point_without_citation_is_attributed_by_its_words() -> None:
    point = check_point("Clínicas da família com 500 mil atendimentos", {3, 4, 9}, INDEX, CitationCheck())
    assert point is not None and point.pages == [9]


def test_unsupported_point_cites_only_the_source() -> None:
    point = check_point("Texto sem relação alguma com nada", {3, 4}, INDEX, CitationCheck())
    assert point is not None and point.pages == [3, 4]


def test_a_stray_number_is_not_a_point() -> None:
    assert check_point("- 21. (p. 21)", {21}, INDEX, CitationCheck()) is None


def test_split_points_bullets_headings_and_sentences() -> None:
    text = "## Orçamento\n- Primeiro ponto (p. 1)\n- Segundo ponto\n(p. 2)\n\n## Saúde\nFrase um. Frase dois (p. 3)."
    assert split_points(text, paragraph_as_sentences=True) == [
        ("Orçamento", "Primeiro ponto (p. 1)"), ("Orçamento", "Segundo ponto (p. 2)"),
        ("Saúde", "Frase um."), ("Saúde", "Frase dois (p. 3)."),
    ]


def test_repeated_points_are_merged_with_their_citations() -> None:
    repeated = [SummaryPoint("A prefeitura abriu 200 vagas em creches municipais.", [n]) for n in (3, 1, 3)]
    near = SummaryPoint("A prefeitura abriu 200 vagas em creches municipais", [7])  # no full stop
    reworded = SummaryPoint("a Prefeitura abriu 200 vagas nas creches municipais.", [8])
    other = SummaryPoint("O BRT recebeu 40 ônibus elétricos.", [4])
    merged = merge_repeated([*repeated, other, near, reworded])
    assert merged == [SummaryPoint("A prefeitura abriu 200 vagas em creches municipais.", [1, 3, 7, 8]), other]
    assert format_citation(merged[0].pages) == "(pp. 1, 3, 7, 8)"


@pytest.mark.parametrize(("pages", "text"), [([6, 7], "(pp. 6, 7)"), ([6, 7, 8], "(pp. 6–8)"), ([2, 4], "(pp. 2, 4)")])
def test_one_citation_format(pages: list[int], text: str) -> None:
    assert format_citation(pages) == text
