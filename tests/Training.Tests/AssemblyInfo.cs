// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// libtorch's thread count and default generator are process-wide, and the leak tests read this thread's live-tensor
// count: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
