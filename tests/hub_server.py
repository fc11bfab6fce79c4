"""A local HTTP server speaking the Hugging Face hub endpoints the application uses, with faults.

Repositories are folders of real files; each file's size and sha256 are served as the hub's LFS
metadata. Faults per file: drop the connection at byte N (once), stall at byte N, answer 401/403/404,
serve damaged bytes, serve slowly, or redirect to a "CDN" path on the same server. The API (repository
state, search) can answer a given status or wait before answering. `AuthProxy` is an organisation's
proxy that wants a password (407).
"""

from __future__ import annotations

import hashlib
import json
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Fault:
    drop_at: int | None = None  # close the connection after this many bytes of the file, once
    stall_at: int | None = None  # stop sending (without closing) at this byte, once
    stall_s: float = 5.0
    status: int | None = None  # answer with this status instead
    corrupt: bool = False  # serve different bytes than the metadata promises
    bytes_per_s: int | None = None
    redirect: bool = False


@dataclass
class Hub:
    repos: dict[str, Path] = field(default_factory=dict)  # "owner/name" -> folder
    faults: dict[str, Fault] = field(default_factory=dict)  # file name -> fault
    gated: set[str] = field(default_factory=set)
    withdrawn: set[str] = field(default_factory=set)
    served: dict[str, int] = field(default_factory=dict)  # file name -> bytes sent
    ranges: list[tuple[str, int]] = field(default_factory=list)  # (file, first byte asked)
    auth_seen: list[str | None] = field(default_factory=list)
    token: str | None = None  # when set, gated repositories need it
    api_status: int | None = None  # the API (model info, search) answers this status instead
    api_delay_s: float = 0.0  # the API waits this long before answering
    _sha: dict[Path, str] = field(default_factory=dict)

    def sha256(self, path: Path) -> str:
        if path not in self._sha:
            self._sha[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._sha[path]

    def model_info(self, repo: str) -> dict:
        folder = self.repos[repo]
        siblings = []
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                size = path.stat().st_size
                siblings.append({"rfilename": str(path.relative_to(folder)), "size": size,
                                 "lfs": {"sha256": self.sha256(path), "size": size, "pointerSize": 134},
                                 "blobId": self.sha256(path)[:40]})
        return {"id": repo, "modelId": repo, "sha": "0" * 40, "private": False,
                "gated": "manual" if repo in self.gated else False, "siblings": siblings, "tags": ["gguf"],
                "downloads": 10, "likes": 1, "lastModified": "2026-11-01T00:00:00.000Z"}


def make_handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _json(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parsed = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(parsed.path)
            hub.auth_seen.append(self.headers.get("Authorization"))
            if path.startswith("/api/"):
                time.sleep(hub.api_delay_s)
                if hub.api_status:
                    self._json(hub.api_status, {"error": "injected"})
                    return
            if path.startswith("/api/models/"):
                repo = "/".join(path[len("/api/models/"):].split("/")[:2])
                if repo in hub.withdrawn or repo not in hub.repos:
                    self._json(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
                    return
                self._json(200, hub.model_info(repo))
                return
            if path == "/api/models":
                query = urllib.parse.parse_qs(parsed.query).get("search", [""])[0].lower()
                self._json(200, [{"id": r, "modelId": r, "tags": ["gguf"], "downloads": 1, "likes": 0}
                                 for r in hub.repos if query in r.lower()])
                return
            cdn = path.startswith("/cdn/")
            parts = path.strip("/").split("/")
            if cdn:
                parts = parts[1:]
            if len(parts) < 5 or parts[2] != "resolve":
                self._json(404, {"error": "not found"})
                return
            repo, name = f"{parts[0]}/{parts[1]}", "/".join(parts[4:])
            fault = hub.faults.get(name, Fault())
            if repo in hub.withdrawn or repo not in hub.repos or not (hub.repos[repo] / name).is_file():
                self._json(404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound"})
                return
            if repo in hub.gated and self.headers.get("Authorization") != f"Bearer {hub.token}" and not cdn:
                status = 401 if not self.headers.get("Authorization") else 403
                self._json(status, {"error": "Access to this repository is restricted."},
                           {"X-Error-Code": "GatedRepo"})
                return
            if fault.status:
                self._json(fault.status, {"error": "injected"})
                return
            if fault.redirect and not cdn:
                # To another host name of this server, as the hub sends files to its CDN.
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/cdn{path}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            data = (hub.repos[repo] / name).read_bytes()
            if fault.corrupt:
                data = bytes(b ^ 0xFF for b in data[:64]) + data[64:]
            start = 0
            header = self.headers.get("Range")
            if header and header.startswith("bytes="):
                start = int(header[6:].split("-")[0])
            hub.ranges.append((name, start))
            if start >= len(data) and header:
                self.send_response(416)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206 if header else 200)
            self.send_header("Content-Length", str(len(data) - start))
            self.send_header("ETag", f'"{hub.sha256(hub.repos[repo] / name)}"')
            if header:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            position = start
            step = 64 * 1024
            while position < len(data):
                end = min(position + step, len(data))
                if fault.drop_at is not None and position < fault.drop_at <= end:
                    self.wfile.write(data[position:fault.drop_at])
                    hub.served[name] = hub.served.get(name, 0) + fault.drop_at - position
                    fault.drop_at = None
                    self.close_connection = True
                    return
                if fault.stall_at is not None and position < fault.stall_at <= end:
                    self.wfile.write(data[position:fault.stall_at])
                    self.wfile.flush()
                    hub.served[name] = hub.served.get(name, 0) + fault.stall_at - position
                    fault.stall_at = None
                    time.sleep(fault.stall_s)
                    self.close_connection = True
                    return
                try:
                    self.wfile.write(data[position:end])
                except (BrokenPipeError, ConnectionResetError):
                    return
                hub.served[name] = hub.served.get(name, 0) + end - position
                position = end
                if fault.bytes_per_s:
                    time.sleep(step / fault.bytes_per_s)

    return Handler


class HubServer:
    def __init__(self, hub: Hub, tls: ssl.SSLContext | None = None) -> None:
        self.hub = hub
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(hub))
        self.scheme = "https" if tls else "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def __enter__(self) -> HubServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class AuthProxy:
    """An HTTP proxy that answers every request 407 Proxy Authentication Required."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                self.send_response(407)
                self.send_header("Proxy-Authenticate", 'Basic realm="prefeitura"')
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_CONNECT = do_GET  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> AuthProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
