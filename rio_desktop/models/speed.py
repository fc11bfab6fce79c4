"""What speed to expect of a model on this computer's CPU, before it is downloaded.

Decoding streams the active weights from memory once per token: it is bound by memory bandwidth, which on
office PCs grows with the cores in use up to the memory's limit. Reading the prompt is bound by arithmetic
(two operations per active parameter per token). The constants are rough, from figures reported for
llama.cpp on office CPUs (a 4B model at Q4 reads 25–60 prompt tokens a second on two to four cores and
writes 3–8), and serve only to avoid recommending a model that would crawl; the real speed is measured
once the model runs.
"""

from __future__ import annotations

from dataclasses import dataclass

BANDWIDTH_PER_CORE = 6e9  # bytes/s of weights one core streams while decoding
BANDWIDTH_LIMIT = 40e9  # dual-channel DDR4/DDR5
PROMPT_OPERATIONS_PER_CORE = 1e11  # per second, with the SIMD kernels llama.cpp picks
Q4_BYTES_PER_PARAMETER = 0.6
# Slower than this, a clerk waits too long: a 10-page document (about 5,000 tokens) read in about four
# minutes, an answer written at reading speed.
MIN_PROMPT_TOKENS_PER_S = 20.0
MIN_DECODE_TOKENS_PER_S = 4.0


@dataclass(frozen=True)
class CpuSpeed:
    prompt_tokens_per_s: float
    decode_tokens_per_s: float

    @property
    def usable(self) -> bool:
        return self.prompt_tokens_per_s >= MIN_PROMPT_TOKENS_PER_S and \
            self.decode_tokens_per_s >= MIN_DECODE_TOKENS_PER_S


def cpu_speed(active_parameters: int, cores: int) -> CpuSpeed:
    cores = max(1, cores)
    bandwidth = min(cores * BANDWIDTH_PER_CORE, BANDWIDTH_LIMIT)
    return CpuSpeed(prompt_tokens_per_s=cores * PROMPT_OPERATIONS_PER_CORE / (2 * active_parameters),
                    decode_tokens_per_s=bandwidth / (active_parameters * Q4_BYTES_PER_PARAMETER))
