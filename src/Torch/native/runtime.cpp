// The runtime: threads, the libtorch version this shim was built against and the one it loaded, and
// what libtorch says of its own configuration.
#include "lft.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <torch/csrc/api/include/torch/version.h>

LFT_API int32_t LFT_get_num_threads() { LFT_TRY return at::get_num_threads(); LFT_CATCH(-1) }

LFT_API int32_t LFT_set_num_threads(int32_t threads) {
  LFT_RETURN_STATUS(at::set_num_threads(threads))
}

// The libtorch version in the headers this shim was compiled against.
LFT_API const char* LFT_built_torch_version() { return TORCH_VERSION; }

// libtorch's own description of the library that was loaded (at::show_config), which includes
// "TORCH_VERSION=...".
LFT_API const char* LFT_show_config() {
  LFT_TRY return lft::thread_string(at::show_config()); LFT_CATCH(nullptr)
}

LFT_API const char* LFT_parallel_info() {
  LFT_TRY return lft::thread_string(at::get_parallel_info()); LFT_CATCH(nullptr)
}

LFT_API int32_t LFT_has_mkldnn() { LFT_TRY return at::hasMKLDNN() ? 1 : 0; LFT_CATCH(-1) }
LFT_API int32_t LFT_has_openmp() { LFT_TRY return at::hasOpenMP() ? 1 : 0; LFT_CATCH(-1) }
LFT_API int32_t LFT_has_lapack() { LFT_TRY return at::hasLAPACK() ? 1 : 0; LFT_CATCH(-1) }
