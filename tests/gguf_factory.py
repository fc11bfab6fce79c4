"""Building GGUF files for tests with the gguf package: split copies, tiny models, broken variants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gguf import GGUFReader, GGUFValueType, GGUFWriter


def split_gguf(source: Path, target: Path, parts: int) -> Path:
    """Write `source` as `parts` files named target-0000k-of-0000n.gguf; returns the first part."""
    reader = GGUFReader(source)
    arch = reader.fields["general.architecture"].contents()
    per_part = -(-len(reader.tensors) // parts)
    writer = GGUFWriter(target, arch, split_max_tensors=per_part)
    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue
        value_type = field.types[0]
        sub_type = field.types[-1] if value_type == GGUFValueType.ARRAY else None
        writer.add_key_value(name, field.contents(), value_type, sub_type=sub_type)
    for tensor in reader.tensors:
        writer.add_tensor(tensor.name, tensor.data, raw_dtype=tensor.tensor_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    first = target.with_name(f"{target.stem}-00001-of-{parts:05d}.gguf")
    assert first.exists(), sorted(p.name for p in target.parent.iterdir())
    return first


def tiny_gguf(path: Path, arch: str = "llama", chat_template: str | None = None) -> Path:
    """A structurally valid GGUF with two small tensors (not a runnable model)."""
    writer = GGUFWriter(path, arch)
    writer.add_context_length(256)
    writer.add_block_count(1)
    if chat_template is not None:
        writer.add_chat_template(chat_template)
    writer.add_tensor("token_embd.weight", np.zeros((16, 8), dtype=np.float32))
    writer.add_tensor("output_norm.weight", np.ones(8, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def truncated_copy(source: Path, target: Path, keep_bytes: int) -> Path:
    with source.open("rb") as handle:
        target.write_bytes(handle.read(keep_bytes))
    return target


TEMPLATES = Path(__file__).parent / "data" / "templates"


def with_chat_template(source: Path, template: Path, target: Path) -> Path:
    """A copy of `source` whose chat template is the file `template`, written by the gguf package's own
    gguf-new-metadata (a few seconds; the tensors are copied unchanged)."""
    import subprocess
    import sys

    script = Path(sys.executable).with_name("gguf-new-metadata")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "gguf.scripts.gguf_new_metadata"]
    subprocess.run([*command, "--force", "--chat-template-file", str(template), str(source), str(target)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, input=b"y\n")
    return target
