// The shim's one header: handle types, the export macro and the error slot.
//
// Every exported function is `extern "C"`, takes only fixed-size types (int8_t/int32_t/int64_t/double,
// pointers to them, and opaque handles) and never lets a C++ exception cross the boundary: its body runs
// inside LFT_TRY ... LFT_CATCH, which stores the exception's message in a per-thread slot that the managed
// side reads with LFT_last_error_message(). Tensor-returning functions return nullptr on failure;
// status-returning functions return 0 on success and -1 on failure.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

typedef at::Tensor* LFT_Tensor;
typedef at::Generator* LFT_Generator;

#define LFT_API extern "C" __attribute__((visibility("default")))

namespace lft {

// The kinds of native failure, mirrored by LayersFramework.Torch.NativeErrorKind.
enum class ErrorKind : int32_t {
  None = 0,
  Torch = 1,           // c10::Error
  Index = 2,           // c10::IndexError
  Value = 3,           // c10::ValueError
  Type = 4,            // c10::TypeError
  NotImplemented = 5,  // c10::NotImplementedError
  OutOfMemory = 6,     // std::bad_alloc
  Std = 7,             // any other std::exception
  Unknown = 8,         // anything else
};

void set_error(ErrorKind kind, const char* message) noexcept;

// Converts the pending exception (called from inside a catch block) into the error slot.
void store_current_exception() noexcept;

// Keeps a string alive in a per-thread buffer until the next call that returns a string on this thread.
const char* thread_string(std::string value);

inline at::Tensor* wrap(at::Tensor&& t) { return new at::Tensor(std::move(t)); }

// An optional tensor argument: a null handle means "not given".
inline at::Tensor opt(LFT_Tensor t) { return t ? *t : at::Tensor(); }
inline c10::optional<at::Tensor> optional(LFT_Tensor t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}

inline at::IntArrayRef ints(const int64_t* values, int32_t length) {
  return at::IntArrayRef(values, static_cast<size_t>(length));
}

inline std::vector<at::Tensor> tensors(const LFT_Tensor* handles, int32_t length) {
  std::vector<at::Tensor> result;
  result.reserve(static_cast<size_t>(length));
  for (int32_t i = 0; i < length; ++i) result.push_back(*handles[i]);
  return result;
}

inline at::ScalarType dtype(int8_t code) { return static_cast<at::ScalarType>(code); }
inline c10::MemoryFormat memory_format(int8_t code) { return static_cast<c10::MemoryFormat>(code); }

}  // namespace lft

#define LFT_TRY try {
#define LFT_CATCH(failure)            \
  }                                   \
  catch (...) {                       \
    lft::store_current_exception();   \
  }                                   \
  return failure;

// A function body that returns a new tensor handle, or nullptr on failure.
#define LFT_RETURN_TENSOR(expr) \
  LFT_TRY return lft::wrap(expr); LFT_CATCH(nullptr)

// A function body made of statements, returning 0 on success and -1 on failure.
#define LFT_RETURN_STATUS(statements) \
  LFT_TRY statements; return 0; LFT_CATCH(-1)
