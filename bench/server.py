#!/usr/bin/env python3
"""Server benchmark: tokens per second and time to first token through the application's server backend
versus a plain streaming HTTP client, against llama-cpp-python's server with the test model, in one run.
Writes bench/results/server.json (keys throughput_ratio and ttft_ratio).

    .venv/bin/python bench/server.py [--model FILE.gguf] [--tokens 128] [--repeats 3]
    .venv/bin/python bench/server.py --quick      # 16 tokens, one run each
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from report import add_quick_flag, default_model, print_table, write_results  # noqa: E402

PROMPT = "Write a detailed report for the city council about improving public transport in Rio de Janeiro."


def plain_client(port: int, key: str, max_tokens: int) -> dict:
    """The baseline: one streaming request read line by line, nothing else."""
    body = json.dumps({"model": "rio-teste", "messages": [{"role": "user", "content": PROMPT}],
                       "max_tokens": max_tokens, "temperature": 0.0, "stream": True}).encode()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("POST", "/v1/chat/completions", body=body,
                       headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    response = connection.getresponse()
    first = last = 0.0
    n = 0
    for raw in response:
        line = raw.strip()
        if not line.startswith(b"data:") or line == b"data: [DONE]":
            continue
        delta = json.loads(line[5:])["choices"][0].get("delta", {}).get("content")
        if delta:
            now = time.perf_counter()
            first = first or now
            last = now
            n += 1
    connection.close()
    return {"ttft_s": first - started, "tokens": n, "tps": (n - 1) / (last - first) if last > first else 0.0}


def app_backend(backend, max_tokens: int) -> dict:
    from rio_desktop.engine.backend import ChatMessage, GenerationParams

    started = time.perf_counter()
    times: list[float] = []
    backend.chat([ChatMessage("user", PROMPT)], GenerationParams(max_tokens=max_tokens, temperature=0.0),
                 on_text=lambda _t: times.append(time.perf_counter()))
    n = len(times)
    return {"ttft_s": times[0] - started, "tokens": n,
            "tps": (n - 1) / (times[-1] - times[0]) if n > 1 else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--tokens", type=int, default=None, help="tokens per answer (default 128; --quick: 16)")
    parser.add_argument("--repeats", type=int, default=None, help="runs of each (default 3; --quick: 1)")
    add_quick_flag(parser)
    args = parser.parse_args()
    args.tokens = args.tokens or (16 if args.quick else 128)
    args.repeats = args.repeats or (1 if args.quick else 3)
    from test_server_backend import KEY, LlamaServer

    from rio_desktop.engine.server_backend import OpenAIServerBackend, ServerConfig

    server = LlamaServer(args.model or default_model())
    try:
        backend = OpenAIServerBackend(ServerConfig(base_url=server.url, api_key=KEY))
        backend.load()
        plain_client(server.port, KEY, 8)  # warm-up
        app_backend(backend, 8)
        plain_runs, app_runs = [], []
        for _ in range(args.repeats):  # interleaved
            plain_runs.append(plain_client(server.port, KEY, args.tokens))
            app_runs.append(app_backend(backend, args.tokens))
    finally:
        server.stop()

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    results = {
        "throughput_ratio": median(app_runs, "tps") / median(plain_runs, "tps"),
        "ttft_ratio": median(app_runs, "ttft_s") / median(plain_runs, "ttft_s"),
        "app_tokens_per_s": median(app_runs, "tps"), "plain_tokens_per_s": median(plain_runs, "tps"),
        "app_ttft_s": median(app_runs, "ttft_s"), "plain_ttft_s": median(plain_runs, "ttft_s"),
        "runs": {"app": app_runs, "plain": plain_runs},
    }
    print_table([
        ("tokens/s through the server backend", f"{results['app_tokens_per_s']:.1f}"),
        ("tokens/s, plain streaming client", f"{results['plain_tokens_per_s']:.1f}"),
        ("throughput_ratio (goal >= 0.95)", f"{results['throughput_ratio']:.3f}"),
        ("time to first token, backend / plain (s)", f"{results['app_ttft_s']:.3f} / {results['plain_ttft_s']:.3f}"),
        ("ttft_ratio (lower is better)", f"{results['ttft_ratio']:.3f}"),
    ])
    write_results("server", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
