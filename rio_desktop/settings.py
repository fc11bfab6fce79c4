"""User settings: every option declared once, with its type, default and translatable title.

Stored as JSON in the configuration folder, written atomically. Secrets (the hub token, the server's
API key) never live here: rio_desktop.secrets keeps them in the system keyring.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rio_desktop.atomic import write_atomically
from rio_desktop.engine.backend import DEFAULT_CONTEXT
from rio_desktop.i18n import QT_TRANSLATE_NOOP
from rio_desktop.text_files import read_text_guess

if TYPE_CHECKING:
    from rio_desktop.engine.reasoning import ReasoningPolicy

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    title: str


OPTIONS: dict[str, Option] = {o.name: o for o in (
    Option("language", str, "", QT_TRANSLATE_NOOP("Core", "Language")),
    Option("n_threads", int, 0, QT_TRANSLATE_NOOP("Core", "CPU threads")),
    Option("n_ctx", int, 0, QT_TRANSLATE_NOOP("Core", "Context length (tokens)")),
    # "auto" (the memory plan decides), "all", or a number of layers (models.loading)
    Option("gpu_layers", str, "auto", QT_TRANSLATE_NOOP("Core", "Model layers on the GPU")),
    Option("use_gpu", bool, True, QT_TRANSLATE_NOOP("Core", "Use the GPU")),
    Option("cpu_variant", str, "", QT_TRANSLATE_NOOP("Core", "llama.cpp CPU variant (empty: automatic)")),
    Option("last_model", str, "", QT_TRANSLATE_NOOP("Core", "Model loaded at start")),
    Option("recent_models", list, [], QT_TRANSLATE_NOOP("Core", "Recently loaded models")),
    Option("recent_documents", list, [], QT_TRANSLATE_NOOP("Core", "Recently opened documents")),
    Option("models_folder", str, "", QT_TRANSLATE_NOOP("Core", "Models folder (empty: the default)")),
    Option("extra_repos", list, [], QT_TRANSLATE_NOOP("Core", "Repositories added to the catalogue")),
    Option("offline", bool, False, QT_TRANSLATE_NOOP("Core", "Work offline (no connection at all)")),
    Option("welcome_done", bool, False, QT_TRANSLATE_NOOP("Core", "First-run screen shown")),
    Option("backend", str, "local", QT_TRANSLATE_NOOP("Core", "Where the model runs")),
    Option("server_url", str, "", QT_TRANSLATE_NOOP("Core", "Server address (OpenAI-compatible)")),
    Option("server_model", str, "", QT_TRANSLATE_NOOP("Core", "Server model")),
    Option("server_verify_tls", bool, True, QT_TRANSLATE_NOOP("Core", "Verify the server's certificate")),
    Option("server_ca_bundle", str, "", QT_TRANSLATE_NOOP("Core", "Organisation's CA file (PEM)")),
    Option("server_timeout", int, 120, QT_TRANSLATE_NOOP("Core", "Server timeout (seconds)")),
    Option("server_context", int, DEFAULT_CONTEXT, QT_TRANSLATE_NOOP("Core", "Server context when not advertised")),
    Option("templates_folder", str, "", QT_TRANSLATE_NOOP("Core", "Organisation's correspondence templates")),
    # documents.reply: "reference" ("Resposta ao Ofício nº 312/2026/SME/GAB") or "received" (its own subject)
    Option("reply_subject", str, "reference", QT_TRANSLATE_NOOP("Core", "Subject of a reply")),
    Option("summary_style", str, "bullets", QT_TRANSLATE_NOOP("Core", "Summary style")),
    Option("summary_language", str, "pt-BR", QT_TRANSLATE_NOOP("Core", "Summary language")),
    Option("ocr_mode", str, "auto", QT_TRANSLATE_NOOP("Core", "Read scanned pages (OCR)")),
    Option("ocr_language", str, "por", QT_TRANSLATE_NOOP("Core", "Language of scanned pages")),
    # engine.reasoning: "auto" (off for letters, rewrites and notes; on for summaries and answers), "on", "off"
    Option("reasoning", str, "auto", QT_TRANSLATE_NOOP("Core", "Model reasoning (thinking)")),
    # engine.state_cache: the model's state after reading a document, kept on disk for "all" documents,
    # for those without personal data ("no_personal", LGPD), or "never"; and the disk space it may take.
    Option("states_on_disk", str, "all", QT_TRANSLATE_NOOP("Core", "Keep read documents on disk")),
    Option("states_disk_gb", int, 4, QT_TRANSLATE_NOOP("Core", "Disk space for read documents (GB)")),
    Option("reasoning_budget", int, 1024, QT_TRANSLATE_NOOP("Core", "Reasoning budget (tokens per step)")),
)}


def _upgrade(values: dict) -> dict:
    """Settings files written by earlier versions: n_gpu_layers (-1 meant "plan") became gpu_layers."""
    old = values.pop("n_gpu_layers", None)
    if isinstance(old, int) and "gpu_layers" not in values:
        values["gpu_layers"] = "auto" if old < 0 else str(old)
    return values


class Settings:
    """The user's settings over the administrator's presets over the declared defaults.

    An administrator can deploy a settings file to the system-wide location (paths.site_settings_file):
    its values are the defaults for every user, and the options it lists under "locked" cannot be
    changed by users. Only what the user chose is written to the user's file, so a later change of the
    presets reaches everyone who did not choose otherwise.
    """

    def __init__(self, config_dir: Path, site_file: Path | None = None) -> None:
        from rio_desktop.paths import site_settings_file

        self.path = config_dir / SETTINGS_FILE
        self.site_file = site_file if site_file is not None else site_settings_file()
        self._values: dict[str, Any] = {}
        self._user: dict[str, Any] = {}
        self.locked: frozenset[str] = frozenset()
        self.load()

    @staticmethod
    def _read(path: Path, keep_broken: bool, by_hand: bool = False) -> dict:
        try:
            # The site file is the administrator's, made by hand (Notepad's ANSI or BOM, PowerShell's
            # UTF-16); the user's is written by us in UTF-8 and read as such.
            raw = json.loads(read_text_guess(path) if by_hand else path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            # A damaged settings file must not stop the application: keep a copy, start from defaults.
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            if keep_broken:
                with contextlib.suppress(OSError):
                    path.replace(path.with_suffix(".broken.json"))
            return {}
        return raw if isinstance(raw, dict) else {}

    def load(self) -> None:
        site = self._read(self.site_file, keep_broken=False, by_hand=True) if self.site_file else {}
        user = _upgrade(self._read(self.path, keep_broken=True))
        site = _upgrade(site)
        self.locked = frozenset(n for n in site.get("locked", []) if n in OPTIONS)
        self._values, self._user = {}, {}
        for name, option in OPTIONS.items():
            value = option.default
            preset = site.get(name)
            if isinstance(preset, option.type):
                value = preset
            mine = user.get(name)
            if name not in self.locked and isinstance(mine, option.type):
                value = self._user[name] = mine
            self._values[name] = value

    def get(self, name: str) -> Any:
        return self._values[name]

    def set(self, name: str, value: Any) -> None:
        self.update(**{name: value})

    def update(self, **values: Any) -> None:
        """Set several options and save once; options the administrator locked keep their preset."""
        for name, value in values.items():
            option = OPTIONS[name]
            if not isinstance(value, option.type):
                raise TypeError(f"setting {name} takes {option.type.__name__}")
            if name in self.locked:
                continue
            self._values[name] = self._user[name] = value
        self.save()

    def save(self) -> None:
        """Write atomically, so a crash mid-write never leaves a half file."""
        write_atomically(self.path, json.dumps(self._user, indent=2, ensure_ascii=False).encode("utf-8"))

    def reasoning_policy(self) -> ReasoningPolicy:
        """The reasoning choice and budget, as every task applies them (engine.reasoning)."""
        from rio_desktop.engine.reasoning import ReasoningPolicy, parse_choice

        return ReasoningPolicy(parse_choice(self.get("reasoning")), max(0, int(self.get("reasoning_budget"))))

    def remember_model(self, path: str, keep: int = 8) -> None:
        self._values["last_model"] = self._user["last_model"] = path
        self.remember("recent_models", path, keep)

    def remember(self, name: str, path: str, keep: int = 10) -> None:
        """Put `path` first in the list option `name`."""
        recent = [p for p in self.get(name) if p != path]
        self._values[name] = self._user[name] = [path, *recent][:keep]
        self.save()
