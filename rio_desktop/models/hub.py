"""What a hub repository holds now: its GGUF files grouped by quantization, with sizes and sha256.

Repositories vanish and get renamed (Rio 3.5 was withdrawn once): a missing repository is a state to
show, not an error. In offline mode nothing is asked and the last known state is returned, marked so.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.models.download import STALL_TIMEOUT_S, DownloadError, RemoteFile, endpoint, opener
from rio_desktop.network import NetworkProblem, hub_problem

log = logging.getLogger(__name__)
QUANT = re.compile(r"(?:^|[-_.])((?:I?Q\d(?:_[A-Z0-9]+)*)|BF16|F16|F32|MXFP4(?:_MOE)?)(?=[-_.])", re.IGNORECASE)
SPLIT = re.compile(r"-(\d{5})-of-(\d{5})\.gguf$", re.IGNORECASE)


@dataclass
class Quantization:
    name: str  # "Q4_K_M"
    files: list[RemoteFile]
    # From the catalogue when the hub's listing is not known (offline): the expected size, no files yet.
    expected_size: int = 0
    approximate: bool = False

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files) or self.expected_size


@dataclass
class RepoState:
    repo: str
    status: str  # "available", "gated", "withdrawn", "unknown" (never checked), "error"
    quantizations: list[Quantization] = field(default_factory=list)
    detail: str = ""
    known_from_cache: bool = False
    problem: Message | None = None  # why the hub could not be asked now (then the state is the last known)
    shape: dict | None = None  # the model's shape from a file's header (models.catalog.CatalogShape's fields)

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("problem")
        return data

    @classmethod
    def from_json(cls, data: dict) -> RepoState:
        quants = [Quantization(q["name"], [RemoteFile(**f) for f in q["files"]]) for q in data["quantizations"]]
        return cls(repo=data["repo"], status=data["status"], quantizations=quants, detail=data.get("detail", ""),
                   shape=data.get("shape"))


def quantization_of(filename: str) -> str:
    name = SPLIT.sub(".gguf", Path(filename).name)  # every part of a split set names the same quantization
    matches = QUANT.findall(name)
    return matches[-1].upper() if matches else Path(name).stem


def group(files: list[RemoteFile]) -> list[Quantization]:
    """One entry per quantization; the parts of a split set go together, in order."""
    groups: dict[str, list[RemoteFile]] = {}
    for file in files:
        if not file.name.lower().endswith(".gguf") or "mmproj" in file.name.lower():
            continue
        groups.setdefault(quantization_of(file.name), []).append(file)
    return sorted((Quantization(name, sorted(parts, key=lambda f: f.name)) for name, parts in groups.items()),
                  key=lambda q: q.size)


def installed_quantizations(folder: Path) -> set[tuple[str, str]]:
    """(repository, quantization) of every model downloaded into `folder` and still complete."""
    from rio_desktop.models.download import downloaded

    return {(f["repo"], quantization_of(f["name"])) for f in downloaded(folder)}


def is_installed(quantization: Quantization, folder: Path) -> bool:
    """Whether every file of `quantization` (as the hub lists it) is in `folder`, however it got there."""
    return bool(quantization.files) and all((folder / Path(f.name).name).is_file() for f in quantization.files)


class HubCatalog:
    def __init__(self, cache_dir: Path, offline: bool = False, token: str | None = None) -> None:
        self.cache_file = cache_dir / "hub-state.json"
        self.offline = offline
        self.token = token

    def _cache(self) -> dict:
        try:
            return json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def remember(self, state: RepoState) -> None:
        cache = self._cache()
        cache[state.repo] = state.as_json()
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        self.cache_file.write_text(json.dumps(cache, indent=1), encoding="utf-8")

    def cached(self, repo: str) -> RepoState:
        data = self._cache().get(repo)
        if data is None:
            return RepoState(repo=repo, status="unknown")
        state = RepoState.from_json(data)
        state.known_from_cache = True
        return state

    def state(self, repo: str) -> RepoState:
        if self.offline:
            return self.cached(repo)
        from huggingface_hub import HfApi
        from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

        try:
            info = HfApi(endpoint=endpoint(), token=self.token or False).model_info(repo, files_metadata=True)
        except GatedRepoError as exc:
            state = RepoState(repo=repo, status="gated", detail=str(exc).splitlines()[0])
        except RepositoryNotFoundError:
            state = RepoState(repo=repo, status="withdrawn")
        except Exception as exc:  # noqa: BLE001 - every network failure has its message; others re-raised
            problem = hub_problem(exc, endpoint(), Message(QT_TRANSLATE_NOOP(
                "Core", "Could not check {repo} on the hub"), repo=repo))
            if problem is None and not isinstance(exc, HfHubHTTPError | OSError | ValueError):
                raise
            log.warning("hub state of %s: %r", repo, exc)
            cached = self.cached(repo)
            cached.detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            cached.problem = problem.message if problem else Message(QT_TRANSLATE_NOOP(
                "Core", "The hub's answer about {repo} could not be read ({detail})."), repo=repo,
                detail=cached.detail)
            if cached.status == "unknown":
                cached.status = "error"
            return cached
        else:
            files = [RemoteFile(repo=repo, name=s.rfilename, size=int(s.size or (s.lfs.size if s.lfs else 0)),
                                sha256=(s.lfs.sha256 if s.lfs else ""), revision="main")
                     for s in (info.siblings or [])]
            state = RepoState(repo=repo, status="available", quantizations=group(files))
            before = self._cache().get(repo) or {}
            if before.get("quantizations") == state.as_json()["quantizations"]:
                state.shape = before.get("shape")  # the same files: the shape read from them still holds
        self.remember(state)
        return state

    def files(self, repo: str, quantization: str) -> list[RemoteFile]:
        """The files of a quantization the catalogue only expects (offline it knows no file names): the
        hub lists them now. Raises DownloadError with the reason when it cannot."""
        state = self.state(repo)
        if state.problem is not None:
            raise DownloadError(state.problem)
        found = next((q for q in state.quantizations if q.name == quantization), None)
        if state.status != "available" or found is None:
            raise DownloadError(Message(QT_TRANSLATE_NOOP(
                "Core", "{repo} has no {quantization} file now. Press Check availability to see what it "
                        "holds."), repo=repo, quantization=quantization), kept=False)
        return found.files

    def search(self, text: str, limit: int = 30) -> list[str]:
        """GGUF repositories whose name contains `text`; a failure raises NetworkProblem.

        One plain request to the hub's search endpoint: huggingface_hub's list_models retries five times
        over about 23 s when the network is down, and the clerk would wait for nothing."""
        if self.offline:
            return []
        import urllib.request

        query = urllib.parse.urlencode({"search": text, "filter": "gguf", "limit": limit})
        request = urllib.request.Request(f"{endpoint()}/api/models?{query}", headers={"User-Agent": "rio-desktop"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        what = Message(QT_TRANSLATE_NOOP("Core", "Searching the hub for '{text}'"), text=text)
        try:
            with opener().open(request, timeout=STALL_TIMEOUT_S) as response:
                body = response.read()
        except Exception as exc:
            problem = hub_problem(exc, endpoint(), what)
            if problem is None:
                raise
            raise problem from exc
        try:
            found = json.loads(body.decode("utf-8"))
        except ValueError as exc:  # a login page of a proxy or a hotel-style portal, not the hub
            raise NetworkProblem(Message(QT_TRANSLATE_NOOP(
                "Core", "{what}: the answer did not come from the hub (a proxy or network login page may be in "
                        "the way). Open a web page to check, or ask IT."), what=what), "status") from exc
        return [str(m.get("id") or m.get("modelId")) for m in found if isinstance(m, dict)]
