#!/usr/bin/env bash
# The GPU check, for an NVIDIA workstation or server (nvcc, cmake, ninja, many cores; about 15 minutes):
#   bench/gpu_check.sh DIR
# 1. builds llama.cpp with the CUDA module as one more dynamic backend, for this machine's GPU only
#    (LLAMA_BACKEND=cuda through dev.py, into its own .venv-cuda);
# 2. loads the test models with every layer on the GPU through the application's engine and compares its
#    speed with llama-bench of the same build on the same GPU (goal >= 0.95);
# 3. compares the plan's bytes on CUDA0 with what NVML reports used after the load (goal: within 10 %);
# and writes everything to DIR (gpu_check.json, the build log, nvidia-smi's view).
# Not yet run on a GPU machine: no such machine was available when it was written.
#
#   bench/gpu_check.sh --quick DIR
# skips the driver checks and the CUDA build and runs `bench/gpu_check.py --quick DIR` with the current
# interpreter ($PYTHON, else .venv/bin/python): the engine part on whatever devices are here, a few
# seconds. CI runs it (tests/test_bench.py) so that the check's code cannot rot on machines without a GPU.
set -euo pipefail
quick=0
if [ "${1:-}" = "--quick" ]; then
    quick=1
    shift
fi
OUT="$(mkdir -p "${1:?usage: bench/gpu_check.sh [--quick] DIR}" && cd "$1" && pwd)"
cd "$(dirname "$0")/.."
if [ "$quick" = 1 ]; then
    exec "${PYTHON:-.venv/bin/python}" bench/gpu_check.py --quick "$OUT"
fi
command -v nvidia-smi >/dev/null || { echo "no NVIDIA driver here (nvidia-smi missing)" >&2; exit 2; }
command -v nvcc >/dev/null || { echo "no CUDA compiler here (nvcc missing)" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total,memory.used,compute_cap,driver_version --format=csv \
    > "$OUT/nvidia-smi.csv"
started=$(date +%s)
# Only this GPU's architecture: a build for every architecture takes far longer than the check's budget.
export RIO_CUDA_ARCHITECTURES=native CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" LLAMA_BACKEND=cuda
export RIO_DEV_VENV=.venv-cuda
python3 dev.py test --collect-only -q tests/test_planner.py > "$OUT/build.log" 2>&1 \
    || { tail -50 "$OUT/build.log" >&2; exit 1; }
echo "build_seconds=$(( $(date +%s) - started ))" >> "$OUT/build.log"
.venv-cuda/bin/python bench/gpu_check.py "$OUT" 2>&1 | tee "$OUT/gpu_check.log"
