// Views and layout: reshaping, reordering, slicing, joining and padding.
#include "lft.h"

LFT_API LFT_Tensor LFT_Tensor_reshape(LFT_Tensor t, const int64_t* shape, int32_t ndim) {
  LFT_RETURN_TENSOR(t->reshape(lft::ints(shape, ndim)))
}

LFT_API LFT_Tensor LFT_Tensor_view(LFT_Tensor t, const int64_t* shape, int32_t ndim) {
  LFT_RETURN_TENSOR(t->view(lft::ints(shape, ndim)))
}

LFT_API LFT_Tensor LFT_Tensor_permute(LFT_Tensor t, const int64_t* dims, int32_t ndim) {
  LFT_RETURN_TENSOR(t->permute(lft::ints(dims, ndim)))
}

LFT_API LFT_Tensor LFT_Tensor_transpose(LFT_Tensor t, int64_t dim0, int64_t dim1) {
  LFT_RETURN_TENSOR(t->transpose(dim0, dim1))
}

LFT_API LFT_Tensor LFT_Tensor_narrow(LFT_Tensor t, int64_t dim, int64_t start, int64_t length) {
  LFT_RETURN_TENSOR(t->narrow(dim, start, length))
}

LFT_API LFT_Tensor LFT_Tensor_slice(LFT_Tensor t, int64_t dim, int64_t start, int64_t end,
                                    int64_t step) {
  LFT_RETURN_TENSOR(t->slice(dim, start, end, step))
}

LFT_API LFT_Tensor LFT_Tensor_select(LFT_Tensor t, int64_t dim, int64_t index) {
  LFT_RETURN_TENSOR(t->select(dim, index))
}

LFT_API LFT_Tensor LFT_Tensor_index_select(LFT_Tensor t, int64_t dim, LFT_Tensor index) {
  LFT_RETURN_TENSOR(t->index_select(dim, *index))
}

LFT_API LFT_Tensor LFT_cat(const LFT_Tensor* tensors, int32_t count, int64_t dim) {
  LFT_RETURN_TENSOR(at::cat(lft::tensors(tensors, count), dim))
}

LFT_API LFT_Tensor LFT_stack(const LFT_Tensor* tensors, int32_t count, int64_t dim) {
  LFT_RETURN_TENSOR(at::stack(lft::tensors(tensors, count), dim))
}

LFT_API LFT_Tensor LFT_Tensor_squeeze(LFT_Tensor t) { LFT_RETURN_TENSOR(t->squeeze()) }

LFT_API LFT_Tensor LFT_Tensor_squeeze_dim(LFT_Tensor t, int64_t dim) {
  LFT_RETURN_TENSOR(t->squeeze(dim))
}

LFT_API LFT_Tensor LFT_Tensor_unsqueeze(LFT_Tensor t, int64_t dim) {
  LFT_RETURN_TENSOR(t->unsqueeze(dim))
}

LFT_API LFT_Tensor LFT_Tensor_expand(LFT_Tensor t, const int64_t* shape, int32_t ndim) {
  LFT_RETURN_TENSOR(t->expand(lft::ints(shape, ndim)))
}

LFT_API LFT_Tensor LFT_Tensor_repeat(LFT_Tensor t, const int64_t* repeats, int32_t ndim) {
  LFT_RETURN_TENSOR(t->repeat(lft::ints(repeats, ndim)))
}

LFT_API LFT_Tensor LFT_Tensor_flatten(LFT_Tensor t, int64_t start_dim, int64_t end_dim) {
  LFT_RETURN_TENSOR(t->flatten(start_dim, end_dim))
}

LFT_API LFT_Tensor LFT_Tensor_flip(LFT_Tensor t, const int64_t* dims, int32_t ndim) {
  LFT_RETURN_TENSOR(t->flip(lft::ints(dims, ndim)))
}

LFT_API LFT_Tensor LFT_Tensor_diagonal(LFT_Tensor t, int64_t offset, int64_t dim1, int64_t dim2) {
  LFT_RETURN_TENSOR(t->diagonal(offset, dim1, dim2))
}

// mode: "constant", "reflect", "replicate" or "circular"; pads as torch.nn.functional.pad takes them
// (last dimension first, before then after).
LFT_API LFT_Tensor LFT_Tensor_pad(LFT_Tensor t, const int64_t* pads, int32_t count, const char* mode,
                                  double value) {
  LFT_RETURN_TENSOR(at::pad(*t, lft::ints(pads, count), mode,
                            std::string(mode) == "constant" ? c10::optional<double>(value)
                                                            : c10::nullopt))
}
