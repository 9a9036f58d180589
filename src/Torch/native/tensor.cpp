// A tensor handle's life and metadata, dtype and layout conversions, and copies to and from managed buffers.
#include "lft.h"

#include <cstring>
#include <sstream>

LFT_API void LFT_Tensor_free(LFT_Tensor t) { delete t; }

// A second handle to the same tensor (same storage, same autograd identity).
LFT_API LFT_Tensor LFT_Tensor_alias(LFT_Tensor t) { LFT_RETURN_TENSOR(at::Tensor(*t)) }

LFT_API int64_t LFT_Tensor_ndim(LFT_Tensor t) { LFT_TRY return t->dim(); LFT_CATCH(-1) }

// Writes up to `capacity` sizes and returns the number of dimensions.
LFT_API int64_t LFT_Tensor_sizes(LFT_Tensor t, int64_t* out, int32_t capacity) {
  LFT_TRY
  auto sizes = t->sizes();
  for (size_t i = 0; i < sizes.size() && i < static_cast<size_t>(capacity); ++i) out[i] = sizes[i];
  return static_cast<int64_t>(sizes.size());
  LFT_CATCH(-1)
}

LFT_API int64_t LFT_Tensor_strides(LFT_Tensor t, int64_t* out, int32_t capacity) {
  LFT_TRY
  auto strides = t->strides();
  for (size_t i = 0; i < strides.size() && i < static_cast<size_t>(capacity); ++i) out[i] = strides[i];
  return static_cast<int64_t>(strides.size());
  LFT_CATCH(-1)
}

LFT_API int64_t LFT_Tensor_numel(LFT_Tensor t) { LFT_TRY return t->numel(); LFT_CATCH(-1) }

LFT_API int8_t LFT_Tensor_dtype(LFT_Tensor t) {
  LFT_TRY return static_cast<int8_t>(t->scalar_type()); LFT_CATCH(-1)
}

LFT_API int32_t LFT_Tensor_is_contiguous(LFT_Tensor t, int8_t memory_format) {
  LFT_TRY return t->is_contiguous(lft::memory_format(memory_format)) ? 1 : 0; LFT_CATCH(-1)
}

LFT_API int32_t LFT_Tensor_item(LFT_Tensor t, double* out) {
  LFT_RETURN_STATUS(*out = t->item<double>())
}

LFT_API LFT_Tensor LFT_Tensor_to_dtype(LFT_Tensor t, int8_t dtype) {
  LFT_RETURN_TENSOR(t->to(lft::dtype(dtype)))
}

LFT_API LFT_Tensor LFT_Tensor_contiguous(LFT_Tensor t, int8_t memory_format) {
  LFT_RETURN_TENSOR(t->contiguous(lft::memory_format(memory_format)))
}

LFT_API LFT_Tensor LFT_Tensor_clone(LFT_Tensor t, int8_t memory_format) {
  LFT_RETURN_TENSOR(t->clone(lft::memory_format(memory_format)))
}

// A new tensor of the given dtype and shape holding a copy of `numel` elements of row-major data.
LFT_API LFT_Tensor LFT_Tensor_from_buffer(const void* data, int8_t dtype, const int64_t* shape,
                                          int32_t ndim) {
  LFT_TRY
  auto result = at::empty(lft::ints(shape, ndim), at::TensorOptions().dtype(lft::dtype(dtype)));
  std::memcpy(result.data_ptr(), data, result.numel() * result.element_size());
  return lft::wrap(std::move(result));
  LFT_CATCH(nullptr)
}

// Copies the tensor's elements, converted to `dtype`, in row-major order of its logical shape
// (whatever its strides) into `buffer`, which holds `numel` elements.
LFT_API int32_t LFT_Tensor_copy_to_buffer(LFT_Tensor t, int8_t dtype, void* buffer, int64_t numel) {
  LFT_TRY
  TORCH_CHECK(t->numel() == numel, "copy_to_buffer: the tensor has ", t->numel(),
              " elements but the buffer holds ", numel);
  auto source = t->detach().to(lft::dtype(dtype)).contiguous();
  std::memcpy(buffer, source.data_ptr(), source.numel() * source.element_size());
  return 0;
  LFT_CATCH(-1)
}

// Writes libtorch's own printout of the tensor into a per-thread string.
LFT_API const char* LFT_Tensor_to_string(LFT_Tensor t) {
  LFT_TRY
  std::ostringstream out;
  out << *t;
  return lft::thread_string(out.str());
  LFT_CATCH(nullptr)
}
