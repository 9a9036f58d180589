// Precompiled once per build: ATen and the autograd headers are most of every translation unit's cost.
#pragma once
#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>
