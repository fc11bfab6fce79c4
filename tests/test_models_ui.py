"""The Models page against a local hub: catalogue, availability, download with pause/resume, install,
load, delete; the token goes to the keyring only."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import paths_under
from hub_server import Fault, Hub, HubServer
from PySide6.QtCore import Qt
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
    assert gui.window.model_label.text() == gui.worker.model_info.display_name

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
    assert f"Could not check {REPO} on the hub" in catalog.state_label.text()
    assert "Import file" in catalog.state_label.text()

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
        assert not catalog.table.item(r, 2).icon().isNull()  # a drawn light: emoji drew as boxes
        assert catalog.table.item(r, 2).text()[:1].isalpha()
    assert "≈" in catalog.state_label.text() and "works offline" in catalog.state_label.text()
    catalog.grab().save(str(gui.paths.cache / "catalogue-offline.png"))


# -- issue 23: the window's width after a failure, what does not fit, the order of the catalogue ----------
GiB = 2**30


def hardware(ram_gib: float, gpu_gib: float = 0, cores: int | None = None):
    """This computer as the catalogue sees it: `ram_gib` of memory available, a GPU with `gpu_gib` free, and
    `cores` CPU cores (None: unknown, the CPU's speed is not weighed)."""
    from rio_desktop.models.hardware import Gpu, Hardware

    gpus = [Gpu(name="Test GPU", total_bytes=int(gpu_gib * GiB), free_bytes=int(gpu_gib * GiB), vendor="NVIDIA")]
    cpu = {} if cores is None else {"physical_cores": cores}
    return Hardware(os="Test", cpu=cpu, ram={"total_bytes": int(ram_gib * GiB), "available_bytes": int(ram_gib * GiB)},
                    disk={}, gpus=gpus if gpu_gib else [])


def show_catalog(gui, qtbot):
    """The catalogue tab, on screen: the Models page chosen, its catalogue tab open."""
    window, page = gui.window, gui.window.models_page
    window.navigation.setCurrentRow(next(r for r in range(window.navigation.count()) if window.page(r) is page))
    page.tabs.setCurrentIndex(page.CATALOG_TAB)
    catalog = open_catalog(gui, qtbot)
    qtbot.waitUntil(catalog.isVisible, timeout=5_000)
    return catalog


def choose(catalog, entry_id: str, quantization: str) -> None:
    catalog.list.setCurrentRow(next(i for i, e in enumerate(catalog.entries) if e.id == entry_id))
    catalog.table.selectRow(next(r for r, (_repo, q) in enumerate(catalog.quantizations) if q.name == quantization))


@pytest.fixture
def no_transfer(gui, monkeypatch):
    """Downloads the catalogue starts are recorded, not run; the disk has 10 TB free."""
    from rio_desktop.ui import model_catalog

    started = []
    monkeypatch.setattr(gui.downloads, "start", lambda task: started.append(task) or len(started))
    monkeypatch.setattr(model_catalog, "free_disk_space", lambda _folder: 10 * 1024 * GiB)
    return started


def test_a_failed_download_with_a_long_message_does_not_widen_the_window(gui, qtbot, monkeypatch) -> None:
    """Offline, a download failed with a long message, shown in a plain label: the window grew to about
    3,000 px on a 1,500 px screen and could not be narrowed again (its minimum follows its layout)."""
    from PySide6.QtCore import QCoreApplication

    from rio_desktop.i18n import Message, UserFacingError
    from rio_desktop.tasks.download import DownloadTask

    long = ("The hub could not be reached while downloading this model; what arrived is kept and the download "
            "can be resumed later. " * 6 + "/very/long/path/" * 40)

    def fail(_task, _report=None):
        raise UserFacingError(Message(long))

    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setattr(DownloadTask, "run", fail)
    window = gui.window
    window.resize(1200, 700)
    catalog = show_catalog(gui, qtbot)
    QCoreApplication.processEvents()
    width = window.width()
    assert window.minimumSizeHint().width() <= 1366

    choose(catalog, "smollm2-135m-instruct", "Q8_0")  # fits everywhere: no question first
    catalog.download_action()
    [(_job, (row, *_rest))] = list(catalog.downloads.items())
    qtbot.waitUntil(lambda: row.detail.text() == long, timeout=30_000)
    for _ in range(5):
        QCoreApplication.processEvents()
    assert row.isVisible() and row.detail.toolTip() == long  # the whole message, should a word be cut
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumWidth() <= 1366 and window.width() <= width
    catalog.state_label.setText(long)  # the page's own messages wrap too
    QCoreApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1366 and window.width() <= width


def test_a_download_too_big_for_this_computer_asks_first(gui, qtbot, monkeypatch, no_transfer) -> None:
    catalog = show_catalog(gui, qtbot)
    catalog.hardware_detected(hardware(ram_gib=16))
    asked = []

    def answer(button):
        def question(*args, **_kwargs):
            asked.append(args)
            return button
        return question

    choose(catalog, "rio-3.5-open", "IQ2_XXS")  # about 101.7 GB: marked too big
    assert "too big" in catalog.table.item(catalog.table.currentRow(), 2).text()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    catalog.download_action()
    assert no_transfer == [] and not catalog.downloads
    [(_parent, title, text, buttons, default)] = asked
    assert title == "Too big for this computer" and default == QMessageBox.StandardButton.No
    assert buttons == QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert "14.0 GB" not in text and "16.0 GB of memory available" in text and "101.7 GB" in text

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    catalog.download_action()
    assert [t.quantization for t in no_transfer] == ["IQ2_XXS"] and len(catalog.downloads) == 1

    asked.clear()
    choose(catalog, "qwen3.5-4b", "Q4_K_M")  # fits: started without a word
    catalog.download_action()
    assert asked == [] and [t.quantization for t in no_transfer] == ["IQ2_XXS", "Q4_K_M"]


def test_a_download_the_disk_cannot_hold_is_refused(gui, qtbot, monkeypatch, no_transfer) -> None:
    from rio_desktop.ui import model_catalog

    catalog = show_catalog(gui, qtbot)
    catalog.hardware_detected(hardware(ram_gib=16))
    monkeypatch.setattr(model_catalog, "free_disk_space", lambda _folder: 2 * GiB)
    warned, asked = [], []
    ok, yes = QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **_k: warned.append(args) or ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_k: asked.append(args) or yes)

    choose(catalog, "qwen3.5-4b", "Q4_K_M")  # about 2.3 GB and the margin, 2 GB free
    catalog.download_action()
    [(_parent, title, text)] = warned
    assert title == "Not enough disk space" and "2.0 GB free" in text and "about 2.5 GB" in text
    assert str(gui.paths.models) in text and no_transfer == [] and not catalog.downloads

    choose(catalog, "rio-3.5-open", "IQ2_XXS")  # too big for both: refused, not asked
    catalog.download_action()
    assert len(warned) == 2 and asked == [] and no_transfer == []

    choose(catalog, "smollm2-135m-instruct", "Q8_0")
    catalog.download_action()
    assert len(warned) == 2 and [t.quantization for t in no_transfer] == ["Q8_0"]


def test_the_catalogue_offers_what_fits_first(gui, qtbot) -> None:
    from rio_desktop.models.catalog import load_catalog
    from rio_desktop.resources import resource_path

    catalog = open_catalog(gui, qtbot)
    order = [e.id for e in load_catalog(resource_path("catalogue", "models.json"))]
    assert order[0] == "rio-3.5-open"  # the catalogue's first: fits nowhere but on a big server
    catalog.hardware_detected(hardware(ram_gib=16))
    assert catalog.entry() is catalog.entries[0] and catalog.entry().id == "qwen3.5-9b"  # shown on opening
    catalog.list.setCurrentRow(next(i for i, e in enumerate(catalog.entries) if e.id == "rio-3.0-open-nano"))
    catalog.hardware_detected(hardware(ram_gib=32, gpu_gib=8))
    ids = [e.id for e in catalog.entries]
    assert ids == [
        "qwen3.5-9b", "qwen3.5-4b", "smollm2-135m-instruct",  # on the GPU, in the catalogue's order
        "qwen3.5-35b-a3b",  # with part on the CPU
        "rio-3.0-open", "rio-3.0-open-mini", "rio-3.0-open-nano", "rio-2.5-open",  # no size known yet
        "rio-3.5-open", "qwen3.5-397b-a17b",  # too big
    ]
    assert [catalog.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(catalog.list.count())] == ids
    assert catalog.entry().id == "rio-3.0-open-nano"  # the entry chosen stays chosen

    catalog.hardware_detected(hardware(ram_gib=16))  # no GPU: in memory is a fit, too
    assert [e.id for e in catalog.entries][:4] == ["qwen3.5-9b", "qwen3.5-4b", "smollm2-135m-instruct",
                                                   "rio-3.0-open"]
    assert [e.id for e in catalog.entries][-3:] == ["rio-3.5-open", "qwen3.5-397b-a17b", "qwen3.5-35b-a3b"]

    catalog.hardware_detected(hardware(ram_gib=16, cores=2))  # a 2-core PC: 9B would crawl there
    assert [e.id for e in catalog.entries][:3] == ["qwen3.5-4b", "smollm2-135m-instruct", "qwen3.5-9b"]

    catalog.repo_edit.setText(REPO)  # a repository added is chosen, wherever it sorts
    gui.settings.set("offline", True)
    catalog.add_action()
    assert catalog.entry().id == REPO
