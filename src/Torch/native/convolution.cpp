// libtorch's convolutions and transposed convolutions, with every argument libtorch takes. Weights are in
// libtorch's layouts: (out, in/groups, k...) for convolution, (in, out/groups, k...) for the transpose.
#include "lft.h"

#define LFT_CONV(rank)                                                                              \
  LFT_API LFT_Tensor LFT_conv##rank##d(LFT_Tensor input, LFT_Tensor weight, LFT_Tensor bias,        \
                                       const int64_t* stride, int32_t stride_len,                  \
                                       const int64_t* padding, int32_t padding_len,                \
                                       const int64_t* dilation, int32_t dilation_len,              \
                                       int64_t groups) {                                            \
    LFT_RETURN_TENSOR(at::conv##rank##d(*input, *weight, lft::opt(bias),                            \
                                        lft::ints(stride, stride_len),                             \
                                        lft::ints(padding, padding_len),                           \
                                        lft::ints(dilation, dilation_len), groups))                \
  }

#define LFT_CONV_TRANSPOSE(rank)                                                                     \
  LFT_API LFT_Tensor LFT_conv_transpose##rank##d(                                                   \
      LFT_Tensor input, LFT_Tensor weight, LFT_Tensor bias, const int64_t* stride,                  \
      int32_t stride_len, const int64_t* padding, int32_t padding_len,                              \
      const int64_t* output_padding, int32_t output_padding_len, int64_t groups,                    \
      const int64_t* dilation, int32_t dilation_len) {                                              \
    LFT_RETURN_TENSOR(at::conv_transpose##rank##d(                                                  \
        *input, *weight, lft::opt(bias), lft::ints(stride, stride_len),                             \
        lft::ints(padding, padding_len), lft::ints(output_padding, output_padding_len), groups,      \
        lft::ints(dilation, dilation_len)))                                                         \
  }

LFT_CONV(1)
LFT_CONV(2)
LFT_CONV(3)
LFT_CONV_TRANSPOSE(1)
LFT_CONV_TRANSPOSE(2)
LFT_CONV_TRANSPOSE(3)

// torch.nn.functional.fold: sums (N, C·kh·kw, L) sliding-block columns into (N, C, H, W); autograd's backward is
// im2col (unfold). Spatial 2-D only, as libtorch 1.13's col2im.
LFT_API LFT_Tensor LFT_col2im(LFT_Tensor input, const int64_t* output_size, const int64_t* kernel_size,
                              const int64_t* dilation, const int64_t* padding, const int64_t* stride) {
  LFT_RETURN_TENSOR(at::col2im(*input, lft::ints(output_size, 2), lft::ints(kernel_size, 2),
                               lft::ints(dilation, 2), lft::ints(padding, 2), lft::ints(stride, 2)))
}
