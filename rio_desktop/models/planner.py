"""The memory plan: will this model fit this machine, and how to split it.

From the GGUF header alone (a local file, or the first megabytes of a remote one): the weights per layer
and outside the layers, the KV cache for the chosen context (only the layers with attention hold KV: the
hybrid qwen35/qwen35moe models have one full-attention layer in four), the recurrent state of the
linear-attention layers, llama.cpp's compute buffer, and a safety margin. The figures follow what
llama.cpp reports when it loads (checked in the tests against its own numbers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from rio_desktop.engine.backend import LoadParams, default_context
from rio_desktop.engine.errors import ModelLoadError
from rio_desktop.engine.gguf_header import GGUFHeader
from rio_desktop.engine.model_file import ModelFile
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.models.download import RemoteFile, remote_header
from rio_desktop.units import Bytes, Count

Mode = Literal["gpu", "partial", "moe_cpu", "cpu", "no_fit"]
MiB = 1024 * 1024
GiB = 1024 * MiB
GPU_RESERVE = 512 * MiB  # CUDA/Metal context and driver, per GPU
RAM_RESERVE = 2 * GiB  # the operating system and the application itself
MARGIN = 0.05  # of what is placed
KV_BYTES = 2  # f16 cache
N_UBATCH = 512
PIPELINE_COPIES = 4  # GGML_SCHED_MAX_COPIES
_LAYER = re.compile(r"^blk\.(\d+)\.")
_EXPERTS = re.compile(r"^blk\.\d+\.ffn_(?:up|down|gate|gate_up)_exps")
_INPUT = ("token_embd.", "token_types.", "position_embd.")  # llama.cpp keeps these on the CPU


def _io_bytes(header: GGUFHeader) -> tuple[int, int, bool]:
    """Bytes of the input tensors (always in CPU memory), of the output tensors, and whether the model has
    its own output matrix (without one, llama.cpp copies the token embeddings to the output's device)."""
    inputs = outputs = 0
    own_output = False
    for tensor in header.tensors:
        if _LAYER.match(tensor.name):
            continue
        if tensor.name.startswith(_INPUT):
            inputs += tensor.n_bytes
        else:
            outputs += tensor.n_bytes
            own_output = own_output or tensor.name == "output.weight"
    return inputs, outputs, own_output


def _tensor_bytes(header: GGUFHeader, n_layers: int) -> tuple[list[int], list[int], int]:
    """Bytes per layer, of the routed experts per layer, and outside the layers."""
    layer_bytes, expert_bytes, other = [0] * n_layers, [0] * n_layers, 0
    for tensor in header.tensors:
        match = _LAYER.match(tensor.name)
        if match and int(match.group(1)) < n_layers:
            index = int(match.group(1))
            layer_bytes[index] += tensor.n_bytes
            if _EXPERTS.match(tensor.name):
                expert_bytes[index] += tensor.n_bytes
        else:
            other += tensor.n_bytes
    return layer_bytes, expert_bytes, other


@dataclass
class ModelShape:
    name: str
    architecture: str
    n_layers: int
    layer_bytes: list[int]  # every tensor of blk.N
    expert_bytes: list[int]  # the routed experts' tensors of blk.N (zero for dense models)
    other_bytes: int  # embeddings, output, final norm
    kv_layers: list[bool]  # which layers hold a KV cache
    n_head_kv: list[int]
    head_dim_k: int
    head_dim_v: int
    n_embd: int
    n_head: int
    n_vocab: int
    context_trained: int
    recurrent_bytes: int = 0  # state of the linear-attention layers (one sequence)
    input_bytes: int = 0  # token embeddings: always in CPU memory (part of other_bytes)
    output_bytes: int = 0  # output norm and matrix (part of other_bytes)
    tied_output: bool = False  # no output matrix: the token embeddings serve as one
    n_ff: int = 0  # the widest feed-forward a token goes through (for MoE: the experts used together)

    @property
    def weights_bytes(self) -> int:
        return sum(self.layer_bytes) + self.other_bytes

    @property
    def is_moe(self) -> bool:
        return sum(self.expert_bytes) > 0

    def kv_bytes_per_layer(self, n_ctx: int) -> list[int]:
        return [n_ctx * h * (self.head_dim_k + self.head_dim_v) * KV_BYTES if kv else 0
                for kv, h in zip(self.kv_layers, self.n_head_kv, strict=True)]

    def kv_bytes(self, n_ctx: int) -> int:
        return sum(self.kv_bytes_per_layer(n_ctx))

    # -- llama.cpp's compute buffers, with flash attention (the engine loads with llama.cpp's default,
    # "auto", which every backend here supports). Measured against llama.cpp's own figures (tests). -------
    def graph_inputs_bytes(self, n_ctx: int) -> int:
        """What one device's part of the graph takes in per micro-batch: the hidden state, positions, the
        KV-cache row indices, the output ids and the attention mask (micro-batch x context, f16)."""
        ubatch = min(N_UBATCH, n_ctx)
        return ubatch * (self.n_embd * 4 + 4 + 8 + 8 + 4) + ubatch * n_ctx * 2

    def layer_compute_bytes(self, n_ctx: int) -> int:
        """The peak of a device that computes layers: the feed-forward's gate, up and product beside two
        hidden states (flash attention keeps no attention scores)."""
        ubatch = min(N_UBATCH, n_ctx)
        widest = max(3 * self.n_ff, self.n_head * self.head_dim_v)
        return ubatch * (2 * self.n_embd + widest) * 4

    def output_compute_bytes(self, n_ctx: int) -> int:
        """The peak of the device that computes the output: the logits of a micro-batch beside its hidden
        state, or its layers' peak."""
        ubatch = min(N_UBATCH, n_ctx)
        return max(self.layer_compute_bytes(n_ctx), ubatch * (self.n_vocab + self.n_embd) * 4)

    def device_compute_bytes(self, n_ctx: int, output: bool, copies: int = 1) -> int:
        """One device's compute buffer. Pipelined (`copies` > 1) each copy of the inputs is kept apart;
        otherwise the inputs' memory is reused by the time the logits are computed."""
        peak = self.output_compute_bytes(n_ctx) if output else self.layer_compute_bytes(n_ctx)
        inputs = self.graph_inputs_bytes(n_ctx)
        if copies > 1:
            return peak + copies * inputs
        return max(peak, self.layer_compute_bytes(n_ctx) + inputs)

    def compute_bytes(self, n_ctx: int) -> int:
        """llama.cpp's compute buffer on the CPU alone."""
        return self.device_compute_bytes(n_ctx, output=True)

    @classmethod
    def from_header(cls, header: GGUFHeader, name: str = "") -> ModelShape:
        def value(key: str, default: object = None) -> object:
            return header.arch_value(key, default)

        n_layers = int(value("block_count", 0) or 0)
        layer_bytes, expert_bytes, other = _tensor_bytes(header, n_layers)
        n_embd = int(value("embedding_length", 0) or 0)
        heads = value("attention.head_count", 1) or 1
        n_head = int(max(heads) if isinstance(heads, list) else heads)
        kv = value("attention.head_count_kv", n_head)
        kv_list = [int(x) for x in kv] if isinstance(kv, list) else [int(kv)] * n_layers
        head_dim_k = int(value("attention.key_length", n_embd // max(n_head, 1)) or 0)
        head_dim_v = int(value("attention.value_length", head_dim_k) or 0)
        interval = value("full_attention_interval")
        if isinstance(kv, list):
            kv_layers = [h > 0 for h in kv_list]
        elif isinstance(interval, int) and interval > 0:
            kv_layers = [(i + 1) % interval == 0 for i in range(n_layers)]
        else:
            kv_layers = [True] * n_layers
        recurrent = 0
        state, inner = value("ssm.state_size"), value("ssm.inner_size")
        if isinstance(state, int) and isinstance(inner, int):
            conv, groups = int(value("ssm.conv_kernel", 4) or 4), int(value("ssm.group_count", 1) or 1)
            per_layer = ((conv - 1) * (inner + 2 * groups * state) + state * inner) * 4
            recurrent = per_layer * sum(1 for has_kv in kv_layers if not has_kv)
        vocab = value("vocab_size") or header.array_lengths.get("tokenizer.ggml.tokens", 0)
        inputs, outputs, own_output = _io_bytes(header)
        n_ff = value("feed_forward_length", 0) or 0
        n_ff = int(max(n_ff) if isinstance(n_ff, list) else n_ff)
        n_ff_experts = int(value("expert_feed_forward_length", 0) or 0) * int(value("expert_used_count", 0) or 0)
        return cls(name=name or str(header.metadata.get("general.name", "")),
                   architecture=header.architecture or "?", n_layers=n_layers, layer_bytes=layer_bytes,
                   expert_bytes=expert_bytes, other_bytes=other, kv_layers=kv_layers, n_head_kv=kv_list,
                   head_dim_k=head_dim_k, head_dim_v=head_dim_v, n_embd=n_embd, n_head=n_head,
                   n_vocab=int(vocab or 0), context_trained=int(value("context_length", 0) or 0),
                   recurrent_bytes=recurrent, input_bytes=inputs, output_bytes=outputs,
                   tied_output=not own_output and inputs > 0, n_ff=max(n_ff, n_ff_experts))

    def add_part(self, header: GGUFHeader) -> None:
        """Count the tensors of one more part of a split model."""
        layers, experts, other = _tensor_bytes(header, self.n_layers)
        self.layer_bytes = [a + b for a, b in zip(self.layer_bytes, layers, strict=True)]
        self.expert_bytes = [a + b for a, b in zip(self.expert_bytes, experts, strict=True)]
        self.other_bytes += other
        inputs, outputs, own_output = _io_bytes(header)
        self.input_bytes += inputs
        self.output_bytes += outputs
        self.tied_output = self.tied_output and not own_output


def shape_of(model: ModelFile) -> ModelShape:
    """The shape of a validated model; a split model's layers are spread over all its parts."""
    shape = ModelShape.from_header(model.header, model.name)
    for header in model.part_headers[1:]:  # read when the file was inspected, not again
        shape.add_part(header)
    return shape


def shape_of_remote(files: Sequence[RemoteFile], token: str | None = None) -> ModelShape:
    """The shape of a model on the hub, from the headers of its parts (range requests only)."""
    shape = ModelShape.from_header(remote_header(files[0], token), Path(files[0].name).stem)
    for file in files[1:]:
        shape.add_part(remote_header(file, token))
    return shape


@dataclass
class Plan:
    mode: Mode
    n_ctx: int
    weights_bytes: int
    kv_cache_bytes: int
    compute_bytes: int
    recurrent_bytes: int
    margin_bytes: int
    total_bytes: int
    n_gpu_layers: int  # -1: all
    tensor_split: list[float] | None
    gpu_bytes: int = 0
    cpu_bytes: int = 0
    suggestions: list[Message] = field(default_factory=list)
    # Where llama.cpp will allocate what, per device: {"GPU0": bytes, ..., "CPU": bytes} (device_bytes()).
    devices: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["suggestions"] = [str(s) for s in self.suggestions]
        return data


def _split(free: Sequence[int]) -> list[float] | None:
    if len(free) < 2:
        return None
    total = sum(free)
    return [round(f / total, 4) for f in free]


def layer_devices(n_layers: int, n_gpu_layers: int, split: Sequence[float]) -> list[int]:
    """The device of each layer and, last, of the output, as llama.cpp assigns them (llama-model.cpp,
    load_tensors): the output counts as one more layer and is offloaded first; the offloaded layers are
    spread over the GPUs by the cumulative split. -1 is the CPU."""
    n_gpus = len(split)
    if n_gpus == 0 or n_gpu_layers == 0:
        return [-1] * (n_layers + 1)
    wanted = n_layers + 1 if n_gpu_layers < 0 else min(n_gpu_layers, n_layers + 1)
    start = n_layers + 1 - wanted
    total = sum(split) or 1.0
    bounds, running = [], 0.0
    for share in split:
        running += share / total
        bounds.append(running)
    devices = []
    for layer in range(n_layers + 1):
        if layer < start:
            devices.append(-1)
            continue
        position = (layer - start) / wanted
        devices.append(min(next((i for i, b in enumerate(bounds) if b > position), n_gpus - 1), n_gpus - 1))
    return devices


def device_bytes(shape: ModelShape, n_ctx: int, n_gpu_layers: int, split: Sequence[float],
                 experts_on_cpu: bool = False, gpu_names: Sequence[str] = ()) -> dict[str, int]:
    """What llama.cpp allocates on each device (weights, KV cache, compute buffer) for these parameters.
    The token embeddings stay in CPU memory; a model whose output reuses them gets a copy on the output's
    device. `split` holds one share per GPU."""
    names = list(gpu_names) + [f"GPU{i}" for i in range(len(gpu_names), len(split))]
    where = layer_devices(shape.n_layers, n_gpu_layers, split)
    totals = {name: 0 for name in names[:len(split)]}
    totals["CPU"] = shape.input_bytes

    def add(device: int, amount: int) -> None:
        key = "CPU" if device < 0 else names[device]
        totals[key] = totals.get(key, 0) + amount

    kv = shape.kv_bytes_per_layer(n_ctx)
    used = set()
    for layer in range(shape.n_layers):
        device = where[layer]
        experts = shape.expert_bytes[layer] if experts_on_cpu and device >= 0 else 0
        add(device, shape.layer_bytes[layer] - experts + kv[layer])
        add(-1, experts)
        used.add(device)
    output_device = where[-1]
    add(output_device, shape.output_bytes + (shape.input_bytes if shape.tied_output and output_device >= 0 else 0))
    used.add(output_device)
    if shape.recurrent_bytes:
        for device in used:
            add(device, shape.recurrent_bytes // len(used))
    gpus_used = sorted(d for d in used if d >= 0)
    if not gpus_used:
        add(-1, shape.compute_bytes(n_ctx))
        return {name: value for name, value in totals.items() if value > 0 or name != "CPU"}
    # With every layer on two or more GPUs, llama.cpp pipelines micro-batches (llama_context:
    # pipeline_parallel; not with tensor overrides): each GPU part keeps 4 copies of its inputs, and so does
    # the host buffer that feeds them.
    all_layers = n_gpu_layers < 0 or n_gpu_layers > shape.n_layers
    copies = PIPELINE_COPIES if len(split) > 1 and all_layers and not experts_on_cpu else 1
    for device in gpus_used:
        add(device, shape.device_compute_bytes(n_ctx, device == output_device, copies))
    # The CPU's share (pinned host memory, "Vulkan_Host"/"CUDA_Host"): the inputs and the embedded tokens.
    add(-1, copies * shape.graph_inputs_bytes(n_ctx) + min(N_UBATCH, n_ctx) * shape.n_embd * 4)
    return {name: value for name, value in totals.items() if value > 0 or name != "CPU"}


def plan(shape: ModelShape, gpu_free: Sequence[int], ram_available: int, n_ctx: int = 0,
         gpu_names: Sequence[str] = ()) -> Plan:
    """Where the model goes for `n_ctx` tokens, given each GPU's free bytes and the available RAM; with the
    bytes per device (named by `gpu_names`, e.g. llama.cpp's "Vulkan0", or GPU0, GPU1...)."""
    return _place(shape, gpu_free, ram_available, n_ctx, gpu_names)


def _place(shape: ModelShape, gpu_free: Sequence[int], ram_available: int, n_ctx: int = 0,
           gpu_names: Sequence[str] = ()) -> Plan:
    n_ctx = n_ctx or default_context(shape.context_trained)
    weights, kv = shape.weights_bytes, shape.kv_bytes(n_ctx)
    # The totals are what the model needs on one device (the CPU's figure); with GPUs each device is
    # checked against what llama.cpp will allocate on it (device_bytes).
    compute, recurrent = shape.compute_bytes(n_ctx), shape.recurrent_bytes
    needed = weights + kv + compute + recurrent
    margin = int(needed * MARGIN)
    base = dict(n_ctx=n_ctx, weights_bytes=weights, kv_cache_bytes=kv, compute_bytes=compute,
                recurrent_bytes=recurrent, margin_bytes=margin, total_bytes=needed + margin)
    gpus = [f - GPU_RESERVE for f in gpu_free if f > GPU_RESERVE]
    ram_room = ram_available - RAM_RESERVE
    if gpus:
        split = _split(gpus)
        names = list(gpu_names) + [f"GPU{i}" for i in range(len(gpu_names), len(gpus))]

        def fitting(n_gpu_layers: int, experts_on_cpu: bool = False) -> dict[str, int] | None:
            """llama.cpp's allocations per device for these parameters, if each fits its device."""
            devices = device_bytes(shape, n_ctx, n_gpu_layers, split or [1.0], experts_on_cpu, names)
            if devices.get("CPU", 0) * (1 + MARGIN) > ram_room:
                return None
            if any(devices.get(name, 0) * (1 + MARGIN) > room for name, room in zip(names, gpus, strict=False)):
                return None
            return devices

        def placed(mode: Mode, n_gpu_layers: int, devices: dict[str, int]) -> Plan:
            on_gpu = sum(value for name, value in devices.items() if name != "CPU")
            return Plan(mode=mode, n_gpu_layers=n_gpu_layers, tensor_split=split, gpu_bytes=on_gpu,
                        cpu_bytes=devices.get("CPU", 0), devices=devices, **base)

        if devices := fitting(-1):
            return placed("gpu", -1, devices)
        if shape.is_moe and (devices := fitting(-1, experts_on_cpu=True)):
            return placed("moe_cpu", -1, devices)
        # llama.cpp offloads the output and the last n - 1 layers, with their KV cache: the most that fit.
        for n in range(shape.n_layers, 0, -1):
            if devices := fitting(n):
                return placed("partial", n, devices)
    if needed * (1 + MARGIN) <= ram_room:
        return Plan(mode="cpu", n_gpu_layers=0, tensor_split=None, gpu_bytes=0, cpu_bytes=needed,
                    devices=device_bytes(shape, n_ctx, 0, []), **base)
    return Plan(mode="no_fit", n_gpu_layers=0, tensor_split=None, suggestions=_suggestions(
        shape, gpu_free, ram_available, n_ctx), **base)


def _suggestions(shape: ModelShape, gpu_free: Sequence[int], ram_available: int, n_ctx: int) -> list[Message]:
    tips = []
    for shorter in (32768, 16384, 8192, 4096):
        if shorter < n_ctx and _place(shape, gpu_free, ram_available, shorter).mode != "no_fit":
            tips.append(Message(QT_TRANSLATE_NOOP("Core", "a context of {tokens} tokens"), tokens=Count(shorter)))
            break
    room = max(sum(max(f - GPU_RESERVE, 0) for f in gpu_free), ram_available - RAM_RESERVE)
    fixed = shape.kv_bytes(min(n_ctx, 4096)) + shape.compute_bytes(min(n_ctx, 4096)) + shape.recurrent_bytes
    fitting = int(room / (1 + MARGIN) - fixed)
    if fitting > 0:
        tips.append(Message(QT_TRANSLATE_NOOP("Core", "a smaller quantization (files up to {size})"),
                            size=Bytes(fitting)))
    tips.append(Message(QT_TRANSLATE_NOOP("Core", "the organisation's server")))
    return tips


def load_params(model: ModelFile, gpu_free: Sequence[int], ram_available: int, n_ctx: int = 0,
                n_threads: int | None = None, gpu_names: Sequence[str] = ()) -> tuple[LoadParams, Plan]:
    """Load parameters that fit, from the plan. Raises ModelLoadError when nothing fits."""
    shape = shape_of(model)
    result = plan(shape, gpu_free, ram_available, n_ctx, gpu_names)
    if result.mode == "no_fit":
        raise ModelLoadError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} does not fit this computer: it needs about {need} and there is {have} free for "
                    "it. It would fit with: {tips}."), name=model.path.name, need=Bytes(result.total_bytes),
            have=Bytes(max(ram_available - RAM_RESERVE, 0) + sum(max(f - GPU_RESERVE, 0) for f in gpu_free)),
            tips=list(result.suggestions)))
    params = LoadParams(model_path=model.path, n_ctx=result.n_ctx, n_gpu_layers=result.n_gpu_layers,
                        tensor_split=tuple(result.tensor_split) if result.tensor_split else None,
                        n_threads=n_threads, experts_on_cpu=result.mode == "moe_cpu")
    return params, result
