// Normalization, dropout and activations.
#include "lft.h"

LFT_API LFT_Tensor LFT_batch_norm(LFT_Tensor input, LFT_Tensor weight, LFT_Tensor bias,
                                  LFT_Tensor running_mean, LFT_Tensor running_var, int8_t training,
                                  double momentum, double eps) {
  LFT_RETURN_TENSOR(at::batch_norm(*input, lft::optional(weight), lft::optional(bias),
                                   lft::optional(running_mean), lft::optional(running_var),
                                   training != 0, momentum, eps, /*cudnn_enabled=*/false))
}

LFT_API LFT_Tensor LFT_dropout(LFT_Tensor input, double p, int8_t training) {
  LFT_RETURN_TENSOR(at::dropout(*input, p, training != 0))
}

#define LFT_ACTIVATION(name, expr) \
  LFT_API LFT_Tensor LFT_##name(LFT_Tensor x) { LFT_RETURN_TENSOR(expr) }

LFT_ACTIVATION(relu, at::relu(*x))
LFT_ACTIVATION(relu6, at::relu6(*x))
LFT_ACTIVATION(selu, at::selu(*x))
LFT_ACTIVATION(sigmoid, at::sigmoid(*x))
LFT_ACTIVATION(tanh, at::tanh(*x))
LFT_ACTIVATION(silu, at::silu(*x))
LFT_ACTIVATION(hardsigmoid, at::hardsigmoid(*x))
LFT_ACTIVATION(hardswish, at::hardswish(*x))
LFT_ACTIVATION(mish, at::mish(*x))

LFT_API LFT_Tensor LFT_leaky_relu(LFT_Tensor x, double negative_slope) {
  LFT_RETURN_TENSOR(at::leaky_relu(*x, negative_slope))
}

LFT_API LFT_Tensor LFT_elu(LFT_Tensor x, double alpha) { LFT_RETURN_TENSOR(at::elu(*x, alpha)) }

// approximate: "none" or "tanh".
LFT_API LFT_Tensor LFT_gelu(LFT_Tensor x, const char* approximate) {
  LFT_RETURN_TENSOR(at::gelu(*x, approximate))
}

LFT_API LFT_Tensor LFT_softplus(LFT_Tensor x, double beta, double threshold) {
  LFT_RETURN_TENSOR(at::softplus(*x, beta, threshold))
}

LFT_API LFT_Tensor LFT_softmax(LFT_Tensor x, int64_t dim) {
  LFT_RETURN_TENSOR(at::softmax(*x, dim))
}

LFT_API LFT_Tensor LFT_log_softmax(LFT_Tensor x, int64_t dim) {
  LFT_RETURN_TENSOR(at::log_softmax(*x, dim))
}
