"""Network failures in words a clerk can act on.

Three HTTP stacks reach the network: huggingface_hub (httpx, or its successor httpx2: its errors are
neither OSError nor the hub's own HTTP errors), urllib (downloads, remote headers) and http.client (the
organisation's server). Each wraps the operating system's error differently; `classify` walks the chain
of causes and names what went wrong by the exception's kind and class name, so that no HTTP library has
to be imported here and a new one is covered as long as it keeps the usual names.
"""

from __future__ import annotations

import errno
import socket
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

Kind = Literal["offline", "dns", "refused", "timeout", "proxy", "proxy_auth", "tls", "token", "forbidden",
               "dropped", "busy", "status"]
OFFLINE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EADDRNOTAVAIL}


class NetworkProblem(UserFacingError):
    """A request that failed on the way: `kind` says how, the message says what to do."""

    def __init__(self, message: Message, kind: Kind) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Failure:
    kind: Kind
    host: str
    proxy: str = ""  # the proxy the request went through, if any
    status: int = 0
    detail: str = ""


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        following = current.__cause__ or current.__context__
        reason = getattr(current, "reason", None)  # urllib's URLError keeps the cause in .reason
        if following is None and isinstance(reason, BaseException):
            following = reason
        current = following


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _status(exc: BaseException) -> int:
    """The HTTP status of an error that carries an answer (urllib, huggingface_hub, httpx)."""
    code = getattr(exc, "code", None)
    if isinstance(code, int) and 100 <= code < 600:
        return code
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else 0


def proxy_for(url: str) -> str:
    """The proxy the environment or the system sets for `url` ("" when it goes direct)."""
    import urllib.request  # on first failure only: it weighs on the application's start-up

    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        if host and urllib.request.proxy_bypass(host):
            return ""
    except OSError:  # a broken system proxy setting: as if there were none
        return ""
    return urllib.request.getproxies().get(parts.scheme, "")


def classify(exc: BaseException, url: str, use_proxy: bool = True) -> Failure | None:
    """What kind of network failure `exc` is, or None when it is not one."""
    import ssl

    host = urllib.parse.urlsplit(url).hostname or url
    proxy = proxy_for(url) if use_proxy else ""
    chain = list(_causes(exc))
    names = set().union(*(_names(e) for e in chain))
    detail = next((str(e) for e in reversed(chain) if str(e)), type(exc).__name__)
    status = next((s for s in map(_status, chain) if s), 0)
    if status == 407 or ("407" in detail and "roxy" in detail):  # http.client: "Tunnel connection failed: 407"
        return Failure("proxy_auth", host, proxy, 407, detail)
    if status in (401, 403):
        return Failure("token" if status == 401 else "forbidden", host, proxy, status, detail)
    if status in (429, 500, 502, 503, 504):
        return Failure("busy", host, proxy, status, detail)
    if status:
        return Failure("status", host, proxy, status, detail)
    if any(isinstance(e, ssl.SSLError) for e in chain) or names & {"SSLError", "SSLCertVerificationError"}:
        return Failure("tls", host, proxy, 0, detail)
    if "ProxyError" in names or "Tunnel connection failed" in detail:
        return Failure("proxy", host, proxy, 0, detail)
    connect_phase = names & {"ConnectError", "ConnectTimeout", "URLError", "gaierror", "ConnectionRefusedError"}
    timed_out = any(isinstance(e, TimeoutError | socket.timeout) for e in chain) or any(
        n.endswith("Timeout") or n == "TimeoutException" for n in names)
    if proxy and connect_phase:  # the request never got past the organisation's proxy
        return Failure("proxy", host, proxy, 0, detail)
    if any(isinstance(e, socket.gaierror) for e in chain):
        # No network at all also fails here first (the name cannot be looked up): say both.
        return Failure("dns", host, proxy, 0, detail)
    if timed_out:
        return Failure("timeout", host, proxy, 0, detail)
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return Failure("refused", host, proxy, 0, detail)
    if any(isinstance(e, OSError) and e.errno in OFFLINE_ERRNOS for e in chain):
        return Failure("offline", host, proxy, 0, detail)
    if any(isinstance(e, ConnectionError) for e in chain) or names & {
            "RemoteProtocolError", "ReadError", "WriteError", "NetworkError", "RemoteDisconnected",
            "IncompleteRead", "ProtocolError", "TransportError"}:
        return Failure("dropped", host, proxy, 0, detail)
    if "ConnectError" in names or "URLError" in names or any(isinstance(e, OSError) for e in chain):
        return Failure("offline", host, proxy, 0, detail)
    return None


OFFLINE_PATH = QT_TRANSLATE_NOOP(
    "Core", "Without internet, install a model from a file: Models → Installed → Import file (a .gguf) or "
            "Import folder (one exported by another Rio Desktop, e.g. on a USB drive).")


def hub_problem(exc: BaseException, url: str, what: Message) -> NetworkProblem | None:
    """A failed request to the model hub (or its mirror) as a message; `what` names the request."""
    failure = classify(exc, url)
    if failure is None:
        return None
    texts = {
        "offline": QT_TRANSLATE_NOOP(
            "Core", "{what}: this computer has no internet connection (the network cannot be reached)."),
        "dns": QT_TRANSLATE_NOOP(
            "Core", "{what}: the address {host} cannot be found. This computer seems to be offline, or the "
                    "network's name server (DNS) does not answer."),
        "refused": QT_TRANSLATE_NOOP(
            "Core", "{what}: {host} refused the connection. The hub (or the mirror set in HF_ENDPOINT) is not "
                    "running; try again later."),
        "timeout": QT_TRANSLATE_NOOP(
            "Core", "{what}: {host} did not answer in time. The connection is too slow or blocked; try again "
                    "later."),
        "proxy": QT_TRANSLATE_NOOP(
            "Core", "{what}: the organisation's proxy ({proxy}) could not take the request to {host}. Ask IT "
                    "whether the proxy lets this computer reach {host}."),
        "proxy_auth": QT_TRANSLATE_NOOP(
            "Core", "{what}: the organisation's proxy asks for a user name and password (407). Ask IT for the "
                    "proxy settings of this computer."),
        "tls": QT_TRANSLATE_NOOP(
            "Core", "{what}: the secure connection to {host} failed because its certificate is not trusted "
                    "({detail}). Behind an organisation's proxy that inspects traffic, IT must install its "
                    "certificate on this computer."),
        "token": QT_TRANSLATE_NOOP(
            "Core", "{what}: the hub refused the request (401): this repository needs a Hugging Face token, or "
                    "the token in Settings is wrong or expired."),
        "forbidden": QT_TRANSLATE_NOOP(
            "Core", "{what}: the hub refused access (403): the repository is gated. Accept its licence on its "
                    "page on the hub with your account, and check that the token in Settings is that account's."),
        "dropped": QT_TRANSLATE_NOOP(
            "Core", "{what}: the connection to {host} was cut. Try again when the network is stable."),
        "busy": QT_TRANSLATE_NOOP(
            "Core", "{what}: the hub is busy or down ({status}). Try again in a few minutes."),
        "status": QT_TRANSLATE_NOOP("Core", "{what}: the hub answered {status}. Try again later."),
    }
    message = Message(texts[failure.kind], what=what, host=failure.host, proxy=failure.proxy,
                      detail=failure.detail[:160], status=failure.status)
    return NetworkProblem(_with_offline_path(message), failure.kind)


def _with_offline_path(message: Message) -> Message:
    return Message("{problem} {advice}", problem=message, advice=Message(OFFLINE_PATH))


def server_problem(exc: BaseException, url: str) -> NetworkProblem | None:
    """A failed connection to the organisation's OpenAI-compatible server (never through a proxy)."""
    failure = classify(exc, url, use_proxy=False)
    if failure is None or failure.status:
        return None  # answers with a status are the server backend's to explain
    texts = {
        "offline": QT_TRANSLATE_NOOP(
            "Core", "The server {url} cannot be reached: this computer has no network connection to it. Check "
                    "the network cable or Wi-Fi, or ask IT."),
        "dns": QT_TRANSLATE_NOOP(
            "Core", "The server's name {host} cannot be found (DNS). Check the address in Settings, or whether "
                    "this computer is on the organisation's network."),
        "refused": QT_TRANSLATE_NOOP(
            "Core", "The server {url} refused the connection: nothing answers at that address and port. Check "
                    "the address in Settings, or ask IT whether the server is running."),
        "timeout": QT_TRANSLATE_NOOP(
            "Core", "The server {url} did not answer in time. It may be overloaded or blocked by a firewall; "
                    "try again, or ask IT."),
        "tls": QT_TRANSLATE_NOOP(
            "Core", "The secure connection to {url} failed ({detail}). If the organisation uses its own "
                    "certificate authority, choose its CA file in Settings; ask IT if unsure."),
        "dropped": QT_TRANSLATE_NOOP(
            "Core", "The connection to the server {url} was cut. Try again, or ask IT whether the server "
                    "restarted."),
    }
    text = texts.get(failure.kind, texts["offline"])  # proxies are not used for the organisation's server
    return NetworkProblem(Message(text, url=url, host=failure.host, detail=failure.detail[:160]), failure.kind)
