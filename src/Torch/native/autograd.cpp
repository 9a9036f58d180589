// Autograd: requires-grad, backward, gradients, detach, grad mode, and torch.autograd.grad.
#include "lft.h"

#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/grad_mode.h>

LFT_API int32_t LFT_Tensor_requires_grad(LFT_Tensor t) {
  LFT_TRY return t->requires_grad() ? 1 : 0; LFT_CATCH(-1)
}

LFT_API int32_t LFT_Tensor_set_requires_grad(LFT_Tensor t, int8_t requires_grad) {
  LFT_RETURN_STATUS(t->set_requires_grad(requires_grad != 0))
}

LFT_API int32_t LFT_Tensor_is_leaf(LFT_Tensor t) { LFT_TRY return t->is_leaf() ? 1 : 0; LFT_CATCH(-1) }

LFT_API int32_t LFT_Tensor_retain_grad(LFT_Tensor t) { LFT_RETURN_STATUS(t->retain_grad()) }

// gradient may be null (only for a one-element output). retain_graph < 0 means "same as create_graph".
LFT_API int32_t LFT_Tensor_backward(LFT_Tensor t, LFT_Tensor gradient, int8_t retain_graph,
                                    int8_t create_graph) {
  LFT_RETURN_STATUS(t->backward(
      lft::opt(gradient),
      retain_graph < 0 ? c10::optional<bool>() : c10::optional<bool>(retain_graph != 0),
      create_graph != 0))
}

// *out is null when the tensor has no gradient.
LFT_API int32_t LFT_Tensor_grad(LFT_Tensor t, LFT_Tensor* out) {
  LFT_TRY
  const auto& grad = t->grad();
  *out = grad.defined() ? new at::Tensor(grad) : nullptr;
  return 0;
  LFT_CATCH(-1)
}

// Sets the gradient; a null gradient clears it.
LFT_API int32_t LFT_Tensor_set_grad(LFT_Tensor t, LFT_Tensor gradient) {
  LFT_RETURN_STATUS(t->mutable_grad() = lft::opt(gradient))
}

LFT_API LFT_Tensor LFT_Tensor_detach(LFT_Tensor t) { LFT_RETURN_TENSOR(t->detach()) }

LFT_API const char* LFT_Tensor_grad_fn_name(LFT_Tensor t) {
  LFT_TRY
  const auto& fn = t->grad_fn();
  return lft::thread_string(fn ? fn->name() : std::string());
  LFT_CATCH(nullptr)
}

LFT_API int32_t LFT_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

LFT_API void LFT_set_grad_enabled(int8_t enabled) { at::GradMode::set_enabled(enabled != 0); }

// The gradients of `outputs` with respect to `inputs`, written to results[0..input_count). grad_outputs
// may be null, or hold null entries for one-element outputs. Unused inputs get null results when
// allow_unused is set. retain_graph < 0 means "same as create_graph".
LFT_API int32_t LFT_autograd_grad(const LFT_Tensor* outputs, int32_t output_count,
                                  const LFT_Tensor* inputs, int32_t input_count,
                                  const LFT_Tensor* grad_outputs, int8_t retain_graph,
                                  int8_t create_graph, int8_t allow_unused, LFT_Tensor* results) {
  LFT_TRY
  std::vector<at::Tensor> grads;
  if (grad_outputs != nullptr) {
    for (int32_t i = 0; i < output_count; ++i) grads.push_back(lft::opt(grad_outputs[i]));
  }
  auto gradients = torch::autograd::grad(
      lft::tensors(outputs, output_count), lft::tensors(inputs, input_count), grads,
      retain_graph < 0 ? c10::optional<bool>() : c10::optional<bool>(retain_graph != 0),
      create_graph != 0, allow_unused != 0);
  for (int32_t i = 0; i < input_count; ++i) {
    results[i] = gradients[i].defined() ? new at::Tensor(std::move(gradients[i])) : nullptr;
  }
  return 0;
  LFT_CATCH(-1)
}
