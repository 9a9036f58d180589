# Copyright (c) LayersFramework contributors. Licensed under the MIT License.
"""PyTorch's side of the transposed-convolution benchmark (benchmarks/ConvTransposeSuite.cs).

Reads one JSON request per line on stdin and answers one JSON line on stdout:
  request: {"rank", "batch", "in", "out", "size", "kernel", "stride", "padding", "output_padding",
            "channels_last", "backward", "reps", "threads"}
  answer:  {"times_ms": [...], "peak_mb": float}
It times nn.ConvTranspose{1,2,3}d (Debian's python3-torch, the same libtorch as the C# side) on the same shapes
and thread count. Peak memory: the process's peak resident set (VmHWM) above its resident set before the run,
after resetting the peak with /proc/self/clear_refs.
"""
import json
import sys
import time

import torch


def resident_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def reset_peak():
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def run(request):
    torch.set_num_threads(request["threads"])
    torch.manual_seed(1)
    rank = request["rank"]
    module_type = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}[rank]
    module = module_type(request["in"], request["out"], request["kernel"], stride=request["stride"],
                         padding=request["padding"], output_padding=request["output_padding"])
    x = torch.randn([request["batch"], request["in"]] + [request["size"]] * rank)
    if request["channels_last"] and rank in (2, 3):
        fmt = torch.channels_last if rank == 2 else torch.channels_last_3d
        module = module.to(memory_format=fmt)
        x = x.contiguous(memory_format=fmt)
    x.requires_grad_(request["backward"])
    # A dense upstream gradient in the output's layout, as a real loss gives; the C# side does the same.
    with torch.no_grad():
        upstream = torch.ones_like(module(x))

    def once():
        y = module(x)
        if request["backward"]:
            y.backward(upstream)
            module.zero_grad(set_to_none=True)
            x.grad = None

    with torch.set_grad_enabled(request["backward"]):
        once()
        before = resident_mb("VmRSS")
        reset_peak()
        times = []
        for _ in range(request["reps"]):
            start = time.perf_counter()
            once()
            times.append((time.perf_counter() - start) * 1000.0)
        peak = resident_mb("VmHWM") - before
    return {"times_ms": times, "peak_mb": max(peak, 0.0)}


for line in sys.stdin:
    if not line.strip():
        continue
    print(json.dumps(run(json.loads(line))), flush=True)
