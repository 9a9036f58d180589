#!/usr/bin/env python3
"""Writes the PyTorch DCGAN fixtures that PyTorchDcganTests load (tests need no Python).

FashionGan's generator and discriminator written in PyTorch the way a PyTorch user would write them: channels-first
images, nn.Unflatten/nn.Flatten, ConvTranspose2d/Conv2d with padding 1 (what Keras's SAME gives for kernel 4,
stride 2), and batch normalization with Keras's epsilon (1e-3) so that the two frameworks compute the same thing.
Width 4 keeps the files small. The weights and the running statistics are random (seeded), so every value matters.

Writes, into the folder given (default: beside this script):
  generator.pt, discriminator.pt   torch.save(module.state_dict()), PyTorch's zip format
  generator.safetensors            the same generator state dict as safetensors (written here: no safetensors module
                                   in Debian 12)
  io.safetensors                   noise (2, 16), images (2, 1, 28, 28) = generator(noise) in eval mode,
                                   logits (2, 1) = discriminator(images) in eval mode

    /usr/bin/python3 make_fixtures.py [folder]           # Debian 12's python3-torch (1.13)
    /usr/bin/python3 make_fixtures.py --check folder     # loads exported.pt (strict) and compares with outputs.safetensors
"""
import json
import os
import struct
import sys

import torch
from torch import nn

WIDTH = 4
NOISE = 16  # FashionGan draws 100; the generator takes any length, and 16 keeps the files small


def generator():
    return nn.Sequential(
        nn.Linear(NOISE, 7 * 7 * 4 * WIDTH, bias=False),                   # 0  g_project
        nn.BatchNorm1d(7 * 7 * 4 * WIDTH, eps=1e-3, momentum=0.01),         # 1  g_project_norm
        nn.ReLU(),                                                          # 2
        nn.Unflatten(1, (4 * WIDTH, 7, 7)),                                 # 3  g_reshape
        nn.ConvTranspose2d(4 * WIDTH, 2 * WIDTH, 4, 2, 1, bias=False),      # 4  g_up1
        nn.BatchNorm2d(2 * WIDTH, eps=1e-3, momentum=0.01),                 # 5  g_up1_norm
        nn.ReLU(),                                                          # 6
        nn.ConvTranspose2d(2 * WIDTH, 1, 4, 2, 1),                          # 7  g_up2
        nn.Tanh())


def discriminator():
    return nn.Sequential(
        nn.Conv2d(1, 2 * WIDTH, 4, 2, 1),                                   # 0  d_down1
        nn.LeakyReLU(0.2),                                                  # 1
        nn.Conv2d(2 * WIDTH, 4 * WIDTH, 4, 2, 1, bias=False),               # 2  d_down2
        nn.BatchNorm2d(4 * WIDTH, eps=1e-3, momentum=0.01),                 # 3  d_down2_norm
        nn.LeakyReLU(0.2),                                                  # 4
        nn.Flatten(),                                                       # 5
        nn.Linear(7 * 7 * 4 * WIDTH, 1))                                    # 6  d_logit


def randomize(module, generator_):
    """Random weights and running statistics (variance in [0.5, 1.5)), so a mapping error cannot hide."""
    with torch.no_grad():
        for name, tensor in module.state_dict().items():
            if name.endswith("num_batches_tracked"):
                tensor.fill_(7)
            elif name.endswith("running_var"):
                tensor.copy_(torch.rand(tensor.shape, generator=generator_) + 0.5)
            else:
                tensor.copy_(torch.randn(tensor.shape, generator=generator_) * 0.2)


def save_safetensors(path, tensors):
    """The safetensors layout: 8-byte little-endian header length, JSON header, then the bytes in order."""
    names = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().contiguous()
        blob = tensor.numpy().tobytes()
        header[name] = {"dtype": names[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load_safetensors(path):
    with open(path, "rb") as file:
        data = file.read()
    length = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + length])
    start = 8 + length
    kinds = {"F32": torch.float32, "I64": torch.int64}
    return {name: torch.frombuffer(bytearray(data[start + entry["data_offsets"][0]:start + entry["data_offsets"][1]]),
                                   dtype=kinds[entry["dtype"]]).reshape(entry["shape"])
            for name, entry in header.items() if name != "__metadata__"}


def make(folder):
    seed = torch.Generator().manual_seed(20261207)
    g, d = generator(), discriminator()
    randomize(g, seed)
    randomize(d, seed)
    g.eval()
    d.eval()
    noise = torch.randn((2, NOISE), generator=seed)
    with torch.no_grad():
        images = g(noise)
        logits = d(images)
    torch.save(g.state_dict(), os.path.join(folder, "generator.pt"))
    torch.save(d.state_dict(), os.path.join(folder, "discriminator.pt"))
    save_safetensors(os.path.join(folder, "generator.safetensors"), g.state_dict())
    save_safetensors(os.path.join(folder, "io.safetensors"), {"noise": noise, "images": images, "logits": logits})


def check(folder):
    """Loads a generator that the framework exported, strictly, and compares PyTorch's output with the framework's."""
    g = generator()
    g.load_state_dict(torch.load(os.path.join(folder, "exported.pt")), strict=True)
    g.eval()
    expected = load_safetensors(os.path.join(folder, "outputs.safetensors"))
    with torch.no_grad():
        images = g(expected["noise"])
    difference = (images - expected["images"]).abs().max().item()
    print(f"exported.pt loaded strictly; largest difference from the framework's images: {difference:.3g}")
    sys.exit(0 if difference < 1e-5 else 1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        make(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
