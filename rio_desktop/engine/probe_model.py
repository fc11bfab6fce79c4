"""A tiny runnable model for the backend probe, written with the gguf package (no download, ~0.4 MB).

Random weights in the quantizations the Rio models are published in (Q4_K_M: Q4_K and Q6_K), so the probe
runs the same matrix kernels a real model does, in the CPU variant or GPU module under test. The output is
meaningless text; the probe only compares it between backends.
"""

from __future__ import annotations

from pathlib import Path

N_EMBD, N_FF, N_LAYERS, N_HEAD = 256, 512, 2, 4
VERSION = 2  # bump when the model changes: the file name carries it
BYTE_TOKENS = [f"<0x{b:02X}>" for b in range(256)]


def _k_quant_blocks(rng, rows: int, cols: int, kind: str):
    """Random but well-formed Q4_K or Q6_K data (256 values a block) of a rows x cols matrix."""
    import numpy as np

    blocks = rows * cols // 256
    if kind == "Q4_K":  # d, dmin (f16), 12 bytes of 6-bit scales and mins, 128 bytes of 4-bit values
        head = np.array([0.004, 0.002], dtype=np.float16).view(np.uint8)
        body = rng.integers(0, 256, size=(blocks, 140), dtype=np.uint8)
        data = np.concatenate([np.tile(head, (blocks, 1)), body], axis=1)
        return data.reshape(rows, cols // 256 * 144)
    # Q6_K: 128 bytes low bits, 64 bytes high bits, 16 int8 scales, d (f16)
    low = rng.integers(0, 256, size=(blocks, 192), dtype=np.uint8)
    scales = rng.integers(-16, 16, size=(blocks, 16), dtype=np.int8).view(np.uint8)
    d = np.tile(np.array([0.004], dtype=np.float16).view(np.uint8), (blocks, 1))
    return np.concatenate([low, scales, d], axis=1).reshape(rows, cols // 256 * 210)


def probe_model(folder: Path) -> Path:
    """The probe's model in `folder`, written the first time."""
    path = folder / f"rio-probe-v{VERSION}.gguf"
    if path.is_file():
        return path
    import numpy as np
    from gguf import GGMLQuantizationType, GGUFWriter, TokenType

    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261130)
    tokens = ["<unk>", "<s>", "</s>", *BYTE_TOKENS, *(f"\u2581w{i}" for i in range(29))]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL, *([TokenType.BYTE] * 256),
             *([TokenType.NORMAL] * 29)]
    n_vocab = len(tokens)
    partial = path.with_suffix(".partial")
    writer = GGUFWriter(partial, "llama")
    writer.add_name("Rio backend probe")
    writer.add_context_length(512)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYERS)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * n_vocab)
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)

    def matrix(name: str, rows: int, cols: int, kind: str = "Q4_K") -> None:
        quant = GGMLQuantizationType.Q4_K if kind == "Q4_K" else GGMLQuantizationType.Q6_K
        writer.add_tensor(name, _k_quant_blocks(rng, rows, cols, kind), raw_dtype=quant)

    def norm(name: str) -> None:
        writer.add_tensor(name, np.ones(N_EMBD, dtype=np.float32))

    matrix("token_embd.weight", n_vocab, N_EMBD)
    for layer in range(N_LAYERS):
        prefix = f"blk.{layer}."
        norm(prefix + "attn_norm.weight")
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            matrix(prefix + name + ".weight", N_EMBD, N_EMBD)
        norm(prefix + "ffn_norm.weight")
        matrix(prefix + "ffn_gate.weight", N_FF, N_EMBD)
        matrix(prefix + "ffn_up.weight", N_FF, N_EMBD)
        matrix(prefix + "ffn_down.weight", N_EMBD, N_FF, "Q6_K")
    norm("output_norm.weight")
    matrix("output.weight", n_vocab, N_EMBD, "Q6_K")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    partial.replace(path)
    return path
