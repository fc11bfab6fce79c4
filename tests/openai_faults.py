"""A small OpenAI-compatible server that misbehaves on demand: 401, 429 with Retry-After, 503, a
stream that stalls or stops, malformed event lines; or streams scripted deltas (reasoning layouts)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FaultyServer:
    def __init__(self, mode: str = "ok", key: str | None = None) -> None:
        self.mode = mode
        self.key = key
        self.requests = 0
        self.seen_keys: list[str | None] = []
        self.bodies: list[dict] = []
        # mode "script": each request streams the next list of deltas (e.g. {"reasoning_content": "..."}
        # or {"content": "..."}); `props` is what GET /props answers (llama-server shows its template there).
        self.scripts: list[list[dict]] = []
        self.props: dict | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Content-Type", "application/json")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                if self.path.startswith("/props"):
                    if server.props is None:
                        self._send(404, b'{"error": "not found"}')
                    else:
                        self._send(200, json.dumps(server.props).encode())
                    return
                self._send(200, json.dumps({"object": "list", "data": [
                    {"id": "rio-3.5-open", "object": "model", "meta": {"n_ctx_train": 262144}}]}).encode())

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.startswith("/tokenize") or self.path.startswith("/extras"):
                    self._send(404, b'{"error": "not found"}')  # no tokenizer: the client estimates
                    return
                server.requests += 1  # chat completions
                server.bodies.append(body)
                server.seen_keys.append(self.headers.get("Authorization"))
                if server.key and self.headers.get("Authorization") != f"Bearer {server.key}":
                    self._send(401, b'{"error": "invalid api key"}')
                    return
                mode = server.mode
                if mode == "429" and server.requests == 1:
                    self._send(429, b'{"error": "busy"}', {"Retry-After": "1"})
                    return
                if mode == "503":
                    self._send(503, b'{"error": "overloaded"}')
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                words = ["Olá", ", ", "prezado", " ", "senhor", "."]
                if mode == "script":
                    for delta in server.scripts.pop(0):
                        chunk = {"choices": [{"delta": delta, "finish_reason": None}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                    self.wfile.write(b'data: {"choices": [{"delta": {}, "finish_reason": "stop"}]}\n\n')
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                if mode == "echo":  # the last user message back, word by word
                    text = body["messages"][-1]["content"]
                    words = [w + " " for w in text.split(" ")]
                for index, word in enumerate(words):
                    if mode == "malformed" and index == 2:
                        self.wfile.write(b"data: {not json\n\n: keep-alive comment\n\n")
                    chunk = {"choices": [{"delta": {"content": word}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    if mode in ("stall", "drop") and index == 3:
                        if mode == "stall":
                            time.sleep(5)
                        return  # the connection closes without [DONE]
                    time.sleep(0.01)
                self.wfile.write(b'data: {"choices": [{"delta": {}, "finish_reason": "stop"}]}\n\n')
                self.wfile.write(b"data: [DONE]\n\n")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FaultyServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
