"""Which backend runs a task: this computer's llama.cpp, or the organisation's OpenAI-compatible server with
every setting the window's Settings hold (address, model, TLS verification, the organisation's CA, timeout,
context). The window, its Settings dialog and the command line build the server's configuration here, so
that none of them can leave a setting out."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line's parser reads SERVER_KEY_ENV: it does not need ssl and http yet
    from rio_desktop.engine.server_backend import ServerConfig

# A script's key (an IT desk's scheduled job); otherwise the system keyring's, as the window uses.
SERVER_KEY_ENV = "RIO_SERVER_API_KEY"
SERVER_OPTIONS = ("server_url", "server_model", "server_verify_tls", "server_ca_bundle", "server_timeout",
                  "server_context")


def server_values(settings: Any) -> dict[str, Any]:
    """The server_* settings as saved (rio_desktop.settings.Settings or anything with its get())."""
    return {name: settings.get(name) for name in SERVER_OPTIONS}


def server_key(*, environment: bool = False) -> str | None:
    """The server's API key: the keyring's, or with environment=True (the command line) the
    RIO_SERVER_API_KEY variable's first. Never from a file or an argument."""
    from rio_desktop.secrets import SERVER_KEY, get_secret

    return (environment and os.environ.get(SERVER_KEY_ENV)) or get_secret(SERVER_KEY)


def server_config(values: Mapping[str, Any], api_key: str | None) -> ServerConfig:
    """The server's configuration from server_* values: saved ones (server_values) or the Settings dialog's
    fields before they are saved."""
    from rio_desktop.engine.server_backend import ServerConfig

    return ServerConfig(base_url=str(values["server_url"]).strip(), model=str(values["server_model"]).strip(),
                        api_key=api_key, verify_tls=bool(values["server_verify_tls"]),
                        ca_bundle=str(values["server_ca_bundle"]).strip(),
                        read_timeout=float(values["server_timeout"]), n_ctx=int(values["server_context"]))


def command_line_server(settings: Any, url: str, model: str = "", ca_bundle: str | None = None,
                        verify_tls: bool | None = None, n_ctx: int = 0) -> ServerConfig:
    """The server a command names: its --server URL (empty: the one in Settings) with the saved TLS
    verification, CA file, timeout and context unless the command overrides them. The saved model is used
    only with the saved address (another server has other models)."""
    values = server_values(settings)
    if url and url.rstrip("/") != str(values["server_url"]).strip().rstrip("/"):
        values.update(server_url=url, server_model="")
    if model:
        values["server_model"] = model
    if ca_bundle is not None:
        values["server_ca_bundle"] = ca_bundle
    if verify_tls is not None:
        values["server_verify_tls"] = verify_tls
    if n_ctx:
        values["server_context"] = n_ctx
    return server_config(values, server_key(environment=True))
