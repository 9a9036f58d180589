// The transposed convolution as the data-gradient of the matching convolution, with its own backward.
//
// libtorch 1.13's CPU conv_transpose runs one example at a time (a GEMM plus col2im each), while its forward
// convolution's backward dispatches float32 on CPU to oneDNN's backward-data primitive, which is a deconvolution
// over the whole batch. The backward needs the matching convolution (for the input's gradient) and its
// weight gradient, both of which libtorch also sends to oneDNN. Every step is a differentiable libtorch
// operation, so autograd can differentiate the backward again.
#include "lft.h"

#include <torch/csrc/autograd/custom_function.h>

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

std::vector<int64_t> vec(const c10::IValue& value) { return value.toIntVector(); }

struct AdjointConvTranspose : public torch::autograd::Function<AdjointConvTranspose> {
  // input (N, Cin, L...), weight (Cin, Cout/groups, k...) as conv_transpose takes them.
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, const at::Tensor& weight,
                            std::vector<int64_t> stride, std::vector<int64_t> padding,
                            std::vector<int64_t> output_padding, std::vector<int64_t> dilation,
                            int64_t groups) {
    const auto rank = input.dim() - 2;
    TORCH_CHECK(rank >= 1 && rank <= 3 && weight.dim() == input.dim(),
                "adjoint conv_transpose: input and weight must both be 3-D, 4-D or 5-D");
    std::vector<int64_t> output_size{input.size(0), weight.size(1) * groups};
    for (int64_t i = 0; i < rank; ++i) {
      output_size.push_back((input.size(i + 2) - 1) * stride[i] - 2 * padding[i] +
                            dilation[i] * (weight.size(i + 2) - 1) + 1 + output_padding[i]);
    }

    // Only the shape of the convolution's input is read when just its gradient is asked for; the
    // buffer is never written, so its pages are never touched.
    auto shape_only = at::empty(output_size, input.options().memory_format(input.suggest_memory_format()));
    std::vector<int64_t> no_output_padding(rank, 0);
    auto output = std::get<0>(at::convolution_backward(input, shape_only, weight, c10::nullopt, stride, padding,
                                                       dilation, false, no_output_padding, groups,
                                                       {true, false, false}));
    ctx->save_for_backward({input, weight});
    ctx->saved_data["stride"] = stride;
    ctx->saved_data["padding"] = padding;
    ctx->saved_data["dilation"] = dilation;
    ctx->saved_data["groups"] = groups;
    return output;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto& input = saved[0];
    const auto& weight = saved[1];
    const auto& grad = grads[0];
    const auto stride = vec(ctx->saved_data["stride"]);
    const auto padding = vec(ctx->saved_data["padding"]);
    const auto dilation = vec(ctx->saved_data["dilation"]);
    const auto groups = ctx->saved_data["groups"].toInt();
    std::vector<int64_t> no_output_padding(stride.size(), 0);

    at::Tensor grad_input, grad_weight;
    if (ctx->needs_input_grad(0)) {
      grad_input = at::convolution(grad, weight, c10::nullopt, stride, padding, dilation, false,
                                   no_output_padding, groups);
    }
    if (ctx->needs_input_grad(1)) {
      // The weight gradient of the convolution from grad (its input) to input (its output).
      grad_weight = std::get<1>(at::convolution_backward(input, grad, weight, c10::nullopt, stride, padding,
                                                         dilation, false, no_output_padding, groups,
                                                         {false, true, false}));
    }
    return {grad_input, grad_weight, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

}  // namespace

// conv_transpose{1,2,3}d without a bias, computed as the matching convolution's data-gradient.
LFT_API LFT_Tensor LFT_conv_transpose_adjoint(LFT_Tensor input, LFT_Tensor weight, const int64_t* stride,
                                              const int64_t* padding, const int64_t* output_padding,
                                              const int64_t* dilation, int32_t rank, int64_t groups) {
  LFT_RETURN_TENSOR(AdjointConvTranspose::apply(
      *input, *weight, std::vector<int64_t>(stride, stride + rank), std::vector<int64_t>(padding, padding + rank),
      std::vector<int64_t>(output_padding, output_padding + rank), std::vector<int64_t>(dilation, dilation + rank),
      groups))
}
