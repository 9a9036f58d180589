// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// libtorch's default generator is process-wide (the seed tests reseed it), and grad mode and the dispose scopes are
// per thread: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
