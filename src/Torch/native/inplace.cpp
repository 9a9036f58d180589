// In-place updates, as optimizers use them (under no-grad when the target requires grad).
#include "lft.h"

LFT_API int32_t LFT_Tensor_add_(LFT_Tensor t, LFT_Tensor other, double alpha) {
  LFT_RETURN_STATUS(t->add_(*other, alpha))
}
LFT_API int32_t LFT_Tensor_add_scalar_(LFT_Tensor t, double value) {
  LFT_RETURN_STATUS(t->add_(value))
}
LFT_API int32_t LFT_Tensor_mul_(LFT_Tensor t, LFT_Tensor other) { LFT_RETURN_STATUS(t->mul_(*other)) }
LFT_API int32_t LFT_Tensor_mul_scalar_(LFT_Tensor t, double value) {
  LFT_RETURN_STATUS(t->mul_(value))
}
LFT_API int32_t LFT_Tensor_div_(LFT_Tensor t, LFT_Tensor other) { LFT_RETURN_STATUS(t->div_(*other)) }
LFT_API int32_t LFT_Tensor_div_scalar_(LFT_Tensor t, double value) {
  LFT_RETURN_STATUS(t->div_(value))
}
LFT_API int32_t LFT_Tensor_addcmul_(LFT_Tensor t, LFT_Tensor a, LFT_Tensor b, double value) {
  LFT_RETURN_STATUS(t->addcmul_(*a, *b, value))
}
LFT_API int32_t LFT_Tensor_addcdiv_(LFT_Tensor t, LFT_Tensor a, LFT_Tensor b, double value) {
  LFT_RETURN_STATUS(t->addcdiv_(*a, *b, value))
}
LFT_API int32_t LFT_Tensor_lerp_(LFT_Tensor t, LFT_Tensor end, double weight) {
  LFT_RETURN_STATUS(t->lerp_(*end, weight))
}
LFT_API int32_t LFT_Tensor_maximum_(LFT_Tensor t, LFT_Tensor other) {
  LFT_RETURN_STATUS(at::maximum_out(*t, *t, *other))
}
LFT_API int32_t LFT_Tensor_sqrt_(LFT_Tensor t) { LFT_RETURN_STATUS(t->sqrt_()) }
LFT_API int32_t LFT_Tensor_copy_(LFT_Tensor t, LFT_Tensor source) {
  LFT_RETURN_STATUS(t->copy_(*source))
}
LFT_API int32_t LFT_Tensor_zero_(LFT_Tensor t) { LFT_RETURN_STATUS(t->zero_()) }
LFT_API int32_t LFT_Tensor_fill_(LFT_Tensor t, double value) { LFT_RETURN_STATUS(t->fill_(value)) }
LFT_API int32_t LFT_Tensor_clamp_(LFT_Tensor t, int8_t has_min, double min, int8_t has_max,
                                  double max) {
  LFT_RETURN_STATUS(t->clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                              has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}
