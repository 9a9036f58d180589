// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// libtorch's grad mode, TorchSharp's dispose scopes and its live-tensor count (LiveTensors) are per thread; the
// tests run one at a time, as in the rest of the suite, so that libtorch's intra-op threads serve one test at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
