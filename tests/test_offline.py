"""Every network operation of the application, run where there is no network at all (a new network
namespace: `unshare -rn`), says so in words a clerk acts on, in English and in Portuguese, and the
command line ends with status 1 and one line, never an "unexpected error".

The same failures that a real office meets behind its proxy are reproduced against the local hub:
the hub refusing the token (401/403), a proxy that wants a password (407), a proxy that is down, a hub
that does not answer in time, and a certificate that is not trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hub_server import AuthProxy, Hub, HubServer
from huggingface_hub import close_session

from rio_desktop.engine.server_backend import ServerConfig, ServerError, check_connection
from rio_desktop.i18n import Message, UserFacingError
from rio_desktop.models.download import Downloader, DownloadError, RemoteFile, remote_header
from rio_desktop.models.hub import HubCatalog
from rio_desktop.network import NetworkProblem
from rio_desktop.ui.translations import read_ts, translation_file

REPO = "prefeitura-rio/Rio-Teste-GGUF"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
INTERNAL = ("unexpected error", "internal error", "Something went wrong", "Traceback")
PT_BR = read_ts(translation_file("pt_BR"))


def in_portuguese(message: Message) -> str:
    return message.render(lambda context, text: PT_BR.get((context, text), text))


@pytest.fixture(scope="module")
def no_network() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("this kernel does not allow a network namespace (unshare -rn)")
    return [unshare, "-rn"]


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """This test run's environment without the machine's proxies and hub mirror, under its own home."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES and k != "HF_ENDPOINT"}
    env.update(RIO_DESKTOP_HOME=str(tmp_path / "home"), **extra)
    return env


OPERATION = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from rio_desktop.engine.server_backend import ServerConfig, check_connection
    from rio_desktop.i18n import UserFacingError
    from rio_desktop.models.download import Downloader, RemoteFile, install, remote_header
    from rio_desktop.models.hub import HubCatalog
    from rio_desktop.ui.translations import read_ts, translation_file

    operation, target, home = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    file = RemoteFile(target, "Rio-Teste-Q4_K_M.gguf", 1000, "")
    message = None
    try:
        if operation == "search":
            HubCatalog(home).search(target)
        elif operation == "availability":
            message = HubCatalog(home).state(target).problem
        elif operation == "header":
            remote_header(file)
        elif operation == "download":
            install(target, "Q4_K_M", [file], home / "models", Downloader(retry_delays=(0.01,)))
        elif operation == "server":
            check_connection(ServerConfig(base_url=target, connect_timeout=5))
        elif operation == "server-chat":
            from rio_desktop.engine.backend import ChatMessage, GenerationParams
            from rio_desktop.engine.server_backend import OpenAIServerBackend
            OpenAIServerBackend(ServerConfig(base_url=target, model="rio")).chat(
                [ChatMessage("user", "Olá")], GenerationParams(max_tokens=5))
    except UserFacingError as exc:
        message = exc.message
    table = read_ts(translation_file("pt_BR"))
    print(json.dumps(None if message is None else {
        "en": message.render(), "pt": message.render(lambda c, t: table.get((c, t), t))}))
""")
HUB_DNS = ("the address huggingface.co cannot be found", "o endereço huggingface.co não foi encontrado")
OFFLINE_PATH = ("Import file", "Importar arquivo")


@pytest.mark.parametrize(("operation", "target", "proxy", "english", "portuguese"), [
    ("search", "rio", "", *HUB_DNS),
    ("availability", REPO, "", *HUB_DNS),
    ("header", REPO, "", *HUB_DNS),
    ("download", REPO, "", *HUB_DNS),
    ("availability", REPO, "http://proxy.prefeitura.example:3128",
     "the organisation's proxy (http://proxy.prefeitura.example:3128)", "o proxy da organização"),
    ("download", REPO, "http://proxy.prefeitura.example:3128",
     "the organisation's proxy (http://proxy.prefeitura.example:3128)", "o proxy da organização"),
    ("server", "http://10.0.0.5:8080/v1", "", "has no network connection to it", "não tem conexão de rede"),
    ("server", "https://llm.prefeitura.example/v1", "", "llm.prefeitura.example cannot be found (DNS)",
     "llm.prefeitura.example não foi encontrado (DNS)"),
    ("server-chat", "http://10.0.0.5:8080/v1", "", "has no network connection to it", "não tem conexão de rede"),
])
def test_every_network_operation_offline_says_so(no_network: list[str], tmp_path: Path, operation: str,
                                                 target: str, proxy: str, english: str, portuguese: str) -> None:
    env = environment(tmp_path, **({"HTTPS_PROXY": proxy} if proxy else {}))
    result = subprocess.run([*no_network, sys.executable, "-c", OPERATION, operation, target, str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    message = json.loads(result.stdout.strip().splitlines()[-1])
    assert message is not None, f"{operation} offline gave no message"
    assert english in message["en"] and portuguese in message["pt"], message
    if not operation.startswith("server"):  # the hub's messages point to the way in without internet
        assert OFFLINE_PATH[0] in message["en"] and OFFLINE_PATH[1] in message["pt"]
    assert not any(text in message["en"] for text in INTERNAL)


@pytest.mark.parametrize("command", [["models", "plan", REPO], ["models", "download", REPO, "--quant", "Q4_K_M"],
                                     ["models", "download", REPO]])
def test_the_command_line_offline_exits_1_with_one_clear_line(no_network: list[str], tmp_path: Path,
                                                              command: list[str]) -> None:
    result = subprocess.run([*no_network, sys.executable, "-m", "rio_desktop", *command], capture_output=True,
                            text=True, env=environment(tmp_path), timeout=120)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and HUB_DNS[0] in lines[0] and OFFLINE_PATH[0] in lines[0], result.stderr
    assert not any(text in result.stderr for text in INTERNAL)


def test_a_catalogue_model_is_planned_offline_from_the_catalogue(no_network: list[str], tmp_path: Path) -> None:
    result = subprocess.run([*no_network, sys.executable, "-m", "rio_desktop", "models", "plan",
                             "unsloth/Qwen3.5-9B-GGUF", "--ctx", "8192", "--json"], capture_output=True, text=True,
                            env=environment(tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    plans = {p["name"]: p for p in json.loads(result.stdout)}
    assert {"Q4_K_M", "Q8_0", "BF16"} <= set(plans) and all(p["approximate"] for p in plans.values())
    q4 = plans["Q4_K_M"]
    assert 5e9 < q4["weights_bytes"] < 6e9  # 9 B parameters at about 4.9 bits
    # Qwen3.5 9B keeps a KV cache in 8 of its 32 layers: 8 x 4 heads x (256 + 256) x 2 bytes per token.
    assert q4["kv_cache_bytes"] == 8192 * 8 * 4 * 512 * 2
    assert "approximate" in result.stderr and HUB_DNS[0] in result.stderr


# -- the same failures against the local hub ----------------------------------------------------------

@pytest.fixture
def hub(model_path: Path, tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "Rio-Teste-Q4_1.gguf").symlink_to(model_path)
    for name in (*PROXY_VARIABLES, *(v.upper() for v in PROXY_VARIABLES)):
        monkeypatch.delenv(name, raising=False)
    state = Hub(repos={REPO: repo})
    close_session()  # huggingface_hub keeps one client, with the proxies of when it was made
    with HubServer(state) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        yield state
    close_session()


def file_of(hub: Hub) -> RemoteFile:
    path = hub.repos[REPO] / "Rio-Teste-Q4_1.gguf"
    return RemoteFile(REPO, path.name, path.stat().st_size, hub.sha256(path))


def every_hub_operation(tmp_path: Path, hub: Hub) -> dict[str, Message]:
    """The message each hub operation gives (availability, search, header, download)."""
    messages: dict[str, Message] = {}
    state = HubCatalog(tmp_path / "cache").state(REPO)
    assert state.problem is not None, state
    messages["availability"] = state.problem
    for name, operation in (("search", lambda: HubCatalog(tmp_path / "cache").search("rio")),
                            ("header", lambda: remote_header(file_of(hub))),
                            ("download", lambda: Downloader(retry_delays=(0.01,)).download(
                                [file_of(hub)], tmp_path / "models"))):
        with pytest.raises(UserFacingError) as info:
            operation()
        messages[name] = info.value.message
    return messages


def test_the_hub_refusing_the_token(hub: Hub, tmp_path: Path) -> None:
    hub.api_status = 403
    state = HubCatalog(tmp_path / "cache").state(REPO)
    assert "refused access (403)" in str(state.problem) and "Accept its licence" in str(state.problem)
    assert "recusou o acesso (403)" in in_portuguese(state.problem)
    hub.api_status = 401
    with pytest.raises(NetworkProblem) as info:
        HubCatalog(tmp_path / "cache").search("rio")
    assert info.value.kind == "token" and "token in Settings" in str(info.value.message)


def test_a_proxy_that_wants_a_password(hub: Hub, tmp_path: Path, monkeypatch) -> None:
    with AuthProxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        messages = every_hub_operation(tmp_path, hub)
    for name, message in messages.items():
        assert "proxy asks for a user name and password (407)" in str(message), name
        assert "pede usuário e senha (407)" in in_portuguese(message), name
    assert not hub.auth_seen  # nothing got past the proxy


def test_a_proxy_that_is_down(hub: Hub, tmp_path: Path, monkeypatch) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    for name, message in every_hub_operation(tmp_path, hub).items():
        assert f"the organisation's proxy (http://127.0.0.1:{port}) could not take the request" in str(message), name


def test_a_hub_that_does_not_answer_in_time(hub: Hub, tmp_path: Path, monkeypatch) -> None:
    import rio_desktop.models.hub as hub_module

    monkeypatch.setattr(hub_module, "STALL_TIMEOUT_S", 0.5)
    hub.api_delay_s = 2.0
    with pytest.raises(NetworkProblem) as info:
        HubCatalog(tmp_path / "cache").search("rio")
    assert info.value.kind == "timeout" and "did not answer in time" in str(info.value.message)
    assert "não respondeu a tempo" in in_portuguese(info.value.message)


def test_a_download_that_cannot_connect_fails_at_once(hub: Hub, tmp_path: Path, monkeypatch) -> None:
    """No connection at all is said at once, not after a minute of retries; what arrived is kept."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    started = time.monotonic()
    with pytest.raises(DownloadError) as info:
        Downloader(retry_delays=(30.0,)).download([file_of(hub)], tmp_path / "models")
    assert time.monotonic() - started < 10  # the 30 s retry was not waited for
    assert "refused the connection" in str(info.value.message) and info.value.kept


@pytest.fixture
def untrusted_hub(hub: Hub, tmp_path: Path, monkeypatch):
    """The local hub behind TLS with a certificate nobody trusts (an inspecting proxy's, say)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "proxy.prefeitura.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False).sign(key, hashes.SHA256()))
    pem = tmp_path / "cert.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem)
    with HubServer(hub, tls=context) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        yield hub


def test_a_certificate_that_is_not_trusted(untrusted_hub: Hub, tmp_path: Path) -> None:
    state = HubCatalog(tmp_path / "cache").state(REPO)
    with pytest.raises(NetworkProblem) as search:
        HubCatalog(tmp_path / "cache").search("rio")
    for message in (state.problem, search.value.message):
        assert "certificate is not trusted" in str(message) and "install its certificate" in str(message)
        assert "certificado" in in_portuguese(message)


def test_the_servers_connection_test_names_a_refused_port() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(ServerError) as info:
        check_connection(ServerConfig(base_url=f"http://127.0.0.1:{port}/v1", connect_timeout=2))
    assert "refused the connection" in str(info.value.message)
    assert "recusou a conexão" in in_portuguese(info.value.message)


def test_a_repository_checked_once_is_planned_offline_from_its_header(no_network: list[str], hub: Hub,
                                                                      model_path: Path, tmp_path: Path) -> None:
    """Checked while online (the shape is read from the file's header), planned later without a network."""
    from rio_desktop.engine.model_file import inspect_model_file
    from rio_desktop.models.catalog import check
    from rio_desktop.models.planner import plan, shape_of

    check(HubCatalog(tmp_path / "home" / "cache"), REPO)
    env = environment(tmp_path, HF_ENDPOINT=os.environ["HF_ENDPOINT"])  # the same mirror, now unreachable
    result = subprocess.run([*no_network, sys.executable, "-m", "rio_desktop", "models", "plan", REPO, "--ctx",
                             "2048", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    [offline] = json.loads(result.stdout)
    exact = plan(shape_of(inspect_model_file(model_path)), [], 64 * 2**30, 2048)
    assert offline["approximate"] and offline["name"] == "Q4_1"
    assert offline["kv_cache_bytes"] == exact.kv_cache_bytes  # from the real header, kept with the hub state
    # The weights are estimated from the file's size, which also holds the header (the tokenizer): ~2% more.
    assert exact.weights_bytes < offline["weights_bytes"] < 1.03 * exact.weights_bytes
