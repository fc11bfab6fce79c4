"""The catalogue's shipped data: every listed quantization has a size, every shape plans, and the figures
agree with what is known of the models (DESIGN.md for Qwen3.5-397B-A17B)."""

from __future__ import annotations

import json

from rio_desktop.models.catalog import load_catalog
from rio_desktop.models.planner import plan
from rio_desktop.resources import resource_path

GB = 10**9


def entries():
    return {e.id: e for e in load_catalog(resource_path("catalogue", "models.json"))}


def test_every_estimate_is_marked_and_every_shape_is_complete() -> None:
    data = json.loads(resource_path("catalogue", "models.json").read_text(encoding="utf-8"))
    for item in data["models"]:
        for quant in item.get("quantizations", []):
            assert quant["bytes"] > 0 and "approximate" in quant, (item["id"], quant)
        if item.get("quantizations"):
            assert item.get("shape") and "approximate" in item["shape"] and item["shape"]["source"], item["id"]


def test_the_397b_shape_is_the_one_in_the_design() -> None:
    big = entries()["qwen3.5-397b-a17b"]
    shape = big.shape
    assert (shape.architecture, shape.layers, shape.heads, shape.kv_heads, shape.head_dim_k, shape.experts,
            shape.experts_used, shape.embedding, shape.context) == ("qwen35moe", 60, 32, 2, 256, 512, 10, 4096,
                                                                     262144)
    assert shape.kv_bytes_per_token == 15 * 2 * (256 + 256) * 2  # 15 full-attention layers of 60
    sizes = dict(big.quantizations)
    assert 200 * GB <= sizes["Q4_K_M"] <= 250 * GB and 100 * GB <= sizes["IQ2_XXS"] <= 115 * GB


def test_the_offline_plan_of_catalogue_models() -> None:
    big = entries()["qwen3.5-397b-a17b"]
    [q4] = [q for q in big.expected_quantizations(big.repos[0]) if q.name == "Q4_K_M"]
    shape = big.shape.model_shape("397B Q4_K_M", q4.size, big.parameters_total, big.parameters_active)
    assert plan(shape, [141 * GB] * 8, 1024 * GB, 8192).mode == "gpu"  # an 8-GPU server
    assert plan(shape, [48 * GB], 512 * GB, 8192).mode == "moe_cpu"  # experts in RAM, the rest on one GPU
    assert plan(shape, [], 16 * GB, 8192).mode == "no_fit"  # an office PC
    small = entries()["qwen3.5-4b"]
    [q4] = [q for q in small.expected_quantizations(small.repos[0]) if q.name == "Q4_K_M"]
    office = plan(small.shape.model_shape("4B", q4.size, small.parameters_total, small.parameters_active),
                  [], 16 * GB, 8192)
    assert office.mode == "cpu" and office.total_bytes < 6 * GB
