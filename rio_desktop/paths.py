"""Every location the application writes to, in one place.

Locations come from platformdirs. RIO_DESKTOP_HOME moves all of them under one folder, which tests and
development use to stay away from the user's real data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from rio_desktop import APP_ID

HOME_ENV = "RIO_DESKTOP_HOME"
SITE_SETTINGS_ENV = "RIO_DESKTOP_SITE_SETTINGS"


@dataclass(frozen=True)
class AppPaths:
    config: Path
    data: Path
    models: Path
    logs: Path
    cache: Path

    def ensure(self) -> AppPaths:
        for folder in (self.config, self.data, self.models, self.logs, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(config=root / "config", data=root / "data", models=root / "models",
                        logs=root / "logs", cache=root / "cache")
    # Windows: the settings and the drafts follow the clerk (%APPDATA%, which a domain's roaming profile
    # carries to the next computer); models (tens of gigabytes), caches and logs belong to this computer
    # (%LOCALAPPDATA%), never copied over the network at every logon. Elsewhere `roaming` changes nothing.
    # appauthor=False: no "rio-desktop\rio-desktop" nesting.
    local_data = Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))
    return AppPaths(
        config=Path(platformdirs.user_config_dir(APP_ID, appauthor=False, roaming=True)),
        data=Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=True)),
        models=local_data / "models",
        logs=Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)),
    )


def site_settings_file() -> Path:
    """The administrator's presets: Linux /etc/xdg/rio-desktop/settings.json, Windows
    C:\\ProgramData\\rio-desktop\\settings.json, macOS /Library/Application Support/rio-desktop/settings.json;
    RIO_DESKTOP_SITE_SETTINGS points elsewhere (and RIO_DESKTOP_HOME, for tests, to HOME/site-settings.json)."""
    override = os.environ.get(SITE_SETTINGS_ENV)
    if override:
        return Path(override)
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser().resolve() / "site-settings.json"
    return Path(platformdirs.site_config_dir(APP_ID, appauthor=False)) / "settings.json"
