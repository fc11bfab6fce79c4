"""Settings: user choices over the administrator's presets over the defaults; locked options; a damaged file."""

from __future__ import annotations

import json
from pathlib import Path

from rio_desktop.settings import Settings


def test_presets_user_choices_and_locks(tmp_path: Path) -> None:
    site = tmp_path / "site.json"
    site.write_text(json.dumps({"backend": "server", "server_url": "https://llm.org/v1", "offline": True,
                                "n_ctx": 16384, "locked": ["server_url", "offline"]}), encoding="utf-8")
    settings = Settings(tmp_path / "user", site)
    assert settings.get("backend") == "server" and settings.get("n_ctx") == 16384 and settings.get("offline")
    settings.update(n_ctx=4096, server_url="http://elsewhere", offline=False, language="en")
    assert settings.get("n_ctx") == 4096  # the user's choice wins where allowed
    assert settings.get("server_url") == "https://llm.org/v1" and settings.get("offline")  # locked
    saved = json.loads((tmp_path / "user" / "settings.json").read_text(encoding="utf-8"))
    assert saved == {"n_ctx": 4096, "language": "en"}  # only what the user chose
    site.write_text(json.dumps({"backend": "local", "n_ctx": 8192}), encoding="utf-8")
    again = Settings(tmp_path / "user", site)
    assert again.get("backend") == "local" and again.get("n_ctx") == 4096 and not again.get("offline")


def test_a_damaged_user_file_falls_back_and_is_kept(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{ not json", encoding="utf-8")
    settings = Settings(tmp_path, tmp_path / "no-site.json")
    assert settings.get("backend") == "local"
    assert (tmp_path / "settings.broken.json").exists()


def test_locked_options_are_disabled_in_the_dialog(qtbot, tmp_path: Path) -> None:
    from rio_desktop.ui.settings_dialog import SettingsDialog

    site = tmp_path / "site.json"
    site.write_text(json.dumps({"offline": True, "locked": ["offline"]}), encoding="utf-8")
    from rio_desktop.ui.jobs import Jobs

    jobs = Jobs()
    dialog = SettingsDialog(Settings(tmp_path / "user", site), jobs)
    qtbot.addWidget(dialog)
    assert not dialog.server.offline.isEnabled() and dialog.server.offline.isChecked()
    assert dialog.server.backend.isEnabled()
