// Loss building blocks. reduction: 0 none, 1 mean, 2 sum (at::Reduction).
#include "lft.h"

LFT_API LFT_Tensor LFT_binary_cross_entropy(LFT_Tensor input, LFT_Tensor target, LFT_Tensor weight,
                                            int64_t reduction) {
  LFT_RETURN_TENSOR(at::binary_cross_entropy(*input, *target, lft::optional(weight), reduction))
}

LFT_API LFT_Tensor LFT_binary_cross_entropy_with_logits(LFT_Tensor input, LFT_Tensor target,
                                                        LFT_Tensor weight, LFT_Tensor pos_weight,
                                                        int64_t reduction) {
  LFT_RETURN_TENSOR(at::binary_cross_entropy_with_logits(
      *input, *target, lft::optional(weight), lft::optional(pos_weight), reduction))
}

LFT_API LFT_Tensor LFT_mse_loss(LFT_Tensor input, LFT_Tensor target, int64_t reduction) {
  LFT_RETURN_TENSOR(at::mse_loss(*input, *target, reduction))
}

LFT_API LFT_Tensor LFT_l1_loss(LFT_Tensor input, LFT_Tensor target, int64_t reduction) {
  LFT_RETURN_TENSOR(at::l1_loss(*input, *target, reduction))
}

LFT_API LFT_Tensor LFT_huber_loss(LFT_Tensor input, LFT_Tensor target, int64_t reduction,
                                  double delta) {
  LFT_RETURN_TENSOR(at::huber_loss(*input, *target, reduction, delta))
}

// target: class indices (int64) or class probabilities (same dtype as input).
LFT_API LFT_Tensor LFT_cross_entropy_loss(LFT_Tensor input, LFT_Tensor target, LFT_Tensor weight,
                                          int64_t reduction, int64_t ignore_index,
                                          double label_smoothing) {
  LFT_RETURN_TENSOR(at::cross_entropy_loss(*input, *target, lft::optional(weight), reduction,
                                           ignore_index, label_smoothing))
}

LFT_API LFT_Tensor LFT_nll_loss(LFT_Tensor input, LFT_Tensor target, LFT_Tensor weight,
                                int64_t reduction, int64_t ignore_index) {
  // nll_loss_nd, as torch.nn.functional.nll_loss: it takes (N, C, d1, ...) as well as (N, C).
  LFT_RETURN_TENSOR(
      at::nll_loss_nd(*input, *target, lft::optional(weight), reduction, ignore_index))
}
