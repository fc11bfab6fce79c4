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


def tiny_moe_gguf(path: Path, n_layers: int = 4, n_experts: int = 8, n_used: int = 2, n_embd: int = 128,
                  n_ff_expert: int = 256) -> Path:
    """A small runnable mixture-of-experts model (qwen3moe, random weights, a SentencePiece-style vocabulary
    of byte tokens): the architecture of Rio 3.5's family, with routed experts a plan can keep in RAM."""
    from gguf import TokenType

    rng = np.random.default_rng(7)
    n_head, n_head_kv, head_dim = 4, 2, 32
    tokens = ["<unk>", "<s>", "</s>", *(f"<0x{b:02X}>" for b in range(256)), *(f"\u2581w{i}" for i in range(61))]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL, *([TokenType.BYTE] * 256),
             *([TokenType.NORMAL] * 61)]
    writer = GGUFWriter(path, "qwen3moe")
    writer.add_name("tiny qwen3moe")
    writer.add_context_length(512)
    writer.add_embedding_length(n_embd)
    writer.add_block_count(n_layers)
    writer.add_feed_forward_length(n_ff_expert)
    writer.add_head_count(n_head)
    writer.add_head_count_kv(n_head_kv)
    writer.add_key_length(head_dim)
    writer.add_value_length(head_dim)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_expert_count(n_experts)
    writer.add_expert_used_count(n_used)
    writer.add_expert_feed_forward_length(n_ff_expert)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * len(tokens))
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)

    def weight(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.05).astype(np.float16)

    writer.add_tensor("token_embd.weight", weight(len(tokens), n_embd))
    for layer in range(n_layers):
        p = f"blk.{layer}."
        writer.add_tensor(p + "attn_norm.weight", np.ones(n_embd, dtype=np.float32))
        writer.add_tensor(p + "attn_q.weight", weight(n_head * head_dim, n_embd))
        writer.add_tensor(p + "attn_k.weight", weight(n_head_kv * head_dim, n_embd))
        writer.add_tensor(p + "attn_v.weight", weight(n_head_kv * head_dim, n_embd))
        writer.add_tensor(p + "attn_output.weight", weight(n_embd, n_head * head_dim))
        writer.add_tensor(p + "attn_q_norm.weight", np.ones(head_dim, dtype=np.float32))
        writer.add_tensor(p + "attn_k_norm.weight", np.ones(head_dim, dtype=np.float32))
        writer.add_tensor(p + "ffn_norm.weight", np.ones(n_embd, dtype=np.float32))
        writer.add_tensor(p + "ffn_gate_inp.weight", (rng.standard_normal((n_experts, n_embd)) * 0.05)
                          .astype(np.float32))
        writer.add_tensor(p + "ffn_gate_exps.weight", weight(n_experts, n_ff_expert, n_embd))
        writer.add_tensor(p + "ffn_up_exps.weight", weight(n_experts, n_ff_expert, n_embd))
        writer.add_tensor(p + "ffn_down_exps.weight", weight(n_experts, n_embd, n_ff_expert))
    writer.add_tensor("output_norm.weight", np.ones(n_embd, dtype=np.float32))
    writer.add_tensor("output.weight", weight(len(tokens), n_embd))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path

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
