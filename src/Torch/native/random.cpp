// Seeded generators and the random fills that take them. A null generator means libtorch's default one.
#include "lft.h"

#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

namespace {
c10::optional<at::Generator> gen(LFT_Generator g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}
}  // namespace

LFT_API LFT_Generator LFT_Generator_new(uint64_t seed) {
  LFT_TRY return new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed)); LFT_CATCH(nullptr)
}

LFT_API void LFT_Generator_free(LFT_Generator g) { delete g; }

LFT_API int32_t LFT_Generator_set_seed(LFT_Generator g, uint64_t seed) {
  LFT_RETURN_STATUS(std::lock_guard<std::mutex> lock(g->mutex()); g->set_current_seed(seed))
}

LFT_API uint64_t LFT_Generator_initial_seed(LFT_Generator g) { return g->current_seed(); }

LFT_API int32_t LFT_manual_seed(uint64_t seed) {
  LFT_RETURN_STATUS(auto g = at::detail::getDefaultCPUGenerator();
                    std::lock_guard<std::mutex> lock(g.mutex()); g.set_current_seed(seed))
}

LFT_API int32_t LFT_Tensor_uniform_(LFT_Tensor t, double low, double high, LFT_Generator g) {
  LFT_RETURN_STATUS(t->uniform_(low, high, gen(g)))
}

LFT_API int32_t LFT_Tensor_normal_(LFT_Tensor t, double mean, double std, LFT_Generator g) {
  LFT_RETURN_STATUS(t->normal_(mean, std, gen(g)))
}

LFT_API int32_t LFT_Tensor_bernoulli_(LFT_Tensor t, double p, LFT_Generator g) {
  LFT_RETURN_STATUS(t->bernoulli_(p, gen(g)))
}

LFT_API LFT_Tensor LFT_randperm(int64_t n, LFT_Generator g, int8_t dtype) {
  LFT_RETURN_TENSOR(at::randperm(n, gen(g), at::TensorOptions().dtype(lft::dtype(dtype))))
}

LFT_API LFT_Tensor LFT_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim,
                               LFT_Generator g, int8_t dtype) {
  LFT_RETURN_TENSOR(at::randint(low, high, lft::ints(shape, ndim), gen(g),
                                at::TensorOptions().dtype(lft::dtype(dtype))))
}
