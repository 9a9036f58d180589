#!/usr/bin/env python3
"""Writes torch-1.13-state-dict.pt, which UntrustedPtFileTests load: a state dict whose pickle holds every opcode and
global that torch.save writes for state dicts, so that the allowlist is shown to let real files through.

    /usr/bin/python3 make_torch_state_dict.py [folder]   # Debian 12's python3-torch (1.13); default: beside this script

What each entry makes torch.save write (every value is a small integer, so the test can check each one):
  dtype.<name>     arange(2) in each of the 12 dtypes PyBridge reads: the 12 torch.<dtype>Storage globals
  cube             arange(24) as (2, 3, 4): TUPLE3
  row              arange(300) as int16: BININT2 (sizes from 256 to 65,535)
  wide             65,536 booleans: BININT (sizes of 2^16 and more)
  grad             ones(3) with requires_grad: NEWTRUE
  scalar           5.0 with shape (): EMPTY_TUPLE
  tied.a, tied.b   one storage, arange(6) as (2, 3), twice: TUPLE2, and BINGET of a memoized storage
  many.0..39       i, shape (1,): over 256 memo entries, so LONG_BINPUT and LONG_BINGET
  _metadata        module versions, as load_state_dict keeps them: BUILD, EMPTY_DICT, SETITEM
"""
import collections
import os
import sys

import torch

DTYPES = [torch.float64, torch.float32, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.int16,
          torch.int8, torch.uint8, torch.bool, torch.complex64, torch.complex128]


def state_dict():
    state = collections.OrderedDict()
    for dtype in DTYPES:
        state["dtype." + str(dtype).removeprefix("torch.")] = torch.arange(2).to(dtype)
    state["cube"] = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
    state["row"] = torch.arange(300, dtype=torch.int16)
    state["wide"] = torch.zeros(65536, dtype=torch.bool)
    state["grad"] = torch.ones(3, requires_grad=True)
    state["scalar"] = torch.tensor(5.0)
    tied = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    state["tied.a"] = tied
    state["tied.b"] = tied
    for i in range(40):
        state[f"many.{i}"] = torch.full((1,), float(i))
    state._metadata = collections.OrderedDict({"": {"version": 1}, "norm": {"version": 2}})
    return state


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    torch.save(state_dict(), os.path.join(folder, "torch-1.13-state-dict.pt"))
