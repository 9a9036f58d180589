// The per-thread error slot. Messages live in thread_local std::strings, so nothing is allocated that
// outlives its thread and no caller ever has to free anything.
#include "lft.h"

#include <new>
#include <string>

namespace {
thread_local lft::ErrorKind error_kind = lft::ErrorKind::None;
thread_local std::string error_message;
thread_local std::string returned_string;
}  // namespace

namespace lft {

void set_error(ErrorKind kind, const char* message) noexcept {
  error_kind = kind;
  try {
    error_message = message;
  } catch (...) {
    error_message.clear();  // Out of memory while copying the message: keep the kind.
  }
}

void store_current_exception() noexcept {
  try {
    throw;
  } catch (const c10::IndexError& e) {
    set_error(ErrorKind::Index, e.what_without_backtrace());
  } catch (const c10::ValueError& e) {
    set_error(ErrorKind::Value, e.what_without_backtrace());
  } catch (const c10::TypeError& e) {
    set_error(ErrorKind::Type, e.what_without_backtrace());
  } catch (const c10::NotImplementedError& e) {
    set_error(ErrorKind::NotImplemented, e.what_without_backtrace());
  } catch (const c10::Error& e) {
    set_error(ErrorKind::Torch, e.what_without_backtrace());
  } catch (const std::bad_alloc& e) {
    set_error(ErrorKind::OutOfMemory, e.what());
  } catch (const std::exception& e) {
    set_error(ErrorKind::Std, e.what());
  } catch (...) {
    set_error(ErrorKind::Unknown, "an unknown native exception");
  }
}

const char* thread_string(std::string value) {
  returned_string = std::move(value);
  return returned_string.c_str();
}

}  // namespace lft

LFT_API int32_t LFT_last_error_kind() { return static_cast<int32_t>(error_kind); }

// Valid until the next LFT_ call on this thread; the managed side copies it at once.
LFT_API const char* LFT_last_error_message() { return error_message.c_str(); }

LFT_API void LFT_clear_error() {
  error_kind = lft::ErrorKind::None;
  error_message.clear();
}

// Raises a C++ exception of the given kind inside the boundary, so tests can prove that every kind
// comes back as a managed exception and that the process keeps working.
LFT_API int32_t LFT_test_throw(int32_t kind) {
  LFT_TRY
  switch (kind) {
    case 1: TORCH_CHECK(false, "test: c10::Error");
    case 2: TORCH_CHECK_INDEX(false, "test: c10::IndexError");
    case 3: TORCH_CHECK_VALUE(false, "test: c10::ValueError");
    case 4: TORCH_CHECK_TYPE(false, "test: c10::TypeError");
    case 5: TORCH_CHECK_NOT_IMPLEMENTED(false, "test: c10::NotImplementedError");
    case 6: throw std::bad_alloc();
    case 7: throw std::runtime_error("test: std::runtime_error");
    default: throw 42;
  }
  LFT_CATCH(-1)
}
