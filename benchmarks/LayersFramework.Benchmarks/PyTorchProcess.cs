// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace LayersFramework.Benchmarks;

/// <summary>
/// Debian's python3-torch running <c>pytorch_convtranspose.py</c> as a child process: one JSON request per timed
/// block, so that the C# and PyTorch sides can alternate on the same machine in the same run.
/// </summary>
internal sealed class PyTorchProcess : IDisposable
{
    private readonly Process process;

    private PyTorchProcess(Process process) => this.process = process;

    /// <summary>Starts the child, or explains why it cannot.</summary>
    /// <returns>The process.</returns>
    /// <exception cref="InvalidOperationException">python3 or its torch module is missing; the message says what to install.</exception>
    public static PyTorchProcess Start()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_convtranspose.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OMP_NUM_THREADS"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        return new PyTorchProcess(process);
    }

    /// <summary>Times PyTorch on a shape.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="backward">Whether to time forward and backward.</param>
    /// <param name="reps">The timed repetitions.</param>
    /// <param name="threads">The intra-op threads.</param>
    /// <returns>Each repetition's milliseconds and the peak memory in MiB.</returns>
    public (double[] Times, double PeakMiB) Time(ConvTransposeShape shape, bool backward, int reps, int threads)
    {
        var request = new JsonObject
        {
            ["rank"] = shape.Rank,
            ["batch"] = shape.Batch,
            ["in"] = shape.In,
            ["out"] = shape.Out,
            ["size"] = shape.Size,
            ["kernel"] = shape.Kernel,
            ["stride"] = shape.Stride,
            ["padding"] = shape.TorchPadding,
            ["output_padding"] = shape.TorchOutputPadding,
            ["channels_last"] = shape.ChannelsLast,
            ["backward"] = backward,
            ["reps"] = reps,
            ["threads"] = threads,
        };
        process.StandardInput.WriteLine(request.ToJsonString());
        process.StandardInput.Flush();
        var line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException(
                $"PyTorch's side stopped: {process.StandardError.ReadToEnd().Trim()} (it needs Debian's python3-torch: sudo apt-get install python3-torch).");
        var answer = JsonNode.Parse(line)!;
        return (answer["times_ms"]!.AsArray().Select(t => t!.GetValue<double>()).ToArray(), answer["peak_mb"]!.GetValue<double>());
    }

    /// <summary>Ends the child.</summary>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.Close();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
