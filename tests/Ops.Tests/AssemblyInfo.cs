// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// The tuning switch and its remembered choices are process-wide, and the leak tests compare live-tensor counts before
// and after a call: the tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
