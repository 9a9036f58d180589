// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

// The mpirun jobs use both cores, and the leak tests read this thread's live-tensor count: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
