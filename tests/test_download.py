"""Downloads against a local hub on 127.0.0.1 with injected faults, serving the real test model."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from gguf_factory import tiny_gguf
from hub_server import Fault, Hub, HubServer

from rio_desktop.engine.backend import CancelToken
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.models.download import (
    DownloadCancelled,
    Downloader,
    DownloadError,
    DownloadPaused,
    RemoteFile,
    part_path,
)
from rio_desktop.models.hub import HubCatalog, quantization_of

MB = 1 << 20
REPO = "prefeitura-rio/Rio-Teste-GGUF"
NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture
def hub(model_path: Path, split_model: Path, tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / NAME).symlink_to(model_path)
    for part in sorted(split_model.parent.glob("*.gguf")):
        (repo / part.name).symlink_to(part)
    tiny = tmp_path / "gated"
    tiny.mkdir()
    tiny_gguf(tiny / "tiny-Q8_0.gguf")
    state = Hub(repos={REPO: repo, "empresa/Fechado-GGUF": tiny}, gated={"empresa/Fechado-GGUF"}, token="hf_certo")
    with HubServer(state) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        yield state


def remote(hub: Hub, name: str = NAME, repo: str = REPO) -> RemoteFile:
    path = hub.repos[repo] / name
    return RemoteFile(repo=repo, name=name, size=path.stat().st_size, sha256=hub.sha256(path))


def test_resume_after_a_dropped_connection(hub: Hub, tmp_path: Path) -> None:
    hub.faults[NAME] = Fault(drop_at=30 * MB)
    file = remote(hub)
    downloader = Downloader(retry_delays=(0.01,))
    [installed] = downloader.download([file], tmp_path / "models")
    assert hub.ranges == [(NAME, 0), (NAME, 30 * MB)]  # the second request starts where the first stopped
    assert hub.served[NAME] == file.size  # not one byte twice
    assert installed.stat().st_size == file.size and not part_path(installed).exists()
    assert inspect_model_file(installed).architecture == "llama"


def test_a_stalled_transfer_is_retried_and_the_user_sees_it(hub: Hub, tmp_path: Path) -> None:
    hub.faults[NAME] = Fault(stall_at=5 * MB, stall_s=3)
    states: list[str] = []
    downloader = Downloader(stall_timeout=0.5, retry_delays=(0.01,), on_progress=lambda p: states.append(p.state))
    downloader.download([remote(hub)], tmp_path / "models")
    assert "retrying" in states and states[-1] == "done"
    assert hub.ranges[1] == (NAME, 5 * MB)


def test_wrong_checksum_deletes_the_file(hub: Hub, tmp_path: Path) -> None:
    hub.faults[NAME] = Fault(corrupt=True)
    with pytest.raises(DownloadError) as info:
        Downloader().download([remote(hub)], tmp_path / "models")
    assert "damaged" in str(info.value.message) and not info.value.kept
    assert not list((tmp_path / "models").iterdir())


def test_withdrawn_repository(hub: Hub, tmp_path: Path) -> None:
    file = remote(hub)
    hub.withdrawn.add(REPO)
    with pytest.raises(DownloadError) as info:
        Downloader().download([file], tmp_path / "models")
    assert "withdrawn" in str(info.value.message)
    state = HubCatalog(tmp_path / "cache").state(REPO)
    assert state.status == "withdrawn"


def test_gated_repository_needs_the_right_token(hub: Hub, tmp_path: Path) -> None:
    file = remote(hub, "tiny-Q8_0.gguf", "empresa/Fechado-GGUF")
    with pytest.raises(DownloadError) as no_token:
        Downloader().download([file], tmp_path / "a")
    assert "401" in str(no_token.value.message) and "token in Settings" in str(no_token.value.message)
    with pytest.raises(DownloadError) as wrong:
        Downloader(token="hf_errado").download([file], tmp_path / "b")
    assert "gated" in str(wrong.value.message) and "accept its licence" in str(wrong.value.message)
    [done] = Downloader(token="hf_certo").download([file], tmp_path / "c")
    assert done.exists()


def test_the_token_is_not_sent_to_the_cdn(hub: Hub, tmp_path: Path) -> None:
    hub.faults["tiny-Q8_0.gguf"] = Fault(redirect=True)
    file = remote(hub, "tiny-Q8_0.gguf", "empresa/Fechado-GGUF")
    Downloader(token="hf_certo").download([file], tmp_path / "models")
    assert hub.auth_seen[-2:] == ["Bearer hf_certo", None]


def test_not_enough_disk_space_is_said_before_starting(hub: Hub, tmp_path: Path, monkeypatch) -> None:
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=50 * MB))
    with pytest.raises(DownloadError) as info:
        Downloader().download([remote(hub)], tmp_path / "models")
    assert "Not enough disk space" in str(info.value.message)
    assert hub.ranges == []


def test_a_split_model_is_installed_whole_or_not_at_all(hub: Hub, split_model: Path, tmp_path: Path) -> None:
    names = sorted(p.name for p in split_model.parent.glob("*.gguf"))
    files = [remote(hub, name) for name in names]
    hub.faults[names[2]] = Fault(status=404)
    folder = tmp_path / "models"
    with pytest.raises(DownloadError):
        Downloader().download(files, folder)
    assert not list(folder.glob("*.gguf"))  # nothing installed
    assert part_path(folder / names[0]).exists() and part_path(folder / names[1]).exists()
    del hub.faults[names[2]]
    served_before = dict(hub.served)
    Downloader().download(files, folder)
    assert hub.served[names[0]] == served_before[names[0]]  # complete parts are not fetched again
    assert inspect_model_file(folder / names[0]).parts == [folder / n for n in names]


def test_cancel_removes_and_pause_keeps(hub: Hub, tmp_path: Path) -> None:
    hub.faults[NAME] = Fault(bytes_per_s=20 * MB)
    for action in ("pause", "cancel"):
        token = CancelToken()
        downloader = Downloader(**{action: token},
                                on_progress=lambda p, t=token: t.cancel() if p.file_done > 4 * MB else None)
        expected = DownloadPaused if action == "pause" else DownloadCancelled
        with pytest.raises(expected):
            downloader.download([remote(hub)], tmp_path / action)
        assert part_path(tmp_path / action / NAME).exists() == (action == "pause")


KILLED_DOWNLOAD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from rio_desktop.models.download import Downloader, RemoteFile
    file = RemoteFile(repo=sys.argv[1], name=sys.argv[2], size=int(sys.argv[3]), sha256=sys.argv[4])
    Downloader(on_progress=lambda p: print(p.file_done, flush=True)).download([file], Path(sys.argv[5]))
""")


def test_a_killed_download_resumes_from_the_bytes_on_disk(hub: Hub, tmp_path: Path) -> None:
    hub.faults[NAME] = Fault(bytes_per_s=30 * MB)
    file = remote(hub)
    folder = tmp_path / "models"
    process = subprocess.Popen([sys.executable, "-c", KILLED_DOWNLOAD, file.repo, file.name, str(file.size),
                                file.sha256, str(folder)], stdout=subprocess.PIPE, text=True, env=os.environ)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and int(process.stdout.readline() or 0) < 20 * MB:
        pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    on_disk = part_path(folder / NAME).stat().st_size
    assert 20 * MB <= on_disk < file.size
    del hub.faults[NAME]
    downloader = Downloader()
    downloader.download([file], folder)
    assert hub.ranges[-1] == (NAME, on_disk)
    assert downloader.bytes_served == file.size - on_disk  # only what was missing came over the network
    assert inspect_model_file(folder / NAME).total_bytes == file.size


def test_repository_state_groups_quantizations(hub: Hub, tmp_path: Path) -> None:
    catalog = HubCatalog(tmp_path / "cache")
    state = catalog.state(REPO)
    assert state.status == "available"
    by_name = {q.name: q for q in state.quantizations}
    assert set(by_name) == {"Q4_1", "smollm2"}
    assert len(by_name["smollm2"].files) == 3  # the split set is one entry
    assert by_name["Q4_1"].files[0].sha256 == hub.sha256(hub.repos[REPO] / NAME)
    offline = HubCatalog(tmp_path / "cache", offline=True).state(REPO)
    assert offline.known_from_cache and offline.status == "available"
    assert HubCatalog(tmp_path / "other", offline=True).state(REPO).status == "unknown"


@pytest.mark.parametrize(("name", "quant"), [
    ("prefeitura-rio_Rio-3.5-Open-397B-Q4_K_M-00001-of-00005.gguf", "Q4_K_M"),
    ("Rio-3.0-Open-Mini.i1-IQ2_XXS.gguf", "IQ2_XXS"),
    ("Qwen3.5-4B-UD-Q8_K_XL.gguf", "Q8_K_XL"),
    ("Qwen3.5-9B-BF16.gguf", "BF16"),
])
def test_quantization_names(name: str, quant: str) -> None:
    assert quantization_of(name) == quant


def test_plan_a_repository_from_remote_headers(hub: Hub, model_path: Path, tmp_path: Path) -> None:
    import json as _json

    env = {**os.environ, "RIO_DESKTOP_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-m", "rio_desktop", "models", "plan", REPO, "--ctx", "2048",
                             "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    plans = {p["name"]: p for p in _json.loads(result.stdout)}
    assert set(plans) == {"Q4_1", "smollm2"}
    from rio_desktop.models.planner import plan, shape_of

    local = plan(shape_of(inspect_model_file(model_path)), [], 64 * 2**30, 2048)
    for remote in plans.values():  # the whole file and its split copy plan the same from their headers
        assert remote["weights_bytes"] == local.weights_bytes
        assert remote["kv_cache_bytes"] == local.kv_cache_bytes
    # Only headers crossed the network: a few megabytes, not the 98 MB model.
    assert sum(hub.served.values()) < 60 * MB


# -- rio-desktop models download ------------------------------------------------------------------

def cli(tmp_path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "rio_desktop", "models", *args]


def cli_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "RIO_DESKTOP_HOME": str(tmp_path / "home")}


def test_cli_download_resumes_after_a_dropped_connection_and_installs(hub: Hub, tmp_path: Path) -> None:
    import json as _json

    hub.faults[NAME] = Fault(drop_at=30 * MB)
    file = remote(hub)
    result = subprocess.run(cli(tmp_path, "download", f"https://huggingface.co/{REPO}", "--quant", "q4_1"),
                            capture_output=True, text=True, env=cli_env(tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    assert hub.ranges == [(NAME, 0), (NAME, 30 * MB)] and hub.served[NAME] == file.size
    assert "retrying" in result.stderr and "verifying" in result.stderr  # the progress, on stderr
    folder = tmp_path / "home" / "models"
    assert result.stdout.strip() == f"installed: {folder / NAME} (Q4_1, verified)"
    manifest = _json.loads((folder / f"{NAME}.rio.json").read_text(encoding="utf-8"))
    assert manifest == [{"name": NAME, "size": file.size, "sha256": file.sha256, "repo": REPO, "revision": "main"}]
    assert not list(folder.glob(".*"))  # no partial file, no pending-download note
    listing = subprocess.run(cli(tmp_path, "list", "--json"), capture_output=True, text=True,
                             env=cli_env(tmp_path), timeout=60)
    assert [m["quantization"] for m in _json.loads(listing.stdout)] == ["Q4_1"]


def test_cli_download_stopped_with_ctrl_c_resumes_from_the_bytes_on_disk(hub: Hub, tmp_path: Path) -> None:
    hub.faults[NAME] = Fault(bytes_per_s=30 * MB)
    folder = tmp_path / "home" / "models"
    process = subprocess.Popen(cli(tmp_path, "download", REPO, "--quant", "Q4_1"), stderr=subprocess.PIPE,
                               text=True, env=cli_env(tmp_path))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (part_path(folder / NAME).exists()
                                               and part_path(folder / NAME).stat().st_size > 10 * MB):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 130
    assert "run the same command to resume" in process.stderr.read()
    on_disk = part_path(folder / NAME).stat().st_size
    assert (folder / f".{NAME}.rio-pending.json").exists()  # the window offers it again, too
    del hub.faults[NAME]
    again = subprocess.run(cli(tmp_path, "download", REPO, "--quant", "Q4_1"), capture_output=True, text=True,
                           env=cli_env(tmp_path), timeout=120)
    assert again.returncode == 0, again.stderr
    assert hub.ranges[-1] == (NAME, on_disk)
    assert inspect_model_file(folder / NAME).total_bytes == remote(hub).size


@pytest.mark.parametrize(("args", "fault", "said"), [
    (("--quant", "Q4_1"), Fault(corrupt=True), "arrived damaged"),
    (("--quant", "Q9_9"), None, f"{REPO} has no Q9_9; it has: Q4_1, smollm2"),
    (("--quant", "Q4_1"), Fault(status=404), "no longer in"),
])
def test_cli_download_failures_end_with_one_clear_line(hub: Hub, tmp_path: Path, args: tuple[str, ...],
                                                       fault: Fault | None, said: str) -> None:
    if fault is not None:
        hub.faults[NAME] = fault
    result = subprocess.run(cli(tmp_path, "download", REPO, *args), capture_output=True, text=True,
                            env=cli_env(tmp_path), timeout=120)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("rio-desktop: ") and said in last, result.stderr
    assert "unexpected error" not in result.stderr
    assert not list((tmp_path / "home" / "models").glob("*.gguf"))


def test_pending_downloads_are_kept_until_installed(hub: Hub, tmp_path: Path) -> None:
    from rio_desktop.models.download import install, pending_downloads

    folder = tmp_path / "models"
    file = remote(hub)
    pause = CancelToken()
    downloader = Downloader(pause=pause, on_progress=lambda p: pause.cancel() if p.file_done > 4 * MB else None)
    hub.faults[NAME] = Fault(bytes_per_s=20 * MB)
    with pytest.raises(DownloadPaused):
        install(REPO, "Q4_1", [file], folder, downloader)
    [pending] = pending_downloads(folder)
    assert (pending.repo, pending.quantization, pending.files) == (REPO, "Q4_1", (file,))
    (folder / ".broken.gguf.rio-pending.json").write_text("{", encoding="utf-8")
    assert len(pending_downloads(folder)) == 1 and not (folder / ".broken.gguf.rio-pending.json").exists()
    del hub.faults[NAME]
    install(REPO, "Q4_1", [file], folder, Downloader())
    assert pending_downloads(folder) == [] and (folder / f"{NAME}.rio.json").exists()


def test_checking_a_repository_reads_its_shape_once(hub: Hub, tmp_path: Path) -> None:
    from rio_desktop.models.catalog import CatalogShape, check, load_catalog
    from rio_desktop.resources import resource_path

    catalog = HubCatalog(tmp_path / "cache")
    state = check(catalog, REPO)
    shape = CatalogShape.from_json(state.shape)
    assert (shape.architecture, shape.layers, shape.heads, shape.kv_heads, shape.head_dim_k, shape.context) == (
        "llama", 30, 9, 3, 64, 8192)
    assert sum(hub.served.values()) < 20 * MB  # the header only
    served = sum(hub.served.values())
    assert check(catalog, REPO).shape == state.shape and sum(hub.served.values()) == served  # not read again
    assert HubCatalog(tmp_path / "cache", offline=True).state(REPO).shape == state.shape
    # The catalogue's shipped shape of the same model agrees with its real header.
    [starter] = [e for e in load_catalog(resource_path("catalogue", "models.json")) if e.id == "smollm2-135m-instruct"]
    assert starter.shape is not None and starter.shape.kv_bytes_per_token == shape.kv_bytes_per_token
    assert (starter.shape.layers, starter.shape.heads, starter.shape.vocab) == (shape.layers, shape.heads, shape.vocab)


def test_cli_download_without_quant_chooses_what_fits_this_machine(hub: Hub, tmp_path: Path) -> None:
    import re

    result = subprocess.run(cli(tmp_path, "download", REPO), capture_output=True, text=True, env=cli_env(tmp_path),
                            timeout=180)
    assert result.returncode == 0, result.stderr
    chosen = re.fullmatch(r"installed: .+ \((Q4_1|smollm2), verified\)", result.stdout.strip())
    assert chosen, result.stdout
    # The choice came from the model's shape, read from a header and kept for later (offline) use.
    kept = HubCatalog(tmp_path / "home" / "cache", offline=True).state(REPO)
    assert kept.shape is not None and kept.shape["layers"] == 30
