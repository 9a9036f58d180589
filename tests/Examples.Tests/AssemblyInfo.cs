// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// libtorch's grad mode and the dispose scopes are per thread, and the leak tests read a process-wide
// live-tensor count: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
