"""`rio-desktop ask`: the JSON shape of the issue, page labels, the index kept across runs, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pdf_factory import labelled_pdf, text_pdf


def _run(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rio_desktop", *args], capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, RIO_DESKTOP_HOME=str(home)))


def test_ask_json_conversation_and_export(model_path: Path, tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "relatorio.pdf", 5, sentences=4, scanned=(3,))
    out = tmp_path / "perguntas.pdf"
    result = _run("ask", str(pdf), "Quantos ônibus elétricos o BRT recebeu?", "E quantas mudas foram plantadas?",
                  "Quem ganhou a Copa do Mundo?", "--model", str(model_path), "--ctx", "2048", "--max-tokens",
                  "32", "--json", "-o", str(out), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"answers", "source", "model"} <= set(data) and data["reasoning"] == []  # the test model never reasons
    assert data["source"]["file"] == "relatorio.pdf" and len(data["source"]["sha256"]) == 64
    assert data["model"]
    first, second, third = data["answers"]
    for answer in data["answers"]:
        assert {"question", "answer", "points", "sources", "stats"} <= set(answer)
        assert isinstance(answer["answer"], str)
        assert all(set(p) >= {"text", "pages"} and set(p["pages"]) <= set(answer["sources"])
                   for p in answer["points"])
        assert {"prompt_tokens", "prompt_tokens_evaluated", "generated_tokens", "seconds"} <= set(answer["stats"])
    assert first["question"] == "Quantos ônibus elétricos o BRT recebeu?"
    assert first["sources"] == [1, 2, 4, 5]  # the scanned page has no text to give
    assert second["stats"]["prompt_tokens_evaluated"] < 0.2 * first["stats"]["prompt_tokens_evaluated"]
    assert third["sources"] == [] and "não parece tratar disso" in third["answer"]
    assert out.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "home" / "cache" / "search" / f"{data['source']['sha256']}.sqlite").is_file()


def test_ask_with_page_labels(model_path: Path, tmp_path: Path) -> None:
    pdf = labelled_pdf(tmp_path / "processo.pdf", front=3, body=4)
    result = _run("ask", str(pdf), "Quantas turmas de educação infantil foram abertas?", "--model",
                  str(model_path), "--ctx", "2048", "--max-tokens", "32", "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["labels"] == ["i", "ii", "iii", "1", "2", "3", "4"]
    [answer] = data["answers"]
    assert answer["sources"] == [1, 2, 3, 4, 5, 6, 7]
    assert answer["source_labels"] == ["i", "ii", "iii", "1", "2", "3", "4"]
    labels = dict(zip(answer["sources"], answer["source_labels"], strict=True))
    for point in answer["points"]:
        assert point["labels"] == [labels[n] for n in point["pages"]]


def test_ask_bad_input_is_one_line(model_path: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    bad = tmp_path / "planilha.pdf"
    bad.write_text("não é pdf", encoding="utf-8")
    result = _run("ask", str(bad), "qual o prazo?", "--model", str(model_path), home=home)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("rio-desktop: planilha.pdf is not a PDF")
    pdf = text_pdf(tmp_path / "memo.pdf", 1, sentences=2)
    result = _run("ask", str(pdf), "qual o prazo?", "--model", str(model_path), "-o", str(tmp_path / "x.odt"),
                  home=home)
    assert result.returncode == 1 and ".odt" in result.stderr
    result = _run("ask", str(pdf), "  ", "--model", str(model_path), home=home)
    assert result.returncode == 1 and "empty" in result.stderr
    scans = text_pdf(tmp_path / "scan.pdf", 2, scanned=(1, 2))
    result = _run("ask", str(scans), "qual o prazo?", "--model", str(model_path), home=home)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]  # after the progress line of the reading
    assert last.startswith("rio-desktop: scan.pdf has no text to search") and "scanned" in last
