"""The command line: version, streaming generation, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rio_desktop import __version__


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rio_desktop", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"rio-desktop {__version__}"


def test_generate_streams_to_stdout(model_path: Path) -> None:
    result = _run("generate", "--model", str(model_path), "--max-tokens", "20", "--temperature", "0",
                  "--ctx", "512", "--stats", "Name the capital of Brazil.")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip()) > 10
    stats = json.loads(result.stderr.strip().splitlines()[-1])
    assert stats["generated_tokens"] <= 20 and stats["prompt_tokens"] > 5
    assert stats["tokens_per_second"] > 0


def test_generate_with_a_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "oficio.gguf"
    bad.write_text("Ofício nº 1/2026", encoding="utf-8")
    result = _run("generate", "--model", str(bad), "hello")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "oficio.gguf is not a GGUF model file" in lines[0]
    assert "Traceback" not in result.stderr


def test_generate_with_a_missing_file(tmp_path: Path) -> None:
    result = _run("generate", "--model", str(tmp_path / "nope.gguf"), "hello")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_summarize_json_and_export(model_path: Path, tmp_path: Path) -> None:
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).parent))
    from pdf_factory import text_pdf

    pdf = text_pdf(tmp_path / "memorando.pdf", 3, sentences=3, scanned=(2,))
    out = tmp_path / "resumo.pdf"
    # Two threads whatever the machine's load: the tiny model's greedy text depends on the summation order
    # (with one thread, under load, it only echoes the instructions, which are rightly filtered out).
    result = _run("summarize", str(pdf), "--model", str(model_path), "--ctx", "2048", "--style", "bullets",
                  "--threads", "2", "--json", "-o", str(out), timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] and data["points"]
    assert all(set(p["pages"]) <= {1, 3} and p["pages"] for p in data["points"])
    stats = data["stats"]
    assert stats["pages"] == 3 and stats["document_tokens"] > 50 and stats["evaluated_tokens"] > 0
    assert any("2" in w for w in data["warnings"])
    assert out.exists() and out.read_bytes().startswith(b"%PDF")


def test_summarize_and_ask_inspect_the_model_file_once(model_path: Path, tmp_path: Path, monkeypatch,
                                                       capsys) -> None:
    """The model file is read and checked once per command (models.loading.decide_load, before the document
    is read), not again when it is loaded."""
    from pdf_factory import text_pdf

    from rio_desktop import __main__ as cli
    from rio_desktop.engine import llama_backend, model_file

    calls: list[Path] = []
    original = model_file.inspect_model_file

    def counted(path: Path) -> model_file.ModelFile:
        calls.append(path)
        return original(path)

    monkeypatch.setattr(model_file, "inspect_model_file", counted)
    monkeypatch.setattr(llama_backend, "inspect_model_file", counted)
    pdf = text_pdf(tmp_path / "memorando.pdf", 1, sentences=2)
    common = ["--model", str(model_path), "--ctx", "1024", "--threads", "2", "--json"]
    assert cli.main(["summarize", str(pdf), *common]) == 0
    assert len(calls) == 1
    assert cli.main(["ask", str(pdf), "Qual é o assunto?", "--max-tokens", "16", *common]) == 0
    assert len(calls) == 2
    capsys.readouterr()


def test_summarize_bad_input_is_one_line(model_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "planilha.pdf"
    bad.write_text("não é pdf", encoding="utf-8")
    result = _run("summarize", str(bad), "--model", str(model_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("rio-desktop: planilha.pdf is not a PDF")
    result = _run("summarize", str(bad), "--model", str(model_path), "-o", str(tmp_path / "x.odt"))
    assert result.returncode == 1 and ".odt" in result.stderr


def test_draft_to_docx(model_path: Path, tmp_path: Path) -> None:
    import docx
    from letter_samples import OFICIO_FIELDS

    fields = OFICIO_FIELDS
    (tmp_path / "fields.json").write_text(json.dumps(fields), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Pedir 100 resmas de papel A4 para o gabinete.", encoding="utf-8")
    out = tmp_path / "oficio.docx"
    result = _run("draft", "--template", "oficio", "--fields", str(tmp_path / "fields.json"), "--notes",
                  str(tmp_path / "notes.txt"), "--model", str(model_path), "--ctx", "2048", "-o", str(out))
    assert result.returncode == 0, result.stderr
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    for part in ("OFÍCIO Nº 12/2026/GAB/SMF", "Rio de Janeiro, 1º de dezembro de 2026.", "À Senhora",
                 "Assunto: Compra de papel.", "Senhora Diretora,", "Atenciosamente,", "CARLOS MELO"):
        assert part in texts, part
    assert "Ofício 12_2026_compra-papel.docx" in result.stderr
    assert "O que a carta deve dizer" not in "\n".join(texts)  # the notes' heading never reaches the letter

    pdf = tmp_path / "oficio.pdf"
    result = _run("draft", "--template", "oficio", "--fields", str(tmp_path / "fields.json"), "--notes",
                  str(tmp_path / "notes.txt"), "--model", str(model_path), "--ctx", "2048", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "(suggested name: Ofício 12_2026_compra-papel.pdf)" in result.stderr  # the output's own extension
    assert pdf.read_bytes().startswith(b"%PDF")


def test_draft_with_an_unknown_template(model_path: Path, tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text("{}", encoding="utf-8")
    (tmp_path / "n.txt").write_text("x", encoding="utf-8")
    result = _run("draft", "--template", "telegrama", "--fields", str(tmp_path / "f.json"), "--notes",
                  str(tmp_path / "n.txt"), "--model", str(model_path), "-o", str(tmp_path / "o.docx"))
    assert result.returncode == 1 and "no template 'telegrama'" in result.stderr and "oficio" in result.stderr


def test_models_import_export_and_list_for_an_offline_computer(model_path: Path, tmp_path: Path,
                                                               monkeypatch) -> None:
    """What an IT desk scripts: install from a file, export for USB, install the export on another PC."""
    first, second, usb = tmp_path / "pc1", tmp_path / "pc2", tmp_path / "usb"
    monkeypatch.setenv("RIO_DESKTOP_HOME", str(first))
    assert _run("models", "list").stdout.strip() == "No models installed."
    result = _run("models", "import", str(model_path))
    assert result.returncode == 0, result.stderr
    listed = json.loads(_run("models", "list", "--json").stdout)
    assert [m["file"] for m in listed] == [model_path.name] and not listed[0]["in_place"]
    result = _run("models", "export", model_path.name, str(usb))
    assert result.returncode == 0, result.stderr
    [folder] = usb.iterdir()
    assert (folder / "rio-model-manifest.json").exists()

    monkeypatch.setenv("RIO_DESKTOP_HOME", str(second))
    result = _run("models", "import", str(folder))
    assert result.returncode == 0, result.stderr
    assert json.loads(_run("models", "list", "--json").stdout)[0]["quantization"] == "Q4_1"


def test_models_import_of_a_damaged_export_is_refused(model_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RIO_DESKTOP_HOME", str(tmp_path / "pc1"))
    _run("models", "import", str(model_path))
    _run("models", "export", model_path.name, str(tmp_path / "usb"))
    [folder] = (tmp_path / "usb").iterdir()
    part = folder / model_path.name
    with part.open("r+b") as handle:  # one flipped byte, as a failing USB stick does
        handle.seek(part.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    monkeypatch.setenv("RIO_DESKTOP_HOME", str(tmp_path / "pc2"))
    result = _run("models", "import", str(folder))
    assert result.returncode == 1
    assert "damaged" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert json.loads(_run("models", "list", "--json").stdout) == []
    assert _run("models", "export", "nothing.gguf", str(tmp_path)).returncode == 1
