"""Reading a GGUF header without llama.cpp.

llama.cpp aborts the whole process on some malformed files, so every file is read here first. The
reader streams the header (metadata and tensor table) with hard limits on every count and length, so a
hostile or random file fails fast with a clear reason instead of allocating gigabytes. It needs only
the first bytes of the file, which also serves remote files fetched by range request.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any, BinaryIO

# The gguf package (and numpy behind it) is imported when a header is read, not when the application
# starts: the format's two fixed numbers are all that is needed before.
GGUF_MAGIC = 0x46554747  # "GGUF"
GGUF_DEFAULT_ALIGNMENT = 32


def _quant_size(ggml_type: int) -> tuple[int, int]:
    """(block size, bytes per block) of a tensor data type; KeyError or ValueError when unknown."""
    from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType

    return GGML_QUANT_SIZES[GGMLQuantizationType(ggml_type)]

SUPPORTED_VERSIONS = (2, 3)
# Limits far above any real model, far below what would exhaust memory.
MAX_KV_PAIRS = 100_000
MAX_TENSORS = 1_000_000
MAX_STRING_BYTES = 64 * 1024 * 1024
MAX_ARRAY_ITEMS = 50_000_000
MAX_DIMS = 4
# Arrays longer than this (vocabularies, merges) are skipped, not kept: only their length is recorded.
KEEP_ARRAY_ITEMS = 4096

_SCALARS: dict[int, str] = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
                            10: "<Q", 11: "<q", 12: "<d"}
STRING_TYPE, ARRAY_TYPE = 8, 9


class HeaderError(Exception):
    """The bytes are not a readable GGUF header. `reason` names what is wrong, in plain words."""

    def __init__(self, reason: str, truncated: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.truncated = truncated


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int  # relative to the start of the data section

    @property
    def n_elements(self) -> int:
        count = 1
        for dim in self.shape:
            count *= dim
        return count

    @property
    def n_bytes(self) -> int:
        block_size, type_size = _quant_size(self.ggml_type)
        return self.n_elements // block_size * type_size


@dataclass
class GGUFHeader:
    version: int
    metadata: dict[str, Any]
    tensors: list[TensorInfo]
    data_offset: int  # where tensor data starts in the file
    array_lengths: dict[str, int] = field(default_factory=dict)  # every array, kept or skipped

    @property
    def architecture(self) -> str | None:
        value = self.metadata.get("general.architecture")
        return value if isinstance(value, str) else None

    def arch_value(self, key: str, default: Any = None) -> Any:
        arch = self.architecture or ""
        return self.metadata.get(f"{arch}.{key}", default)

    @property
    def data_size(self) -> int:
        """Bytes of tensor data the tensor table describes (end of the last tensor)."""
        return max((t.offset + t.n_bytes for t in self.tensors), default=0)

    @property
    def expected_file_size(self) -> int:
        return self.data_offset + self.data_size

    @property
    def parameter_count(self) -> int:
        return sum(t.n_elements for t in self.tensors)


class _Stream:
    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.position = 0  # bytes consumed by the parser
        self._pushback = b""  # read from the file by skip_strings but not consumed

    def read(self, size: int) -> bytes:
        if self._pushback:
            data, self._pushback = self._pushback[:size], self._pushback[size:]
            if len(data) < size:
                data += self.handle.read(size - len(data))
        else:
            data = self.handle.read(size)
        if len(data) != size:
            raise HeaderError("the file ends inside its header", truncated=True)
        self.position += size
        return data

    def skip(self, size: int) -> None:
        # Reading (not seeking) keeps truncation detection exact and works on non-seekable streams.
        while size > 0:
            chunk = min(size, 1 << 20)
            self.read(chunk)
            size -= chunk

    def skip_strings(self, count: int) -> None:
        """Pass over `count` strings without decoding them (a vocabulary is 50k to 250k of them): the
        bytes are read in large blocks and only the length fields are unpacked."""
        length_field = struct.Struct("<Q")
        buffer, at = b"", 0
        for _ in range(count):
            if len(buffer) - at < 8:
                buffer, at = buffer[at:] + self._block(), 0
                if len(buffer) < 8:
                    raise HeaderError("the file ends inside its header", truncated=True)
            (length,) = length_field.unpack_from(buffer, at)
            if length > MAX_STRING_BYTES:
                raise HeaderError(f"a text field claims {length} bytes, which no valid model has")
            at += 8 + length
            while at > len(buffer):  # a string longer than what is buffered
                more = self._block()
                if not more:
                    raise HeaderError("the file ends inside its header", truncated=True)
                buffer += more
        # What was read beyond the last string belongs to what follows: give it back, uncounted.
        self.position -= len(buffer) - at
        self._pushback = buffer[at:] + self._pushback

    def _block(self) -> bytes:
        if self._pushback:
            data, self._pushback = self._pushback, b""
            self.position += len(data)
            return data
        data = self.handle.read(1 << 16)
        self.position += len(data)
        return data

    def scalar(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.read(struct.calcsize(fmt)))[0]

    def string(self) -> str:
        length = self.scalar("<Q")
        if length > MAX_STRING_BYTES:
            raise HeaderError(f"a text field claims {length} bytes, which no valid model has")
        raw = self.read(length)
        return raw.decode("utf-8", errors="replace")


def _read_value(stream: _Stream, value_type: int, key: str, header: GGUFHeader) -> Any:
    if value_type in _SCALARS:
        return stream.scalar(_SCALARS[value_type])
    if value_type == STRING_TYPE:
        return stream.string()
    if value_type == ARRAY_TYPE:
        item_type = stream.scalar("<I")
        count = stream.scalar("<Q")
        if count > MAX_ARRAY_ITEMS:
            raise HeaderError(f"the list '{key}' claims {count} items, which no valid model has")
        header.array_lengths[key] = count
        if item_type == ARRAY_TYPE:
            raise HeaderError(f"the list '{key}' nests lists, which GGUF does not allow")
        keep = count <= KEEP_ARRAY_ITEMS
        if item_type in _SCALARS and not keep:
            stream.skip(count * struct.calcsize(_SCALARS[item_type]))
            return None
        if item_type not in _SCALARS and item_type != STRING_TYPE:
            raise HeaderError(f"the list '{key}' has an unknown item type {item_type}")
        if not keep:  # a long list of strings
            stream.skip_strings(count)
            return None
        items = [_read_value(stream, item_type, key, header) for _ in range(count)]
        return items if keep else None
    raise HeaderError(f"the field '{key}' has an unknown value type {value_type}")


def read_header(handle: BinaryIO) -> GGUFHeader:
    """Read a GGUF header from a binary stream positioned at the start of the file."""
    stream = _Stream(handle)
    try:
        magic = stream.scalar("<I")
    except HeaderError as exc:
        raise HeaderError("the file is too short to be a model", truncated=True) from exc
    if magic != GGUF_MAGIC:
        raise HeaderError("it does not start with the GGUF signature, so it is not a GGUF model")
    version = stream.scalar("<I")
    if version not in SUPPORTED_VERSIONS:
        raise HeaderError(f"it uses GGUF version {version}; versions 2 and 3 are supported")
    n_tensors = stream.scalar("<Q")
    n_kv = stream.scalar("<Q")
    if n_tensors > MAX_TENSORS or n_kv > MAX_KV_PAIRS:
        raise HeaderError("its header claims an impossible number of entries")
    header = GGUFHeader(version=version, metadata={}, tensors=[], data_offset=0)
    for _ in range(n_kv):
        key = stream.string()
        value_type = stream.scalar("<I")
        header.metadata[key] = _read_value(stream, value_type, key, header)
    for _ in range(n_tensors):
        name = stream.string()
        n_dims = stream.scalar("<I")
        if n_dims > MAX_DIMS:
            raise HeaderError(f"tensor '{name}' claims {n_dims} dimensions")
        shape = tuple(stream.scalar("<Q") for _ in range(n_dims))
        ggml_type = stream.scalar("<I")
        try:
            _quant_size(ggml_type)
        except (ValueError, KeyError) as exc:
            raise HeaderError(f"tensor '{name}' has an unknown data type {ggml_type}") from exc
        offset = stream.scalar("<Q")
        header.tensors.append(TensorInfo(name=name, shape=shape, ggml_type=ggml_type, offset=offset))
    alignment = header.metadata.get("general.alignment", GGUF_DEFAULT_ALIGNMENT)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise HeaderError("its data alignment is not a power of two")
    header.data_offset = (stream.position + alignment - 1) // alignment * alignment
    return header
