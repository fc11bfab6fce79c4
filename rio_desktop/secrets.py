"""The system keyring: the only place tokens and API keys live (never files, never logs)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)
SERVICE = "rio-desktop"
HUB_TOKEN = "huggingface-token"
SERVER_KEY = "server-api-key"


class SecretStoreUnavailable(Exception):
    """No usable keyring on this system."""


def _keyring():  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise SecretStoreUnavailable("no system keyring")
    return keyring


def get_secret(name: str) -> str | None:
    try:
        return _keyring().get_password(SERVICE, name)
    except SecretStoreUnavailable:
        return None
    except Exception as exc:  # a locked or broken keyring must not stop the application
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None


def set_secret(name: str, value: str | None) -> None:
    """Store (or, with an empty value, delete) a secret. Raises SecretStoreUnavailable without a keyring."""
    keyring = _keyring()
    if value:
        keyring.set_password(SERVICE, name, value)
    else:
        try:
            keyring.delete_password(SERVICE, name)
        except Exception:  # nothing stored
            log.debug("no %s to delete", name)
