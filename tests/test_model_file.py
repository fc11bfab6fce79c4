"""Validation of model files before llama.cpp sees them: every bad file gets a clear message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gguf_factory import tiny_gguf, truncated_copy

from rio_desktop.engine.backend import LoadParams
from rio_desktop.engine.errors import ModelFileError
from rio_desktop.engine.gguf_header import read_header
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.model_file import inspect_model_file

ESCAPING_TEMPLATES = [
    # Reaching Python's object graph from a string: the classic sandbox escape.
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for m in messages %}{{ m.__class__.__init__.__globals__ }}{% endfor %}",
    # Changing state the template was given: refused by the immutable sandbox.
    "{% set x = messages.append({'role': 'user', 'content': 'x'}) %}{{ messages }}",
]


def _expect(path: Path, *fragments: str) -> str:
    with pytest.raises(ModelFileError) as info:
        inspect_model_file(path)
    text = str(info.value.message)
    for fragment in fragments:
        assert fragment in text, text
    return text


def test_the_test_model_is_valid(model_path: Path) -> None:
    model = inspect_model_file(model_path)
    assert model.architecture == "llama"
    assert model.quantization == "Q4_1"
    assert model.context_trained == 8192
    assert model.parts == [model_path]
    assert model.total_bytes == model_path.stat().st_size == model.header.expected_file_size
    assert model.has_own_chat_template
    assert 130e6 < model.header.parameter_count < 140e6


def test_missing_file(tmp_path: Path) -> None:
    _expect(tmp_path / "nothing.gguf", "does not exist")


def test_folder(tmp_path: Path) -> None:
    _expect(tmp_path, "folder")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.write_bytes(b"")
    _expect(path, "empty.gguf", "is empty")


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "random.gguf"
    path.write_bytes(os.urandom(1 << 20))
    _expect(path, "random.gguf", "not a GGUF model file")


def test_text_file_named_gguf(tmp_path: Path) -> None:
    path = tmp_path / "notes.gguf"
    path.write_text("Ofício nº 12/2026 — isto não é um modelo.\n" * 100, encoding="utf-8")
    _expect(path, "notes.gguf", "not a GGUF model file")


def test_truncated_in_tensor_data(model_path: Path, tmp_path: Path) -> None:
    path = truncated_copy(model_path, tmp_path / "cut.gguf", model_path.stat().st_size // 2)
    text = _expect(path, "cut.gguf", "incomplete")
    assert "93.8 MB" in text  # the size the header implies, so the clerk sees how much is missing


def test_truncated_in_header(model_path: Path, tmp_path: Path) -> None:
    path = truncated_copy(model_path, tmp_path / "cut.gguf", 4096)
    _expect(path, "cut.gguf", "incomplete", "header")


def test_header_with_absurd_counts_fails_fast(tmp_path: Path) -> None:
    # A GGUF signature followed by a claim of 2^60 tensors: refused without allocating anything.
    path = tmp_path / "hostile.gguf"
    path.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (1 << 60).to_bytes(8, "little") + bytes(8))
    _expect(path, "hostile.gguf", "damaged")


def test_unsupported_version(tmp_path: Path) -> None:
    path = tmp_path / "v9.gguf"
    path.write_bytes(b"GGUF" + (9).to_bytes(4, "little") + bytes(16))
    _expect(path, "v9.gguf", "version 9")


def test_split_model_is_found_from_any_part(split_model: Path) -> None:
    third = split_model.with_name(split_model.name.replace("00001-of", "00003-of"))
    model = inspect_model_file(third)
    assert model.path == split_model
    assert [p.name[-20:] for p in model.parts] == [f"-0000{i}-of-00003.gguf" for i in (1, 2, 3)]
    assert model.total_bytes == sum(p.stat().st_size for p in model.parts)


def test_split_model_with_a_part_missing(split_model: Path, tmp_path: Path) -> None:
    for part in sorted(split_model.parent.glob("*.gguf")):
        if "00002-of" not in part.name:
            (tmp_path / part.name).symlink_to(part)
    text = _expect(tmp_path / split_model.name, "split into 3 files", "1 of them are missing",
                   "00002-of-00003.gguf")
    assert "00001" not in text.split("missing from")[1].split(":")[1]


def test_split_model_with_a_truncated_part(split_model: Path, tmp_path: Path) -> None:
    for part in sorted(split_model.parent.glob("*.gguf")):
        if "00003-of" in part.name:
            truncated_copy(part, tmp_path / part.name, part.stat().st_size - 1000)
        else:
            (tmp_path / part.name).symlink_to(part)
    _expect(tmp_path / split_model.name, "00003-of-00003.gguf", "incomplete")


def test_architecture_unknown_to_llama_cpp(tmp_path: Path) -> None:
    path = tiny_gguf(tmp_path / "alien.gguf", arch="rio-quantum-9000")
    _expect(path, "alien.gguf", "'rio-quantum-9000'", "does not support")


def test_known_architecture_of_a_tiny_file_passes(tmp_path: Path) -> None:
    path = tiny_gguf(tmp_path / "tiny.gguf", arch="qwen2")
    header_arch = inspect_model_file(path).architecture
    assert header_arch == "qwen2"  # known although the library stores it merged into "rwkv6qwen2"


@pytest.mark.parametrize("template", ESCAPING_TEMPLATES)
def test_chat_template_escaping_the_sandbox(tmp_path: Path, template: str) -> None:
    path = tiny_gguf(tmp_path / "evil.gguf", chat_template=template)
    _expect(path, "evil.gguf", "sandbox")


def test_broken_chat_template(tmp_path: Path) -> None:
    path = tiny_gguf(tmp_path / "broken.gguf", chat_template="{% for m in messages %}{{ m['content'] }")
    _expect(path, "broken.gguf", "chat template", "does not work")


def test_header_reader_keeps_small_values_and_skips_vocabulary(model_path: Path) -> None:
    with model_path.open("rb") as handle:
        header = read_header(handle)
    assert header.metadata["llama.block_count"] == 30
    assert header.metadata["tokenizer.ggml.tokens"] is None  # 49152 entries: skipped, length kept
    assert header.array_lengths["tokenizer.ggml.tokens"] == 49152


BAD_FILES = ["empty", "random", "text", "truncated", "alien", "evil"]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_loading_a_bad_file_keeps_the_engine_usable(kind: str, model_path: Path, tmp_path: Path) -> None:
    """Each bad file is refused before llama.cpp, and the same backend then loads a good model."""
    path = tmp_path / f"{kind}.gguf"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(os.urandom(65536))
    elif kind == "text":
        path.write_text("not a model", encoding="utf-8")
    elif kind == "truncated":
        truncated_copy(model_path, path, model_path.stat().st_size - 4096)
    elif kind == "alien":
        tiny_gguf(path, arch="rio-quantum-9000")
    else:
        tiny_gguf(path, chat_template=ESCAPING_TEMPLATES[0])
    backend = LlamaCppBackend()
    with pytest.raises(ModelFileError):
        backend.load(LoadParams(model_path=path, n_ctx=256))
    assert backend.info is None
    info = backend.load(LoadParams(model_path=model_path, n_ctx=256))
    assert info.architecture == "llama"
    assert backend.count_tokens("Rio de Janeiro") > 0
    backend.unload()
