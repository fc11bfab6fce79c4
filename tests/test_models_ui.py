"""The Models page against a local hub: catalogue, availability, download with pause/resume, install,
load, delete; the token goes to the keyring only."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import paths_under
from hub_server import Fault, Hub, HubServer
from PySide6.QtWidgets import QMessageBox

from rio_desktop.secrets import HUB_TOKEN, get_secret
from rio_desktop.ui.app import Gui

REPO = "prefeitura-rio/Rio-Teste-GGUF"


@pytest.fixture
def hub(model_path: Path, tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "Rio-Teste-Q4_1.gguf").symlink_to(model_path)
    state = Hub(repos={REPO: repo})
    with HubServer(state) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        yield state


def test_add_check_download_pause_resume_install_load_delete(gui, hub: Hub, qtbot, monkeypatch) -> None:
    page = gui.window.models_page
    catalog, installed = open_catalog(gui, qtbot), page.installed_tab
    assert any(e.id == "rio-3.5-open" for e in catalog.entries)
    catalog.repo_edit.setText(f"https://huggingface.co/{REPO}")
    catalog.add_action()  # adds the repository and checks it live
    qtbot.waitUntil(lambda: not catalog.check_jobs, timeout=30_000)
    assert "available" in catalog.state_label.text()
    assert catalog.table.rowCount() == 1 and catalog.table.item(0, 0).text() == "Q4_1"
    assert "recommended" in catalog.table.item(0, 2).text()

    hub.faults["Rio-Teste-Q4_1.gguf"] = Fault(bytes_per_s=40 * 2**20)
    catalog.table.selectRow(0)
    catalog.download_action()
    [(job, (row, *_rest))] = list(catalog.downloads.items())
    qtbot.waitUntil(lambda: row.bar.value() > 50, timeout=30_000)
    row.pause_button.click()
    qtbot.waitUntil(lambda: "Paused" in row.detail.text(), timeout=10_000)
    assert not row.resume_button.isHidden() and row.pause_button.isHidden()
    del hub.faults["Rio-Teste-Q4_1.gguf"]
    with qtbot.waitSignal(catalog.installed, timeout=60_000):
        row.resume_button.click()
    assert hub.ranges[-1][1] > 0  # the resume asked for the rest only
    assert "Installed and verified" in row.detail.text()
    assert catalog.table.item(0, 0).text() == "Q4_1  ✓ installed"  # marked in the catalogue, too
    assert catalog.list.currentItem().text().endswith("✓ installed")
    qtbot.waitUntil(lambda: installed.table.rowCount() == 1, timeout=10_000)  # scanned off the GUI thread
    assert installed.table.item(0, 1).text() == "Q4_1"

    installed.table.selectRow(0)
    with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
        installed.load_action()
    assert gui.window.model_label.text() == gui.worker.model_info.name

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    installed.table.selectRow(0)
    with qtbot.waitSignal(installed.scanned, timeout=10_000):
        installed.delete_action()
    assert installed.table.rowCount() == 0 and "freed" in installed.status.text()


def test_withdrawn_repository_shows_alternatives(gui, hub: Hub, qtbot) -> None:
    catalog = open_catalog(gui, qtbot)
    row = next(i for i, e in enumerate(catalog.entries) if e.id == "rio-3.5-open")
    catalog.list.setCurrentRow(row)
    catalog.check_action()  # the local hub does not have it: withdrawn
    qtbot.waitUntil(lambda: not catalog.check_jobs, timeout=30_000)
    text = catalog.state_label.text()
    assert "unavailable" in text and "Alternatives: Qwen3.5 397B-A17B" in text


def test_offline_mode_opens_no_connection(gui, hub: Hub, qtbot) -> None:
    gui.settings.set("offline", True)
    catalog = open_catalog(gui, qtbot)
    catalog.list.setCurrentRow(0)
    catalog.check_action()
    assert hub.ranges == [] and hub.auth_seen == [] and not catalog.check_jobs
    assert "offline" in catalog.state_label.text()


def test_token_is_kept_in_the_keyring_only(gui, qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from rio_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(gui.settings, gui.jobs, gui.window)
    dialog.server.token.setText("hf_segredo_123")
    dialog.accept()
    assert get_secret(HUB_TOKEN) == "hf_segredo_123"
    QApplication.processEvents()
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert b"hf_segredo_123" not in path.read_bytes(), path


def open_catalog(gui, qtbot):
    """The catalogue tab, once it has the hardware detection it starts off the GUI thread."""
    catalog = gui.window.models_page.catalog_tab
    qtbot.waitUntil(lambda: catalog.hardware is not None, timeout=10_000)
    return catalog


def start_slow_download(gui, hub: Hub, qtbot):
    """Add the local repository, start downloading its model slowly, return the download's row."""
    catalog = open_catalog(gui, qtbot)
    catalog.repo_edit.setText(REPO)
    catalog.add_action()
    qtbot.waitUntil(lambda: not catalog.check_jobs, timeout=30_000)
    hub.faults["Rio-Teste-Q4_1.gguf"] = Fault(bytes_per_s=40 * 2**20)
    catalog.table.selectRow(0)
    catalog.download_action()
    [(_job, (row, *_rest))] = list(catalog.downloads.items())
    qtbot.waitUntil(lambda: row.bar.value() > 50, timeout=30_000)
    return row


def test_an_interrupted_download_comes_back_after_a_restart(hub: Hub, qtbot, tmp_path: Path) -> None:
    home = paths_under(tmp_path / "home")
    first = Gui(home)
    qtbot.addWidget(first.window)
    row = start_slow_download(first, hub, qtbot)
    first.window.close()  # the application closes mid-download: the download pauses, what arrived is kept
    qtbot.waitUntil(lambda: not first.downloads.live, timeout=10_000)
    assert "Paused" in row.detail.text()
    folder = tmp_path / "home" / "models"
    assert [p for p in folder.iterdir() if p.name.endswith(".part")]
    assert first.shutdown(5)
    del hub.faults["Rio-Teste-Q4_1.gguf"]

    second = Gui(home)
    qtbot.addWidget(second.window)
    catalog = open_catalog(second, qtbot)
    restored = [catalog.downloads_box.itemAt(i).widget() for i in range(catalog.downloads_box.count())]
    assert len(restored) == 1 and "Interrupted" in restored[0].detail.text()
    with qtbot.waitSignal(catalog.installed, timeout=60_000):
        restored[0].resume_button.click()
    assert hub.ranges[-1][1] > 0
    qtbot.waitUntil(lambda: second.window.models_page.installed_tab.table.rowCount() == 1, timeout=10_000)
    assert second.shutdown(5)


def test_a_download_goes_on_when_the_catalogue_is_made_again(gui, hub: Hub, qtbot) -> None:
    """Downloads belong to the application: a catalogue tab made again (the Models page rebuilt) shows the
    live download, its buttons drive it, and it ends there."""
    from rio_desktop.ui.model_catalog import CatalogTab

    start_slow_download(gui, hub, qtbot)
    [(download, _task)] = list(gui.downloads.live.items())
    old = gui.window.models_page.catalog_tab
    old.deleteLater()
    again = CatalogTab(gui.jobs, gui.settings, gui.paths, gui.downloads)
    qtbot.addWidget(again)
    [(shown, (new_row, _task))] = list(again.downloads.items())
    assert shown == download and REPO in new_row.label.text()
    qtbot.waitUntil(lambda: new_row.bar.value() > 0, timeout=10_000)  # its progress reaches the new tab
    del hub.faults["Rio-Teste-Q4_1.gguf"]
    new_row.pause_button.click()
    qtbot.waitUntil(lambda: "Paused" in new_row.detail.text(), timeout=10_000)
    with qtbot.waitSignal(again.installed, timeout=60_000):
        new_row.resume_button.click()
    assert "Installed and verified" in new_row.detail.text() and not gui.downloads.live


def test_cancel_a_download_from_the_page(gui, hub: Hub, qtbot, tmp_path: Path) -> None:
    row = start_slow_download(gui, hub, qtbot)
    row.cancel_button.click()
    qtbot.waitUntil(lambda: "Cancelled" in row.detail.text(), timeout=10_000)
    folder = tmp_path / "home" / "models"
    assert not [p for p in folder.iterdir() if p.name.endswith((".part", ".gguf", ".rio-pending.json"))]


def test_search_the_hub(gui, hub: Hub, qtbot) -> None:
    catalog = open_catalog(gui, qtbot)
    catalog.repo_edit.setText("rio-teste")
    catalog.search_action()
    qtbot.waitUntil(lambda: catalog.search_job is None, timeout=30_000)
    assert REPO in catalog.state_label.text()


def closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_each_catalogue_job_failing_shows_its_own_message(gui, qtbot, monkeypatch) -> None:
    """No hub to reach: the availability check, the search and a download each say so on the page (the
    search used to stay on "Searching the hub…" for ever); a failed hardware detection says so too."""
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    catalog = open_catalog(gui, qtbot)
    refused = "refused the connection"

    catalog.repo_edit.setText(REPO)
    catalog.add_action()
    qtbot.waitUntil(lambda: refused in catalog.state_label.text(), timeout=30_000)
    assert f"Checking {REPO} on the hub" in catalog.state_label.text() and "Import file" in catalog.state_label.text()

    catalog.repo_edit.setText("rio")
    catalog.search_action()
    qtbot.waitUntil(lambda: "Searching the hub for 'rio'" in catalog.state_label.text()
                    and refused in catalog.state_label.text(), timeout=30_000)
    assert catalog.search_job is None

    catalog.list.setCurrentRow(next(i for i, e in enumerate(catalog.entries) if e.id == "qwen3.5-4b"))
    catalog.table.selectRow(0)  # a size the catalogue expects: the hub is asked for the files first
    catalog.download_action()
    [(_job, (row, *_rest))] = list(catalog.downloads.items())
    qtbot.waitUntil(lambda: refused in row.detail.text(), timeout=30_000)
    assert not row.resume_button.isHidden()

    from rio_desktop.ui import model_catalog

    def no_hardware(*_args, **_kwargs):
        raise OSError("/proc/meminfo: permission denied")

    monkeypatch.setattr(model_catalog, "detect", no_hardware)
    tab = model_catalog.CatalogTab(gui.jobs, gui.settings, gui.paths, gui.downloads)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: "hardware could not be read" in tab.state_label.text(), timeout=10_000)


def test_the_catalogue_offline_shows_sizes_fits_and_what_is_installed(gui, qtbot) -> None:
    import json

    gui.settings.set("offline", True)
    folder = gui.paths.models
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Qwen3.5-9B-Q4_K_M.gguf").write_bytes(b"GGUF")  # its manifest says where it came from
    (folder / "Qwen3.5-9B-Q4_K_M.gguf.rio.json").write_text(json.dumps([{
        "name": "Qwen3.5-9B-Q4_K_M.gguf", "size": 4, "sha256": "", "repo": "unsloth/Qwen3.5-9B-GGUF",
        "revision": "main"}]), encoding="utf-8")
    catalog = open_catalog(gui, qtbot)
    catalog.mark_installed()
    row = next(i for i, e in enumerate(catalog.entries) if e.id == "qwen3.5-9b")
    assert "✓ installed" in catalog.list.item(row).text()
    assert "installed" not in catalog.list.item(0).text()
    catalog.list.setCurrentRow(row)
    names = [catalog.table.item(r, 0).text() for r in range(catalog.table.rowCount())]
    assert names == ["Q4_K_M  ✓ installed", "Q5_K_M", "Q6_K", "Q8_0", "BF16"]
    for r in range(catalog.table.rowCount()):
        assert catalog.table.item(r, 1).text().startswith("≈ ")
        assert catalog.table.item(r, 2).text()[0] in "🟢🟡🔴"
    assert "≈" in catalog.state_label.text() and "works offline" in catalog.state_label.text()
    catalog.grab().save(str(gui.paths.cache / "catalogue-offline.png"))
