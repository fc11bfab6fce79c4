"""Validating a GGUF model file (or a split set) before llama.cpp sees it.

llama.cpp's own failure on a bad file can abort the whole process, so every check that can be made
from the header is made here: signature and version, a complete split set, sizes matching what the
headers imply (truncated downloads), an architecture the installed llama.cpp knows, and a chat template
that renders inside the sandbox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.engine.errors import ModelFileError
from rio_desktop.engine.gguf_header import GGUFHeader, HeaderError, read_header
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.units import Bytes

if TYPE_CHECKING:
    from rio_desktop.engine.chat_template import ChatTemplate
    from rio_desktop.engine.reasoning import ReasoningMode

SPLIT_NAME = re.compile(r"^(?P<prefix>.+)-(?P<no>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)


@dataclass
class ModelFile:
    """A validated model: its first file, every part, and what its header says."""

    path: Path
    parts: list[Path]
    header: GGUFHeader
    total_bytes: int
    chat_template: ChatTemplate
    has_own_chat_template: bool
    # The header of each part (the first is `header`), read once here: planning a split model needs them all.
    part_headers: tuple[GGUFHeader, ...] = ()

    @property
    def architecture(self) -> str:
        return self.header.architecture or "?"

    @property
    def name(self) -> str:
        name = self.header.metadata.get("general.name")
        if isinstance(name, str) and name.strip():
            return name.strip()
        match = SPLIT_NAME.match(self.path.name)
        return match.group("prefix") if match else self.path.stem

    @property
    def quantization(self) -> str:
        from gguf.constants import LlamaFileType

        file_type = self.header.metadata.get("general.file_type")
        try:
            return LlamaFileType(file_type).name.removeprefix("MOSTLY_").removeprefix("ALL_")
        except ValueError:
            return "?"

    @property
    def context_trained(self) -> int | None:
        value = self.header.arch_value("context_length")
        return value if isinstance(value, int) else None

    @property
    def reasoning_mode(self) -> ReasoningMode:
        """Whether the model thinks before it answers: always, switchable (enable_thinking) or never."""
        from rio_desktop.engine.reasoning import reasoning_mode

        return reasoning_mode(self.chat_template)

    @property
    def block_count(self) -> int | None:
        value = self.header.arch_value("block_count")
        return value if isinstance(value, int) else None


def read_model_header(path: Path) -> GGUFHeader:
    """The header of one GGUF file; ModelFileError with a clear message when it cannot be read."""
    name = path.name
    if not path.exists():
        raise ModelFileError(Message(QT_TRANSLATE_NOOP("Core", "The file {name} does not exist."), name=name))
    if not path.is_file():
        raise ModelFileError(Message(QT_TRANSLATE_NOOP("Core", "{name} is a folder, not a model file."),
                                     name=name))
    if path.stat().st_size == 0:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "The file {name} is empty. Download or copy the model again."), name=name))
    try:
        with path.open("rb") as handle:
            return read_header(handle)
    except PermissionError as exc:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "Rio Desktop is not allowed to read {name}. Check the file's permissions."),
            name=name)) from exc
    except OSError as exc:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP("Core", "{name} could not be read: {detail}"),
                                     name=name, detail=exc.strerror or str(exc))) from exc
    except HeaderError as exc:
        if exc.truncated:
            raise ModelFileError(Message(QT_TRANSLATE_NOOP(
                "Core", "The file {name} is incomplete: it ends inside its header. The download or copy "
                        "was probably interrupted; get the file again."), name=name)) from exc
        if "signature" in exc.reason:
            raise ModelFileError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} is not a GGUF model file. Choose a file in GGUF format (.gguf)."),
                name=name)) from exc
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "The file {name} is damaged and cannot be used as a model ({detail})."),
            name=name, detail=exc.reason)) from exc


def _check_complete(path: Path, header: GGUFHeader) -> int:
    size = path.stat().st_size
    expected = header.expected_file_size
    if size < expected:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "The file {name} is incomplete: it has {have} of the {expected} its contents require. "
                    "The download or copy was probably interrupted; get the file again."),
            name=path.name, have=Bytes(size), expected=Bytes(expected)))
    return size


def _split_parts(path: Path, header: GGUFHeader) -> list[Path]:
    count = header.metadata.get("split.count", 1)
    if not isinstance(count, int) or count <= 1:
        return [path]
    match = SPLIT_NAME.match(path.name)
    if not match or int(match.group("count")) != count:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} is part of a model split into {count} files, but its name does not follow the "
                    "pattern name-00001-of-{count:05d}.gguf, so the other parts cannot be found."),
            name=path.name, count=count))
    prefix = match.group("prefix")
    parts = [path.with_name(f"{prefix}-{no:05d}-of-{count:05d}.gguf") for no in range(1, count + 1)]
    missing = [p.name for p in parts if not p.exists()]
    if missing:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "This model is split into {count} files and {n_missing} of them are missing from "
                    "{folder}: {missing}. Put every part in the same folder."),
            count=count, n_missing=len(missing), folder=str(path.parent), missing=", ".join(missing)))
    return parts


def _check_part(part: Path, header: GGUFHeader, index: int, count: int) -> int:
    """The part's size, once it is known to be the `index`th part of its model and complete."""
    if count > 1 and header.metadata.get("split.no") != index:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} says it is not part {number} of its model. Parts of different models may "
                    "have been mixed; get the parts again."), name=part.name, number=index + 1))
    return _check_complete(part, header)


def inspect_model_file(path: str | Path) -> ModelFile:
    """Validate a model file; raises ModelFileError with a message a clerk can act on."""
    path = Path(path).expanduser()
    header = read_model_header(path)
    parts = _split_parts(path, header)
    if parts[0] != path:
        # The user picked a later part: the first one holds the metadata llama.cpp needs.
        path = parts[0]
        header = read_model_header(path)
    headers = [header if part == path else read_model_header(part) for part in parts]
    total = sum(_check_part(part, part_header, index, len(parts))
                for index, (part, part_header) in enumerate(zip(parts, headers, strict=True)))

    # Imported here: the model list on the first screen imports this module (start-up time).
    from rio_desktop.engine.chat_template import CHATML_TEMPLATE, ChatTemplate, ChatTemplateError
    from rio_desktop.engine.llama_build import architecture_known, llama_cpp_python_version

    arch = header.architecture
    if not arch:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} does not say which model architecture it holds, so it cannot be loaded."),
            name=path.name))
    if architecture_known(arch) is False:
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} holds a model of architecture '{arch}', which the installed llama.cpp "
                    "(llama-cpp-python {version}) does not support. Update Rio Desktop or choose another "
                    "model."), name=path.name, arch=arch, version=llama_cpp_python_version()))

    source = header.metadata.get("tokenizer.chat_template")
    has_own = isinstance(source, str) and bool(source.strip())
    template_source = source if has_own else CHATML_TEMPLATE
    try:
        template = ChatTemplate(template_source, bos_token="", eos_token="")
        template.check()
    except ChatTemplateError as exc:
        if exc.unsafe:
            raise ModelFileError(Message(QT_TRANSLATE_NOOP(
                "Core", "The chat template inside {name} tries to run code outside its sandbox. Rio "
                        "Desktop refused to load this file; get the model from a trusted source."),
                name=path.name)) from exc
        raise ModelFileError(Message(QT_TRANSLATE_NOOP(
            "Core", "The chat template inside {name} does not work ({detail}). Get a corrected copy of "
                    "the model."), name=path.name, detail=exc.detail)) from exc
    return ModelFile(path=path, parts=parts, header=header, part_headers=tuple(headers), total_bytes=total,
                     chat_template=template, has_own_chat_template=has_own)
