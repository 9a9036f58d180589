// Factories: filled tensors, ranges, identity matrices and *_like variants.
#include "lft.h"

namespace {
at::TensorOptions of(int8_t dtype) { return at::TensorOptions().dtype(lft::dtype(dtype)); }
}  // namespace

LFT_API LFT_Tensor LFT_empty(const int64_t* shape, int32_t ndim, int8_t dtype) {
  LFT_RETURN_TENSOR(at::empty(lft::ints(shape, ndim), of(dtype)))
}

LFT_API LFT_Tensor LFT_zeros(const int64_t* shape, int32_t ndim, int8_t dtype) {
  LFT_RETURN_TENSOR(at::zeros(lft::ints(shape, ndim), of(dtype)))
}

LFT_API LFT_Tensor LFT_ones(const int64_t* shape, int32_t ndim, int8_t dtype) {
  LFT_RETURN_TENSOR(at::ones(lft::ints(shape, ndim), of(dtype)))
}

LFT_API LFT_Tensor LFT_full(const int64_t* shape, int32_t ndim, double value, int8_t dtype) {
  LFT_RETURN_TENSOR(at::full(lft::ints(shape, ndim), value, of(dtype)))
}

LFT_API LFT_Tensor LFT_scalar_tensor(double value, int8_t dtype) {
  LFT_RETURN_TENSOR(at::scalar_tensor(value, of(dtype)))
}

LFT_API LFT_Tensor LFT_arange(double start, double end, double step, int8_t dtype) {
  LFT_RETURN_TENSOR(at::arange(start, end, step, of(dtype)))
}

LFT_API LFT_Tensor LFT_linspace(double start, double end, int64_t steps, int8_t dtype) {
  LFT_RETURN_TENSOR(at::linspace(start, end, steps, of(dtype)))
}

LFT_API LFT_Tensor LFT_eye(int64_t n, int64_t m, int8_t dtype) {
  LFT_RETURN_TENSOR(at::eye(n, m, of(dtype)))
}

LFT_API LFT_Tensor LFT_zeros_like(LFT_Tensor t) { LFT_RETURN_TENSOR(at::zeros_like(*t)) }
LFT_API LFT_Tensor LFT_ones_like(LFT_Tensor t) { LFT_RETURN_TENSOR(at::ones_like(*t)) }
LFT_API LFT_Tensor LFT_full_like(LFT_Tensor t, double value) {
  LFT_RETURN_TENSOR(at::full_like(*t, value))
}
