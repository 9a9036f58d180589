"""Golden values for TensorFlow-semantics transposed convolution (tf.nn.conv_transpose).

What it computes
----------------
For seeded random cases of rank 1, 2 and 3 (data formats NWC/NCW, NHWC/NCHW,
NDHWC/NCDHW; padding "SAME", "VALID" or explicit [before, after] pairs; strides
1..3; dilations 1..2; groups 1 or 2) it writes the input x, the filters (in
TensorFlow's layout [K_1..K_N, C_out / groups, C_in]) and the expected output of
tf.nn.conv_transpose(x, filters, output_shape, strides, padding, data_format,
dilations) to conv_transpose_golden.json next to this script.

Per spatial dimension, with I = input size, K = filter size, s = stride,
d = dilation, E = (K - 1) * d + 1, F = (I - 1) * s + E and O = requested output
size, the transposed convolution is the gradient with respect to the input of a
forward cross-correlation whose input has size O and whose padding is
  "SAME":   P = max(0, (I - 1) * s + E - O), before = P // 2, after = P - before
            (valid O: (I - 1) * s + 1 <= O <= I * s);
  "VALID":  before = after = 0 (valid O: F <= O <= F + s - 1);
  explicit: before, after as given
            (valid O >= 1: F - before - after <= O <= F - before - after + s - 1).
For every configuration a case is emitted for every valid O (or, when there are
too many combinations, for the smallest, the largest and one random one).

Why it is independent of conv_transpose
---------------------------------------
The expected value is obtained from the definition, not from a transposed
convolution routine: z = zeros([N, C_out, O...], requires_grad=True) is padded
with torch.nn.functional.pad by (before, after) per spatial dimension, run
through the forward torch.nn.functional.conv{1,2,3}d with the weight
filters.permute(C_in, C_out / groups, K...), stride, dilation and groups (the
forward output's spatial size is asserted to equal the input size I), and the
expected value is torch.autograd.grad(y, z, grad_outputs=x)[0]. Everything is
float64. Input and filter values are multiples of 1/8 in [-2, 2], so every
expected value is an exact multiple of 1/64, exact in float64 and float32
(both asserted), and independent of summation order.

As a sanity check only (never as the source of the expected values), every case
is also compared with torch.nn.functional.conv_transpose{1,2,3}d with zero
padding, whose full-size result is zero-extended and cropped to the window
[before, before + O); the script fails if the two routes disagree.

How to run
----------
From the repository root:

    /usr/bin/python3 tests/Ops.Tests/Golden/generate_conv_transpose_golden.py

It needs Debian's python3-torch (torch 1.13, used through /usr/bin/python3; the
python3 first on PATH may have no torch). No numpy, no network. The output is
deterministic: running the script twice yields a byte-identical JSON file.
"""

import itertools
import json
import os

import torch
import torch.nn.functional as F

SEED = 20240611
GENERATOR_PATH = "tests/Ops.Tests/Golden/generate_conv_transpose_golden.py"
OUTPUT_NAME = "conv_transpose_golden.json"

FORMATS = {
    1: ("NWC", "NCW"),
    2: ("NHWC", "NCHW"),
    3: ("NDHWC", "NCDHW"),
}
PADDING_KINDS = ("SAME", "VALID", "EXPLICIT")
# Random configurations per (rank, data format, padding kind).
CONFIGS_PER_COMBO = {1: 8, 2: 7, 3: 4}
# Largest number of output elements a case may have, to keep the file small.
MAX_OUTPUT_ELEMENTS = {1: 200, 2: 400, 3: 500}
# When a configuration has at most this many valid output shapes, all are emitted.
MAX_ENUMERATED = {1: 3, 2: 9, 3: 8}

torch.set_num_threads(1)

_gen = torch.Generator()
_gen.manual_seed(SEED)


def randint(lo, hi):
    """Uniform integer in [lo, hi] (inclusive) from the seeded generator."""
    return int(torch.randint(lo, hi + 1, (1,), generator=_gen).item())


def random_eighths(shape):
    """Tensor of random multiples of 1/8 in [-2, 2], float64."""
    return torch.randint(-16, 17, tuple(shape), generator=_gen).to(torch.float64) / 8.0


def channels_first(t, channels_last):
    if not channels_last:
        return t
    r = t.dim() - 2
    return t.permute(0, r + 1, *range(1, r + 1))


def to_format(t, channels_last):
    if not channels_last:
        return t
    r = t.dim() - 2
    return t.permute(0, *range(2, r + 2), 1)


def pads_for(kind, explicit, i, k, s, d, o):
    """(before, after) of the forward convolution for one spatial dimension."""
    e = (k - 1) * d + 1
    if kind == "SAME":
        p = max(0, (i - 1) * s + e - o)
        return p // 2, p - p // 2
    if kind == "VALID":
        return 0, 0
    return explicit


def valid_outputs(kind, explicit, i, k, s, d):
    """All valid output sizes O for one spatial dimension."""
    e = (k - 1) * d + 1
    full = (i - 1) * s + e
    if kind == "SAME":
        lo, hi = (i - 1) * s + 1, i * s
    elif kind == "VALID":
        lo, hi = full, full + s - 1
    else:
        pb, pa = explicit
        lo, hi = max(1, full - pb - pa), full - pb - pa + s - 1
    result = []
    for o in range(lo, hi + 1):
        pb, pa = pads_for(kind, explicit, i, k, s, d, o)
        span = o + pb + pa - e
        if o >= 1 and span >= 0 and span // s + 1 == i:
            result.append(o)
    assert result == list(range(lo, hi + 1)), (kind, explicit, i, k, s, d, result)
    return result


def expected_by_gradient(x_cf, filters, out_spatial, strides, dilations, pads, groups):
    """Input-gradient of the forward padded cross-correlation (channels-first result)."""
    r = len(out_spatial)
    n = x_cf.shape[0]
    c_out = groups * filters.shape[r]
    z = torch.zeros((n, c_out) + tuple(out_spatial), dtype=torch.float64, requires_grad=True)
    pad_arg = []
    for pb, pa in reversed(pads):  # F.pad takes the last dimension first
        pad_arg += [pb, pa]
    z_padded = F.pad(z, pad_arg)
    w = filters.permute(r + 1, r, *range(r))  # [C_in, C_out / groups, K...]
    conv = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[r]
    y = conv(z_padded, w, stride=list(strides), dilation=list(dilations), groups=groups)
    assert tuple(y.shape) == tuple(x_cf.shape), (tuple(y.shape), tuple(x_cf.shape))
    (grad,) = torch.autograd.grad(y, z, grad_outputs=x_cf)
    return grad.detach()


def sanity_by_conv_transpose(x_cf, filters, out_spatial, strides, dilations, pads, groups):
    """Same value via torch's conv_transpose: full result, zero-extended, cropped."""
    r = len(out_spatial)
    w = filters.permute(r + 1, r, *range(r))
    conv_t = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[r]
    full = conv_t(x_cf, w, stride=list(strides), groups=groups, dilation=list(dilations))
    pad_arg = []
    for dim in reversed(range(r)):
        pb, pa = pads[dim]
        extra = out_spatial[dim] + pb + pa - full.shape[2 + dim]
        assert extra >= 0
        pad_arg += [0, extra]
    full = F.pad(full, pad_arg)
    for dim in range(r):
        full = full.narrow(2 + dim, pads[dim][0], out_spatial[dim])
    return full


def flat(t):
    # "+ 0.0" turns -0.0 into 0.0 so that zeros print uniformly.
    return [float(v) + 0.0 for v in t.contiguous().reshape(-1).tolist()]


def dims_str(values):
    return "x".join(str(v) for v in values)


def padding_str(padding):
    if isinstance(padding, str):
        return padding
    return "EXPL" + "x".join("%d-%d" % (b, a) for b, a in padding)


def random_config(rank, kind):
    """One random configuration (without O); resampled until it fits the size budget."""
    while True:
        batch = randint(1, 2)
        groups = 2 if randint(0, 3) == 0 else 1
        c_in = groups * randint(1, 4 // groups)
        c_out_per_group = randint(1, 4 // groups)
        max_i = 3 if rank == 3 else 5
        max_k = 3 if rank == 3 else 4
        inputs = [randint(1, max_i) for _ in range(rank)]
        kernels = [randint(1, max_k) for _ in range(rank)]
        if randint(0, 2) == 0:
            strides = [randint(1, 3)] * rank  # same stride in every dimension
        else:
            strides = [randint(1, 3) for _ in range(rank)]
        if randint(0, 2) == 0:
            dilations = [1] * rank
        else:
            dilations = [randint(1, 2) for _ in range(rank)]
        explicit = None
        if kind == "EXPLICIT":
            explicit = []
            for i, k, s, d in zip(inputs, kernels, strides, dilations):
                full = (i - 1) * s + (k - 1) * d + 1
                while True:
                    pb, pa = randint(0, 3), randint(0, 3)
                    if full - pb - pa + s - 1 >= 1:
                        break
                explicit.append((pb, pa))
        ranges = []
        for dim in range(rank):
            ex = explicit[dim] if explicit else None
            ranges.append(valid_outputs(kind, ex, inputs[dim], kernels[dim], strides[dim], dilations[dim]))
        largest = batch * groups * c_out_per_group
        for rng in ranges:
            largest *= rng[-1]
        if largest <= MAX_OUTPUT_ELEMENTS[rank]:
            return dict(batch=batch, groups=groups, c_in=c_in, c_out_per_group=c_out_per_group,
                        inputs=inputs, kernels=kernels, strides=strides, dilations=dilations,
                        explicit=explicit, ranges=ranges)


def chosen_outputs(rank, ranges):
    """Every valid output shape, or smallest, largest and one random one if too many."""
    combos = list(itertools.product(*ranges))
    if len(combos) <= MAX_ENUMERATED[rank]:
        return combos
    picks = [combos[0], combos[-1], combos[randint(1, len(combos) - 2)]]
    result = []
    for c in picks:
        if c not in result:
            result.append(c)
    return result


def make_case(index, rank, fmt, kind, cfg, out_spatial):
    channels_last = fmt[-1] == "C"
    n, groups = cfg["batch"], cfg["groups"]
    c_in = cfg["c_in"]
    c_out = groups * cfg["c_out_per_group"]
    x_cf_shape = [n, c_in] + cfg["inputs"]
    filters_shape = cfg["kernels"] + [cfg["c_out_per_group"], c_in]
    x_cf = random_eighths(x_cf_shape)
    filters = random_eighths(filters_shape)
    if kind == "EXPLICIT":
        pads = [tuple(p) for p in cfg["explicit"]]
        padding = [list(p) for p in cfg["explicit"]]
    else:
        pads = [pads_for(kind, None, cfg["inputs"][dim], cfg["kernels"][dim], cfg["strides"][dim],
                         cfg["dilations"][dim], out_spatial[dim]) for dim in range(rank)]
        padding = kind

    expected_cf = expected_by_gradient(x_cf, filters, out_spatial, cfg["strides"], cfg["dilations"],
                                       pads, groups)
    assert tuple(expected_cf.shape) == (n, c_out) + tuple(out_spatial)
    # Exact multiples of 1/64, representable in float32 too.
    assert torch.equal(expected_cf * 64, torch.round(expected_cf * 64))
    assert torch.equal(expected_cf.to(torch.float32).to(torch.float64), expected_cf)
    # Sanity check against torch's own transposed convolution (not used for the values).
    check = sanity_by_conv_transpose(x_cf, filters, out_spatial, cfg["strides"], cfg["dilations"],
                                     pads, groups)
    if not torch.equal(check, expected_cf):
        raise AssertionError("conv_transpose disagrees with the gradient route in case %d" % index)

    x = to_format(x_cf, channels_last)
    expected = to_format(expected_cf, channels_last)
    name = "r%d_%s_s%s_d%s_%s_O%s_g%d_%04d" % (
        rank, fmt, dims_str(cfg["strides"]), dims_str(cfg["dilations"]), padding_str(padding),
        dims_str(out_spatial), groups, index)
    return {
        "name": name,
        "rank": rank,
        "data_format": fmt,
        "strides": list(cfg["strides"]),
        "dilations": list(cfg["dilations"]),
        "padding": padding,
        "groups": groups,
        "input_shape": list(x.shape),
        "filters_shape": list(filters.shape),
        "output_shape": list(expected.shape),
        "input": flat(x),
        "filters": flat(filters),
        "expected": flat(expected),
    }


def main():
    cases = []
    for rank in (1, 2, 3):
        for fmt in FORMATS[rank]:
            for kind in PADDING_KINDS:
                for _ in range(CONFIGS_PER_COMBO[rank]):
                    cfg = random_config(rank, kind)
                    for out_spatial in chosen_outputs(rank, cfg["ranges"]):
                        cases.append(make_case(len(cases), rank, fmt, kind, cfg, list(out_spatial)))
    assert len({c["name"] for c in cases}) == len(cases)

    header = {
        "description": (
            "Golden values for TensorFlow-semantics tf.nn.conv_transpose (rank 1-3, channels-last and "
            "channels-first, SAME/VALID/explicit padding, strides, dilations, groups, every valid output "
            "size or its extremes). Expected values are the input-gradient (torch.autograd.grad, float64) "
            "of a forward torch.nn.functional.conv{1,2,3}d over zeros of the output shape padded with "
            "TensorFlow's padding, with grad_outputs = input; cross-checked against torch's "
            "conv_transpose. Input and filter values are seeded random multiples of 1/8 in [-2, 2]; "
            "filters are in TensorFlow layout [K..., C_out/groups, C_in]; all tensors are row-major in "
            "their data_format. Seed %d." % SEED),
        "generator": GENERATOR_PATH,
        "torch_version": torch.__version__,
    }
    compact = dict(separators=(",", ":"))
    head = json.dumps(header, **compact)
    # One case per line: still a single JSON object, but diffs stay readable.
    text = head[:-1] + ',"cases":[\n' + ",\n".join(json.dumps(c, **compact) for c in cases) + "\n]}\n"
    json.loads(text)  # well-formed

    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), OUTPUT_NAME)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %d cases, %d bytes to %s" % (len(cases), len(text.encode("utf-8")), out_path))


if __name__ == "__main__":
    main()
