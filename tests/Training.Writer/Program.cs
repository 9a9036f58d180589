// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using LayersFramework.Training;
using static TorchSharp.torch;

// Started by the crash tests (Training.Tests, AtomicFileCrashTests):
//   save <file> <value>            writes <file>, a safetensors file of one tensor filled with <value>
//   save-and-hang <file> <value>   the same, but stops once the new file is on disk, before it replaces <file>:
//                                  prints "paused before commit: <temporary file>" and waits to be killed
switch (args)
{
    case ["save", var file, var value]:
        Save(file, value);
        return 0;
    case ["save-and-hang", var file, var value]:
        AtomicFile.BeforeCommit = temporary =>
        {
            Console.WriteLine($"paused before commit: {temporary}");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        };
        Save(file, value);
        return 0;
    default:
        Console.Error.WriteLine("usage: LayersFramework.Training.Writer save|save-and-hang <file> <value>");
        return 2;
}

// A megabyte of data, so the write is more than one block.
static void Save(string file, string value)
{
    using var tensor = full(256 * 1024, float.Parse(value, CultureInfo.InvariantCulture));
    TensorFile.Save(file, new Dictionary<string, Tensor> { ["values"] = tensor });
}
