"""A tiny runnable hybrid model for tests: architecture "qwen35" (Qwen3.5), random weights.

Qwen3.5 mixes gated delta-net layers (linear attention with a recurrent state) with full-attention layers (a
KV cache). llama.cpp keeps both in one hybrid memory that cannot drop the end of a sequence, which is what
the engine's kept states (engine.state_cache) work around; this model lets the tests run that path on the
real llama.cpp in a fraction of a second instead of loading a 2.5 GB Qwen3.5 file.

The tokenizer (vocabulary, merges, special tokens) is copied from the project's test model, SmolLM2-135M,
which already has the ChatML tokens <|im_start|> and <|im_end|> that Qwen's templates write. The weights are
random: the answers are nonsense, but greedy decoding is deterministic, which is all the tests compare.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np
from gguf import GGUFReader, GGUFValueType, GGUFWriter

ARCH = "qwen35"
N_EMBD = 64
N_LAYER = 4
# Every second layer is full attention (Qwen3.5 itself uses every fourth); the others are delta-net layers.
FULL_ATTENTION_INTERVAL = 2
N_FF = 128
# Full attention: query and its gate come out of one projection (2 * n_head * head_dim rows).
N_HEAD = 2
N_HEAD_KV = 1
HEAD_DIM = 32
# M-RoPE sections over the rotated half of the head (text only: every section sees the same position).
ROPE_SECTIONS = [6, 5, 5, 0]
# Gated delta net: n_group key heads and dt_rank value heads of ssm_d_state each; inner size = value width.
SSM_D_STATE = 16
SSM_N_GROUP = 2
SSM_DT_RANK = 2
SSM_D_INNER = SSM_D_STATE * SSM_DT_RANK
SSM_D_CONV = 4
CONTEXT_LENGTH = 4096
SEED = 35

QWEN35_TEMPLATE = Path(__file__).parent / "data" / "templates" / "Qwen3.5-4B.jinja"
# A plain ChatML template: a past answer is written back exactly as the prompt left off, so a conversation's
# next prompt starts with the whole previous prompt (the Qwen3.5 template drops the empty think block instead).
CHATML_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)


@functools.lru_cache(maxsize=2)
def _tokenizer_fields(source: Path) -> tuple[tuple[str, Any, GGUFValueType, GGUFValueType | None], ...]:
    """The tokenizer.ggml.* entries of `source` (read once: 49,152 tokens and their merges take seconds)."""
    fields = []
    for name, field in GGUFReader(source).fields.items():
        if name.startswith("tokenizer.ggml."):
            value_type = field.types[0]
            sub_type = field.types[-1] if value_type == GGUFValueType.ARRAY else None
            fields.append((name, field.contents(), value_type, sub_type))
    return tuple(fields)


def _copy_tokenizer(writer: GGUFWriter, source: Path) -> int:
    """Copy the tokenizer.ggml.* entries of `source` (a chat template is set separately); the vocabulary size."""
    n_vocab = 0
    for name, contents, value_type, sub_type in _tokenizer_fields(source):
        writer.add_key_value(name, contents, value_type, sub_type=sub_type)
        if name == "tokenizer.ggml.tokens":
            n_vocab = len(contents)
    if not n_vocab:
        raise ValueError(f"{source} has no tokenizer.ggml.tokens")
    return n_vocab


def make_hybrid_model(path: Path, tokenizer_source: Path | None = None, chat_template: str | None = None) -> Path:
    """Write a tiny qwen35 GGUF to `path` and return it.

    `tokenizer_source`: the GGUF whose tokenizer is copied (default: the test model, SmolLM2-135M).
    `chat_template`: its chat template (default: Qwen3.5-4B's, from tests/data/templates).
    """
    if tokenizer_source is None:
        from conftest import find_test_model

        tokenizer_source = find_test_model()
    if chat_template is None:
        chat_template = QWEN35_TEMPLATE.read_text(encoding="utf-8")
    rng = np.random.default_rng(SEED)

    def weight(*shape: int, scale: float = 0.15) -> np.ndarray:
        # numpy shapes are ggml's reversed: (rows = outputs, columns = inputs). About 1/sqrt(inputs), so each
        # layer adds as much to the residual stream as the token's embedding: the answer then depends on the
        # context, not only on the last token, and a wrong state shows in the text. f16 halves the file.
        return (rng.standard_normal(shape) * scale).astype(np.float16)

    def norm(n: int) -> np.ndarray:
        return np.ones(n, dtype=np.float32)

    writer = GGUFWriter(path, ARCH)
    writer.add_name("tiny qwen35 (random weights, tests only)")
    writer.add_context_length(CONTEXT_LENGTH)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD_KV)
    writer.add_key_length(HEAD_DIM)
    writer.add_value_length(HEAD_DIM)
    writer.add_rope_dimension_count(HEAD_DIM)
    writer.add_rope_freq_base(10_000_000.0)
    writer.add_layer_norm_rms_eps(1e-6)
    # Spelt out rather than through the writer's helpers, which older gguf releases lack for these keys.
    writer.add_array(f"{ARCH}.rope.dimension_sections", ROPE_SECTIONS)
    writer.add_uint32(f"{ARCH}.full_attention_interval", FULL_ATTENTION_INTERVAL)
    writer.add_uint32(f"{ARCH}.ssm.conv_kernel", SSM_D_CONV)
    writer.add_uint32(f"{ARCH}.ssm.inner_size", SSM_D_INNER)
    writer.add_uint32(f"{ARCH}.ssm.state_size", SSM_D_STATE)
    writer.add_uint32(f"{ARCH}.ssm.time_step_rank", SSM_DT_RANK)
    writer.add_uint32(f"{ARCH}.ssm.group_count", SSM_N_GROUP)
    n_vocab = _copy_tokenizer(writer, tokenizer_source)
    writer.add_chat_template(chat_template)

    writer.add_tensor("token_embd.weight", weight(n_vocab, N_EMBD, scale=0.05))
    writer.add_tensor("output_norm.weight", norm(N_EMBD))
    # Its own output matrix: tied to token_embd, the tiny random stack would predict the token it just read
    # ("\n\n\n..."), and a whitespace answer is neither a realistic follow-up nor one the test can tell apart.
    writer.add_tensor("output.weight", weight(n_vocab, N_EMBD, scale=0.5))
    key_dim = SSM_D_STATE * SSM_N_GROUP
    conv_dim = 2 * key_dim + SSM_D_INNER
    for layer in range(N_LAYER):
        p = f"blk.{layer}."
        writer.add_tensor(p + "attn_norm.weight", norm(N_EMBD))
        writer.add_tensor(p + "post_attention_norm.weight", norm(N_EMBD))
        if (layer + 1) % FULL_ATTENTION_INTERVAL == 0:  # full attention, as llama.cpp assigns the layers
            writer.add_tensor(p + "attn_q.weight", weight(2 * N_HEAD * HEAD_DIM, N_EMBD))
            writer.add_tensor(p + "attn_k.weight", weight(N_HEAD_KV * HEAD_DIM, N_EMBD))
            writer.add_tensor(p + "attn_v.weight", weight(N_HEAD_KV * HEAD_DIM, N_EMBD))
            writer.add_tensor(p + "attn_output.weight", weight(N_EMBD, N_HEAD * HEAD_DIM))
            writer.add_tensor(p + "attn_q_norm.weight", norm(HEAD_DIM))
            writer.add_tensor(p + "attn_k_norm.weight", norm(HEAD_DIM))
        else:  # gated delta net
            writer.add_tensor(p + "attn_qkv.weight", weight(conv_dim, N_EMBD))
            writer.add_tensor(p + "attn_gate.weight", weight(SSM_D_INNER, N_EMBD))
            writer.add_tensor(p + "ssm_conv1d.weight", (rng.standard_normal((conv_dim, SSM_D_CONV)) * 0.5)
                              .astype(np.float32))
            # The state decays by exp(A * softplus(alpha + dt_bias)) a token: A = -exp(A_log) < 0 as in a
            # trained model, and a bias of -4 keeps about 0.99 a token, so the recurrent state carries the last
            # hundred or so tokens (with no bias it forgets within two or three, and a state would hardly matter).
            writer.add_tensor(p + "ssm_dt.bias", np.full(SSM_DT_RANK, -4.0, dtype=np.float32))
            writer.add_tensor(p + "ssm_a", -np.exp(rng.uniform(-2.0, 0.0, SSM_DT_RANK)).astype(np.float32))
            writer.add_tensor(p + "ssm_beta.weight", weight(SSM_DT_RANK, N_EMBD))
            writer.add_tensor(p + "ssm_alpha.weight", weight(SSM_DT_RANK, N_EMBD))
            writer.add_tensor(p + "ssm_norm.weight", norm(SSM_D_STATE))
            writer.add_tensor(p + "ssm_out.weight", weight(N_EMBD, SSM_D_INNER))
        writer.add_tensor(p + "ffn_gate.weight", weight(N_FF, N_EMBD))
        writer.add_tensor(p + "ffn_up.weight", weight(N_FF, N_EMBD))
        writer.add_tensor(p + "ffn_down.weight", weight(N_EMBD, N_FF))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
