"""The GGUF header reader against the gguf library's own, and cut at every kind of place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from rio_desktop.engine.gguf_header import HeaderError, read_header


def test_the_header_matches_the_gguf_library(model_path: Path) -> None:
    from gguf import GGUFReader

    with model_path.open("rb") as handle:
        header = read_header(handle)
    reference = GGUFReader(str(model_path))
    assert header.data_offset == reference.data_offset
    assert [(t.name, reference.data_offset + t.offset) for t in header.tensors] == [
        (t.name, t.data_offset) for t in reference.tensors]
    # The vocabulary lists are skipped (only their length is kept), what follows them is read right.
    assert header.array_lengths["tokenizer.ggml.tokens"] == 49152
    assert header.metadata["tokenizer.ggml.tokens"] is None
    assert isinstance(header.metadata["tokenizer.chat_template"], str)


@pytest.mark.parametrize("fraction", [0.001, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.9999])
def test_a_header_cut_anywhere_is_reported_as_truncated(model_path: Path, fraction: float) -> None:
    """Cut inside the vocabulary (skipped in blocks), inside the merges, in the tensor table."""
    with model_path.open("rb") as handle:
        end = read_header(handle).data_offset
    data = model_path.read_bytes()[: int(end * fraction)]
    with pytest.raises(HeaderError) as caught:
        read_header(io.BytesIO(data))
    assert caught.value.truncated
