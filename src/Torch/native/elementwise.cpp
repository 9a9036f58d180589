// Element-wise arithmetic, comparisons and unary functions, in tensor-tensor and tensor-scalar forms.
#include "lft.h"

#define LFT_BINARY(name, expr)                                   \
  LFT_API LFT_Tensor LFT_Tensor_##name(LFT_Tensor a, LFT_Tensor b) { \
    LFT_RETURN_TENSOR(expr)                                      \
  }
#define LFT_BINARY_SCALAR(name, expr)                                \
  LFT_API LFT_Tensor LFT_Tensor_##name##_scalar(LFT_Tensor a, double s) { \
    LFT_RETURN_TENSOR(expr)                                          \
  }
#define LFT_UNARY(name, expr) \
  LFT_API LFT_Tensor LFT_Tensor_##name(LFT_Tensor a) { LFT_RETURN_TENSOR(expr) }

LFT_API LFT_Tensor LFT_Tensor_add(LFT_Tensor a, LFT_Tensor b, double alpha) {
  LFT_RETURN_TENSOR(at::add(*a, *b, alpha))
}
LFT_API LFT_Tensor LFT_Tensor_add_scalar(LFT_Tensor a, double s) { LFT_RETURN_TENSOR(at::add(*a, s)) }
LFT_API LFT_Tensor LFT_Tensor_sub(LFT_Tensor a, LFT_Tensor b, double alpha) {
  LFT_RETURN_TENSOR(at::sub(*a, *b, alpha))
}
LFT_BINARY_SCALAR(sub, at::sub(*a, s))
LFT_BINARY_SCALAR(rsub, at::rsub(*a, s))
LFT_BINARY(mul, at::mul(*a, *b))
LFT_BINARY_SCALAR(mul, at::mul(*a, s))
LFT_BINARY(div, at::div(*a, *b))
LFT_BINARY_SCALAR(div, at::div(*a, s))
LFT_BINARY(pow, at::pow(*a, *b))
LFT_BINARY_SCALAR(pow, at::pow(*a, s))
LFT_BINARY(maximum, at::maximum(*a, *b))
LFT_BINARY(minimum, at::minimum(*a, *b))

LFT_BINARY(eq, at::eq(*a, *b))
LFT_BINARY_SCALAR(eq, at::eq(*a, s))
LFT_BINARY(ne, at::ne(*a, *b))
LFT_BINARY_SCALAR(ne, at::ne(*a, s))
LFT_BINARY(lt, at::lt(*a, *b))
LFT_BINARY_SCALAR(lt, at::lt(*a, s))
LFT_BINARY(le, at::le(*a, *b))
LFT_BINARY_SCALAR(le, at::le(*a, s))
LFT_BINARY(gt, at::gt(*a, *b))
LFT_BINARY_SCALAR(gt, at::gt(*a, s))
LFT_BINARY(ge, at::ge(*a, *b))
LFT_BINARY_SCALAR(ge, at::ge(*a, s))
LFT_BINARY(logical_and, at::logical_and(*a, *b))
LFT_BINARY(logical_or, at::logical_or(*a, *b))

LFT_UNARY(neg, at::neg(*a))
LFT_UNARY(abs, at::abs(*a))
LFT_UNARY(sign, at::sign(*a))
LFT_UNARY(sqrt, at::sqrt(*a))
LFT_UNARY(rsqrt, at::rsqrt(*a))
LFT_UNARY(square, at::square(*a))
LFT_UNARY(reciprocal, at::reciprocal(*a))
LFT_UNARY(exp, at::exp(*a))
LFT_UNARY(expm1, at::expm1(*a))
LFT_UNARY(log, at::log(*a))
LFT_UNARY(log1p, at::log1p(*a))
LFT_UNARY(erf, at::erf(*a))
LFT_UNARY(erfinv, at::erfinv(*a))
LFT_UNARY(floor, at::floor(*a))
LFT_UNARY(ceil, at::ceil(*a))
LFT_UNARY(round, at::round(*a))
LFT_UNARY(sin, at::sin(*a))
LFT_UNARY(cos, at::cos(*a))
LFT_UNARY(logical_not, at::logical_not(*a))
LFT_UNARY(isnan, at::isnan(*a))
LFT_UNARY(isfinite, at::isfinite(*a))

// Bounds are optional: has_min / has_max say whether min / max apply.
LFT_API LFT_Tensor LFT_Tensor_clamp(LFT_Tensor a, int8_t has_min, double min, int8_t has_max,
                                    double max) {
  LFT_RETURN_TENSOR(at::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                              has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}

LFT_API LFT_Tensor LFT_Tensor_clamp_tensor(LFT_Tensor a, LFT_Tensor min, LFT_Tensor max) {
  LFT_RETURN_TENSOR(at::clamp(*a, lft::optional(min), lft::optional(max)))
}

LFT_API LFT_Tensor LFT_where(LFT_Tensor condition, LFT_Tensor a, LFT_Tensor b) {
  LFT_RETURN_TENSOR(at::where(*condition, *a, *b))
}

LFT_API LFT_Tensor LFT_where_scalar(LFT_Tensor condition, LFT_Tensor a, double b) {
  LFT_RETURN_TENSOR(at::where(*condition, *a, at::Scalar(b)))
}

LFT_API int32_t LFT_Tensor_allclose(LFT_Tensor a, LFT_Tensor b, double rtol, double atol,
                                    int8_t equal_nan) {
  LFT_TRY return at::allclose(*a, *b, rtol, atol, equal_nan != 0) ? 1 : 0; LFT_CATCH(-1)
}

LFT_API int32_t LFT_Tensor_equal(LFT_Tensor a, LFT_Tensor b) {
  LFT_TRY return at::equal(*a, *b) ? 1 : 0; LFT_CATCH(-1)
}
