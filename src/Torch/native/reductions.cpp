// Reductions over all elements or along axes (with keepdim), and norms.
#include "lft.h"

LFT_API LFT_Tensor LFT_Tensor_sum(LFT_Tensor t) { LFT_RETURN_TENSOR(t->sum()) }

LFT_API LFT_Tensor LFT_Tensor_sum_dims(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                       int8_t keepdim) {
  LFT_RETURN_TENSOR(t->sum(lft::ints(dims, ndims), keepdim != 0))
}

LFT_API LFT_Tensor LFT_Tensor_mean(LFT_Tensor t) { LFT_RETURN_TENSOR(t->mean()) }

LFT_API LFT_Tensor LFT_Tensor_mean_dims(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                        int8_t keepdim) {
  LFT_RETURN_TENSOR(t->mean(lft::ints(dims, ndims), keepdim != 0))
}

LFT_API LFT_Tensor LFT_Tensor_max(LFT_Tensor t) { LFT_RETURN_TENSOR(t->max()) }
LFT_API LFT_Tensor LFT_Tensor_min(LFT_Tensor t) { LFT_RETURN_TENSOR(t->min()) }

LFT_API LFT_Tensor LFT_Tensor_amax(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                   int8_t keepdim) {
  LFT_RETURN_TENSOR(t->amax(lft::ints(dims, ndims), keepdim != 0))
}

LFT_API LFT_Tensor LFT_Tensor_amin(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                   int8_t keepdim) {
  LFT_RETURN_TENSOR(t->amin(lft::ints(dims, ndims), keepdim != 0))
}

// Values and indices of the maximum along one dimension.
LFT_API int32_t LFT_Tensor_max_dim(LFT_Tensor t, int64_t dim, int8_t keepdim, LFT_Tensor* values,
                                   LFT_Tensor* indices) {
  LFT_TRY
  auto result = t->max(dim, keepdim != 0);
  *values = lft::wrap(std::move(std::get<0>(result)));
  *indices = lft::wrap(std::move(std::get<1>(result)));
  return 0;
  LFT_CATCH(-1)
}

LFT_API int32_t LFT_Tensor_min_dim(LFT_Tensor t, int64_t dim, int8_t keepdim, LFT_Tensor* values,
                                   LFT_Tensor* indices) {
  LFT_TRY
  auto result = t->min(dim, keepdim != 0);
  *values = lft::wrap(std::move(std::get<0>(result)));
  *indices = lft::wrap(std::move(std::get<1>(result)));
  return 0;
  LFT_CATCH(-1)
}

// has_dim == 0 reduces over all elements (keepdim then ignored, as in libtorch).
LFT_API LFT_Tensor LFT_Tensor_argmax(LFT_Tensor t, int8_t has_dim, int64_t dim, int8_t keepdim) {
  LFT_RETURN_TENSOR(t->argmax(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}

LFT_API LFT_Tensor LFT_Tensor_argmin(LFT_Tensor t, int8_t has_dim, int64_t dim, int8_t keepdim) {
  LFT_RETURN_TENSOR(t->argmin(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}

// ndims < 0 reduces over all dimensions.
LFT_API LFT_Tensor LFT_Tensor_var(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                  int64_t correction, int8_t keepdim) {
  LFT_RETURN_TENSOR(at::var(*t,
                            ndims < 0 ? at::OptionalIntArrayRef() : lft::ints(dims, ndims),
                            c10::optional<int64_t>(correction), keepdim != 0))
}

LFT_API LFT_Tensor LFT_Tensor_std(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                  int64_t correction, int8_t keepdim) {
  LFT_RETURN_TENSOR(at::std(*t,
                            ndims < 0 ? at::OptionalIntArrayRef() : lft::ints(dims, ndims),
                            c10::optional<int64_t>(correction), keepdim != 0))
}

LFT_API LFT_Tensor LFT_Tensor_logsumexp(LFT_Tensor t, const int64_t* dims, int32_t ndims,
                                        int8_t keepdim) {
  LFT_RETURN_TENSOR(at::logsumexp(*t, lft::ints(dims, ndims), keepdim != 0))
}

// The vector p-norm (p may be +/-infinity); ndims < 0 reduces over all elements.
LFT_API LFT_Tensor LFT_linalg_vector_norm(LFT_Tensor t, double ord, const int64_t* dims,
                                          int32_t ndims, int8_t keepdim) {
  LFT_RETURN_TENSOR(at::linalg_vector_norm(
      *t, ord, ndims < 0 ? at::OptionalIntArrayRef() : lft::ints(dims, ndims), keepdim != 0))
}

// The matrix norm over dims (d0, d1) with a numeric order (+/-1, +/-2, +/-infinity).
LFT_API LFT_Tensor LFT_linalg_matrix_norm(LFT_Tensor t, double ord, int64_t dim0, int64_t dim1,
                                          int8_t keepdim) {
  LFT_RETURN_TENSOR(at::linalg_matrix_norm(*t, ord, {dim0, dim1}, keepdim != 0))
}

// The matrix norm with a named order: "fro" or "nuc".
LFT_API LFT_Tensor LFT_linalg_matrix_norm_named(LFT_Tensor t, const char* ord, int64_t dim0,
                                                int64_t dim1, int8_t keepdim) {
  LFT_RETURN_TENSOR(at::linalg_matrix_norm(*t, c10::string_view(ord), {dim0, dim1}, keepdim != 0))
}
