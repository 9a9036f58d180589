// Matrix products and decompositions.
#include "lft.h"

LFT_API LFT_Tensor LFT_matmul(LFT_Tensor a, LFT_Tensor b) { LFT_RETURN_TENSOR(at::matmul(*a, *b)) }

LFT_API LFT_Tensor LFT_outer(LFT_Tensor a, LFT_Tensor b) { LFT_RETURN_TENSOR(at::outer(*a, *b)) }

// mode: "reduced", "complete" or "r".
LFT_API int32_t LFT_linalg_qr(LFT_Tensor a, const char* mode, LFT_Tensor* q, LFT_Tensor* r) {
  LFT_TRY
  auto result = at::linalg_qr(*a, mode);
  *q = lft::wrap(std::move(std::get<0>(result)));
  *r = lft::wrap(std::move(std::get<1>(result)));
  return 0;
  LFT_CATCH(-1)
}

LFT_API int32_t LFT_linalg_svd(LFT_Tensor a, int8_t full_matrices, LFT_Tensor* u, LFT_Tensor* s,
                               LFT_Tensor* vh) {
  LFT_TRY
  auto result = at::linalg_svd(*a, full_matrices != 0);
  *u = lft::wrap(std::move(std::get<0>(result)));
  *s = lft::wrap(std::move(std::get<1>(result)));
  *vh = lft::wrap(std::move(std::get<2>(result)));
  return 0;
  LFT_CATCH(-1)
}

LFT_API LFT_Tensor LFT_linalg_svdvals(LFT_Tensor a) { LFT_RETURN_TENSOR(at::linalg_svdvals(*a)) }
