// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using LayersFramework.NativeCompat;

// Usage: LayersFramework.NativeCompat <output folder> [system libstdc++ path]. See CompatCommand.
return CompatCommand.Run(args, Console.Out, Console.Error);
