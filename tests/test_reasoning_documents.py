"""Reasoning never reaches a summary, a letter or an export: the test model under Qwen3.5's real template
(which opens the think block in the prompt) through the summarizer and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_factory import text_pdf
from wrapping_backend import WrappingBackend

from rio_desktop.documents.citations import strip_citations
from rio_desktop.documents.pdf_text import read_pdf
from rio_desktop.documents.summarize import Summarizer, SummaryOptions
from rio_desktop.engine.backend import GenerationParams, LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.reasoning import ReasoningPolicy


class Recording(WrappingBackend):
    """The real backend; keeps every generation to compare the summary with what the model answered."""

    def __init__(self, inner: LlamaCppBackend) -> None:
        super().__init__(inner)
        self.generations = []
        self.params: list[GenerationParams] = []

    def chat(self, messages, params, on_text=None, cancel=None, on_reasoning=None, on_step=None):
        self.params.append(params)
        result = self.inner.chat(messages, params, on_text, cancel, on_reasoning=on_reasoning, on_step=on_step)
        self.generations.append(result)
        return result


@pytest.fixture(scope="module")
def qwen35(template_models: dict[str, Path]):
    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=template_models["qwen3.5"], n_ctx=2048))
    yield backend
    backend.unload()


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rio_desktop", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_summary_holds_only_the_answers(qwen35: LlamaCppBackend, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "relatorio.pdf", 5, sentences=4))
    recorder = Recording(qwen35)
    streamed: list[str] = []
    thoughts = []
    options = SummaryOptions(reasoning=ReasoningPolicy("on", 48))
    result = Summarizer(recorder, options, on_text=streamed.append, on_reasoning=thoughts.append).run(document)
    stats = result.stats
    assert stats.reasoning_tokens > 0 and stats.reasoning_steps == stats.calls
    assert all(g.stats.reasoning_tokens <= 48 for g in recorder.generations)
    assert result.reasoning == [g.reasoning for g in recorder.generations if g.reasoning]
    answers = "\n".join(g.text for g in recorder.generations)
    answer_words = set(answers.lower().split())
    for point in result.points:  # every point comes from an answer (echo-cleaned), never from the reasoning
        assert set(strip_citations(point.text).lower().split()) <= answer_words, point.text
    assert "".join(streamed) == recorder.generations[-1].text
    for text in (result.summary, *(p.text for p in result.points)):
        assert "<think>" not in text and "</think>" not in text
    # The efficiency goal counts each step's reasoning budget (and its closing tag) as a fixed overhead.
    assert stats.reasoning_overhead == stats.reasoning_steps * (48 + 16)
    assert stats.evaluated_budget == int(1.3 * stats.document_tokens) + stats.chunks * stats.overhead_per_chunk \
        + stats.final_overhead + stats.reasoning_overhead
    assert stats.evaluated_tokens <= stats.evaluated_budget


def test_summary_in_auto_reasons_only_in_the_final_step(qwen35: LlamaCppBackend, tmp_path: Path) -> None:
    """Map-step notes are formatting work: off. Here a small context forces a map-reduce."""
    small = LlamaCppBackend()
    small.load(LoadParams(model_path=qwen35.info.path, n_ctx=1024))
    try:
        document = read_pdf(text_pdf(tmp_path / "longo.pdf", 6, sentences=6))
        recorder = Recording(small)
        result = Summarizer(recorder, SummaryOptions(reasoning=ReasoningPolicy("auto", 64))).run(document)
    finally:
        small.unload()
    assert result.stats.mode == "map"
    *notes, final = recorder.params
    assert notes and all(p.reasoning is False and p.reasoning_budget == 0 for p in notes)
    assert final.reasoning is True and final.reasoning_budget == 64
    assert all(g.stats.reasoning_tokens == 0 for g in recorder.generations[:-1])
    assert result.stats.reasoning_steps == 1 and result.stats.reasoning_overhead == 64 + 16


def test_summarize_cli_reports_reasoning_apart(template_models: dict[str, Path], tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "memorando.pdf", 3, sentences=3)
    out = tmp_path / "resumo.md"
    result = _cli("summarize", str(pdf), "--model", str(template_models["qwen3.5"]), "--ctx", "2048", "--json",
                  "--reasoning", "on", "--reasoning-budget", "24", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reasoning_mode"] == "switchable"
    assert 0 < data["stats"]["reasoning_tokens"] <= 24 * data["stats"]["calls"]
    assert data["reasoning"] and all(isinstance(r, str) and r for r in data["reasoning"])
    exported = out.read_text(encoding="utf-8")
    for text in (data["summary"], exported, *(p["text"] for p in data["points"])):
        assert "<think>" not in text and "</think>" not in text
        for reasoning in data["reasoning"]:
            assert len(reasoning) < 20 or reasoning not in text


def test_draft_cli_letter_and_export_hold_no_reasoning(template_models: dict[str, Path], tmp_path: Path) -> None:
    import docx

    fields = {"number": 3, "year": 2026, "sectors": ["SMF"], "date": "2026-12-01",
              "addressee": {"name": "Ana Lima", "office": "Diretora de Compras", "treatment": "senhoria",
                            "gender": "f"},
              "subject": "Compra de papel", "signatory": {"name": "Carlos Melo", "office": "Chefe de Gabinete"}}
    (tmp_path / "fields.json").write_text(json.dumps(fields), encoding="utf-8")
    notes = "Pedir 100 resmas de papel A4."
    (tmp_path / "notes.txt").write_text(notes, encoding="utf-8")
    common = ["draft", "--fields", str(tmp_path / "fields.json"), "--notes", str(tmp_path / "notes.txt"),
              "--model", str(template_models["qwen3.5"]), "--ctx", "2048", "--json", "--seed", "3"]

    on = _cli(*common, "-o", str(tmp_path / "on.docx"), "--reasoning", "on", "--reasoning-budget", "32")
    assert on.returncode == 0, on.stderr
    data = json.loads(on.stdout)
    assert 0 < data["stats"]["reasoning_tokens"] <= 32 and len(data["reasoning"]) == 1
    # What the model wrote while reasoning, less the clerk's own notes (which it may repeat there and which
    # belong in the letter): none of it may reach the letter. (With seed 3 that is 74 characters of its own.)
    reasoning = data["reasoning"][0].replace(notes, "").strip()
    exported = "\n".join(p.text for p in docx.Document(str(tmp_path / "on.docx")).paragraphs)
    assert data["body"], "the forced close must be followed by a body"
    for text in (data["letter"], exported):
        assert "<think>" not in text and "</think>" not in text
        assert len(reasoning) < 20 or reasoning not in text

    auto = _cli(*common, "-o", str(tmp_path / "auto.docx"))  # a letter body: reasoning off by default
    assert auto.returncode == 0, auto.stderr
    data = json.loads(auto.stdout)
    assert data["stats"]["reasoning_tokens"] == 0 and data["reasoning"] == []


def test_cli_rejects_a_negative_budget(template_models: dict[str, Path]) -> None:
    result = _cli("generate", "--model", str(template_models["qwen3.5"]), "--reasoning-budget", "-5", "Oi")
    assert result.returncode == 1 and "--reasoning-budget" in result.stderr and "Traceback" not in result.stderr


def test_generate_stats_and_plan_show_reasoning(template_models: dict[str, Path]) -> None:
    result = _cli("generate", "--model", str(template_models["thinking"]), "--ctx", "512", "--max-tokens", "8",
                  "--reasoning-budget", "6", "--stats", "--seed", "1", "Oi")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stderr.strip().splitlines()[-1])
    assert stats["reasoning_mode"] == "always" and 0 < stats["reasoning_tokens"] <= 6
    assert "</think>" not in result.stdout
    plan = _cli("models", "plan", str(template_models["qwen3.5"]), "--json")
    assert plan.returncode == 0, plan.stderr
    assert json.loads(plan.stdout)["reasoning_mode"] == "switchable"
    text = _cli("models", "plan", str(template_models["thinking"]))
    assert "always thinks" in text.stdout
