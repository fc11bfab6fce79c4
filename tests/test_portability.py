"""What must hold on Windows as on Linux: folders, encodings, line ends, child processes, crash names.

Most of these run everywhere, imitating Windows where it matters (a cp1252 pipe, platformdirs' Windows
rules); the few marked win32 run only on Windows (or under Wine), where they meet the real thing.
"""

from __future__ import annotations

import codecs
import json
import logging
import signal
import sys
from pathlib import Path

import pytest

from rio_desktop.text_files import decode_text_guess, read_text_guess, text_file_bytes

ACCENTED = "Ofício nº 12 — ação, atenção, Conceição"
windows_only = pytest.mark.skipif(sys.platform != "win32", reason="Windows only")


# -- files people made by hand -----------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    ACCENTED.encode("utf-8"),
    ACCENTED.encode("cp1252"),  # Notepad's "ANSI" on a Brazilian Windows
    codecs.BOM_UTF8 + ACCENTED.encode("utf-8"),  # Notepad's "UTF-8" before Windows 10 1903
    ACCENTED.encode("utf-16"),  # Windows PowerShell 5: `"..." > notas.txt`
    codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"),
])
def test_text_a_person_made_is_read_whatever_its_encoding(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "João da Silva" / "notas do ofício.txt"
    path.parent.mkdir()
    path.write_bytes(data)
    assert read_text_guess(path) == ACCENTED


def test_cp1252_bytes_and_windows_line_ends() -> None:
    assert decode_text_guess(b"Of\xedcio n\xba 12\r\nSecretaria\r\n") == "Ofício nº 12\nSecretaria\n"
    assert decode_text_guess(b"linha\rlinha") == "linha\nlinha"
    # 0x81 has no cp1252 character: the rest of the text still comes through.
    assert decode_text_guess(b"Of\xedcio\x81") == "Ofício\ufffd"


def test_text_files_for_the_clerk_end_lines_the_windows_way_on_windows() -> None:
    assert text_file_bytes("Ofício\nnº 12\n", windows=True) == "Ofício\r\nnº 12\r\n".encode()
    assert text_file_bytes("a\r\nb\n", windows=True) == b"a\r\nb\r\n"  # never "\r\r\n"
    assert text_file_bytes("Ofício\nnº 12\n", windows=False) == "Ofício\nnº 12\n".encode()
    assert not text_file_bytes("x", windows=True).startswith(codecs.BOM_UTF8)


def test_markdown_export_has_crlf_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rio_desktop.documents.export import Document, Provenance, export

    document = Document(title="Resumo do Ofício nº 12", body="- Primeiro ponto (p. 1)\n- Segundo ponto (p. 2)",
                        footer="Gerado por IA", warnings=[],
                        provenance=Provenance(source_name="Ofício nº 12.pdf", source_sha256="ab" * 32,
                                              model_name="SmolLM2", model_sha256="cd" * 32, created="2026-12-02"))
    monkeypatch.setattr(sys, "platform", "win32")
    data = export(document, tmp_path / "Resumo do Ofício.md").read_bytes()
    monkeypatch.undo()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert b"Primeiro ponto" in data and "Ofício".encode() in data


@windows_only
def test_exporting_over_a_file_open_elsewhere_says_so(tmp_path: Path) -> None:
    """Windows replaces no file another program holds open, as Word holds the last export."""
    from rio_desktop.documents.export import ExportError, write_document

    target = tmp_path / "João da Silva" / "Resumo do Ofício nº 12.pdf"
    write_document(target, b"%PDF-1.4 first")
    with target.open("rb"), pytest.raises(ExportError) as raised:  # Python opens without FILE_SHARE_DELETE
        write_document(target, b"%PDF-1.4 second")
    assert "open in another program" in str(raised.value)
    assert target.read_bytes() == b"%PDF-1.4 first"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left behind


def test_site_settings_in_ansi_or_with_a_bom_are_read(tmp_path: Path) -> None:
    from rio_desktop.settings import Settings

    site = tmp_path / "ProgramData" / "settings.json"
    site.parent.mkdir()
    for data in (codecs.BOM_UTF8 + json.dumps({"offline": True}).encode(),
                 json.dumps({"offline": True, "note": "Secretaria de Educação"}, ensure_ascii=False).encode("cp1252")):
        site.write_bytes(data)
        assert Settings(tmp_path / "config", site_file=site).get("offline") is True


def test_an_organisation_template_saved_in_ansi_loads(tmp_path: Path) -> None:
    from rio_desktop.documents.letter import load_templates
    from rio_desktop.resources import resource_path

    builtin = resource_path("templates")
    original = next(p for p in sorted(builtin.glob("*.json")) if p.name != "forms_of_address.json")
    data = json.loads(original.read_text(encoding="utf-8"))
    data["id"] = "oficio-da-conceicao"
    data["name"] = "Ofício da Secretaria de Conceição"
    folder = tmp_path / "Modelos da organização"
    folder.mkdir()
    (folder / "ofício.json").write_bytes(json.dumps(data, ensure_ascii=False).encode("cp1252"))
    templates, problems = load_templates(builtin, folder)
    assert not problems
    assert {t.id: t for t in templates}["oficio-da-conceicao"].name == {"pt-BR": "Ofício da Secretaria de Conceição"}


# -- folders -----------------------------------------------------------------------------------------------
def test_windows_folders_settings_roam_models_and_caches_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows: settings and drafts in %APPDATA% (roaming), models, caches and logs in %LOCALAPPDATA%,
    no doubled "rio-desktop\\rio-desktop". platformdirs' own Windows rules, with the folders the shell would
    give for the user "João da Silva" (forward slashes: this may run on Linux)."""
    import platformdirs
    from platformdirs import windows

    from rio_desktop import paths

    roots = {"CSIDL_APPDATA": "/Users/João da Silva/AppData/Roaming",
             "CSIDL_LOCAL_APPDATA": "/Users/João da Silva/AppData/Local"}
    monkeypatch.setattr(windows, "get_win_folder", lambda name: roots[name])
    for name in ("user_data_dir", "user_config_dir", "user_cache_dir", "user_log_dir"):
        def as_on_windows(*args: object, _name: str = name, **kwargs: object) -> str:
            return getattr(windows.Windows(*args, **kwargs), _name)  # type: ignore[arg-type]
        monkeypatch.setattr(platformdirs, name, as_on_windows)
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    found = paths.app_paths()
    roaming, local = Path(roots["CSIDL_APPDATA"]), Path(roots["CSIDL_LOCAL_APPDATA"])
    assert found.config == roaming / "rio-desktop"
    assert found.data == roaming / "rio-desktop"
    assert found.models == local / "rio-desktop" / "models"
    assert found.cache == local / "rio-desktop" / "Cache"
    assert found.logs == local / "rio-desktop" / "Logs"


@windows_only
def test_windows_folders_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from rio_desktop import paths

    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    found = paths.app_paths()
    roaming, local = Path(os.environ["APPDATA"]), Path(os.environ["LOCALAPPDATA"])
    assert found.config == found.data == roaming / "rio-desktop"
    assert found.models == local / "rio-desktop" / "models"
    assert found.cache.parent == found.logs.parent == local / "rio-desktop"
    assert paths.site_settings_file() == Path(os.environ["PROGRAMDATA"]) / "rio-desktop" / "settings.json"


# -- child processes ----------------------------------------------------------------------------------------
def test_pdf_reader_child_speaks_utf8_whatever_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's pipe carries UTF-8 even where Python would pick cp1252 for it (Windows): accents arrive
    intact and a character cp1252 lacks (α, ≥, →) does not end the reader. PYTHONIOENCODING imitates a
    Brazilian Windows on Linux; on Windows the locale does it by itself."""
    from fpdf import FPDF

    from rio_desktop.documents.fonts import font_file
    from rio_desktop.documents.pdf_text import read_pdf

    text = f"{ACCENTED}: α ≥ 2 → Ω"
    folder = tmp_path / "João da Silva" / "Documentos"
    folder.mkdir(parents=True)
    path = folder / "Ofício nº 12.pdf"
    pdf = FPDF(format="A4")
    pdf.add_font("Carlito", "", str(font_file("")))
    pdf.set_font("Carlito", size=12)
    for _ in range(2):
        pdf.add_page()
        pdf.multi_cell(170, 6, text)
    pdf.output(str(path))
    monkeypatch.setenv("PYTHONIOENCODING", "cp1252")
    document = read_pdf(path)
    assert [p.status for p in document.pages] == ["ok", "ok"]
    assert all(text in " ".join(p.text.split()) for p in document.pages)


def test_crash_names_on_windows_and_elsewhere() -> None:
    from rio_desktop.engine.backend_probe import crash_name

    assert crash_name(0xC000001D, windows=True) == "SIGILL"  # illegal instruction (an AVX-512 kernel)
    assert crash_name(-1073741819, windows=True) == "SIGSEGV"  # 0xC0000005 as a signed exit status
    assert crash_name(0xC0000409, windows=True) == "SIGABRT"  # abort() through __fastfail
    assert crash_name(3, windows=True) == "SIGABRT"  # abort() as the C runtime ends it by default
    assert crash_name(0xC0000142, windows=True) == "exception 0xC0000142"  # a DLL failed to initialise
    assert crash_name(1, windows=True) is None  # Python's own error exit: the child said why on stderr
    assert crash_name(-signal.SIGILL, windows=False) == "SIGILL"
    assert crash_name(128 + signal.SIGABRT, windows=False) == "SIGABRT"  # as a shell reports it
    assert crash_name(1, windows=False) is None


# -- the log --------------------------------------------------------------------------------------------
@windows_only
def test_a_child_that_aborts_is_named_as_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    from rio_desktop.engine import backend_probe

    monkeypatch.setattr(backend_probe, "child_command", lambda: [sys.executable, "-c", "import os; os.abort()"])
    assert backend_probe.run_child(Path("cpu.dll"), Path("model.gguf")).reason == "crashed (SIGABRT)"


def test_log_keeps_writing_when_windows_refuses_to_rename_it(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows renames no file that another process holds open (a second instance writing the same log)."""
    import os

    from rio_desktop.logging_setup import RotatingFile

    handler = RotatingFile(tmp_path / "rio-desktop.log", max_bytes=100, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test_portability.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        def refuse(*_args: object) -> None:
            raise PermissionError(32, "The process cannot access the file because it is being used")
        monkeypatch.setattr(os, "replace", refuse)
        for number in range(20):
            logger.warning("linha %d do ofício", number)
        monkeypatch.undo()
        logger.warning("depois")
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert "linha 19 do ofício" in (tmp_path / "rio-desktop.log.1").read_text(encoding="utf-8")
    assert "depois" in (tmp_path / "rio-desktop.log").read_text(encoding="utf-8")


# -- Windows itself -----------------------------------------------------------------------------------------
@windows_only
def test_cpu_name_from_the_registry() -> None:
    from rio_desktop.engine.cpu import _windows_cpu_name, cpu_model

    name = cpu_model()
    assert name == _windows_cpu_name() and "Family" not in name and name == name.strip()


@windows_only
def test_keyring_is_the_credential_manager() -> None:
    import keyring
    from keyring.backends import Windows

    keyring.set_keyring(Windows.WinVaultKeyring())
    from rio_desktop import secrets

    name = "test-portability-ação"
    secrets.set_secret(name, "segredo-ção-123")
    try:
        assert secrets.get_secret(name) == "segredo-ção-123"
    finally:
        secrets.set_secret(name, None)
    assert secrets.get_secret(name) is None
