// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace LayersFramework.Engine;

/// <summary>The libtorch runtime of this process: threads, the default random seed, and what was loaded.</summary>
public static class TorchRuntime
{
    // Whether libtorch has oneDNN is fixed for the process; callers may ask on every operation.
    private static readonly Lazy<bool> OneDnn = new(() => Ask().Answers.OneDnn == true);

    /// <summary>
    /// Gets or sets the number of intra-op threads libtorch uses. It starts at the processor count unless the
    /// <c>OMP_NUM_THREADS</c> environment variable chooses.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1 or more than <see cref="MaxIntraOpThreads"/>.</exception>
    public static int IntraOpThreads
    {
        get => torch.get_num_threads();
        set
        {
            // libtorch accepts any count and starts that many OpenMP threads: a million never returns.
            if (value < 1 || value > MaxIntraOpThreads)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, $"The intra-op thread count must be from 1 to {MaxIntraOpThreads} (16 per processor; this machine has {Environment.ProcessorCount}).");
            }

            torch.set_num_threads(value);
        }
    }

    /// <summary>
    /// Loads libtorch now, if it is not loaded yet. A program calls it first so that missing or unloadable native
    /// libraries give one clear exception, rather than a <see cref="TypeInitializationException"/> from its first tensor.
    /// </summary>
    /// <exception cref="DllNotFoundException">
    /// TorchSharp could not load its native libraries; the message says where they belong, and the inner exception
    /// holds TorchSharp's trace of where it looked (TorchSharp also prints that trace to standard output).
    /// </exception>
    public static void EnsureLoaded()
    {
        try
        {
            RuntimeHelpers.RunClassConstructor(typeof(torch).TypeHandle);
        }
        catch (TypeInitializationException e) when (e.InnerException is NotSupportedException or DllNotFoundException)
        {
            var folder = Path.GetDirectoryName(typeof(torch).Assembly.Location);
            throw new DllNotFoundException(
                $"libtorch could not be loaded: TorchSharp found neither libLibTorchSharp.so and libtorch_cpu.so in {folder}/runtimes/linux-x64/native "
                + "nor the libtorch-cpu package in the NuGet packages folder. Build the program with 'dotnet build' (which copies them there, and on "
                + "Debian 12 adapts them: see the README's engine section) and run it from its build folder.",
                e);
        }
    }

    /// <summary>Gets the most intra-op threads <see cref="IntraOpThreads"/> accepts: 16 per processor, past any use.</summary>
    public static int MaxIntraOpThreads => 16 * Environment.ProcessorCount;

    /// <summary>
    /// Gets a value indicating whether libtorch was built with oneDNN (MKL-DNN), which runs its float32 convolutions.
    /// False where libtorch cannot be asked (platforms other than Linux x64; see <see cref="Report"/>).
    /// </summary>
    public static bool OneDnnAvailable => OneDnn.Value;

    /// <summary>Seeds libtorch's default generator, which random operations use when no generator is given.</summary>
    /// <param name="seed">The seed.</param>
    public static void ManualSeed(ulong seed) => torch.manual_seed(unchecked((long)seed));

    /// <summary>
    /// Describes the runtime: libtorch's version and file, TorchSharp's version, threads, and the BLAS, oneDNN, OpenMP
    /// and LAPACK libtorch was built with. Never throws for what it cannot find out: that reads "unknown".
    /// </summary>
    /// <returns>The report; its <see cref="RuntimeReport.ToString"/> is a readable block of text.</returns>
    public static RuntimeReport Report()
    {
        var (path, answers) = Ask();
        var config = answers.Config ?? string.Empty;
        var missing = LibTorchIntrospection.IsSupported ? RuntimeReport.Unknown : RuntimeReport.NotReported;
        return new RuntimeReport(
            LibTorchVersion: torch.__version__,
            LoadedLibTorchVersion: BuildSetting(config, "TORCH_VERSION") ?? missing,
            LibTorchPath: path ?? RuntimeReport.Unknown,
            TorchSharpVersion: TorchSharpVersion(),
            IntraOpThreads: IntraOpThreads,
            Blas: BuildSetting(config, "BLAS_INFO") ?? missing,
            Lapack: BuildSetting(config, "LAPACK_INFO") ?? missing,
            MklAvailable: answers.Mkl,
            OneDnnAvailable: answers.OneDnn,
            OpenMpAvailable: answers.OpenMp,
            LapackAvailable: answers.Lapack,
            ParallelInfo: answers.ParallelInfo?.Trim() ?? string.Empty,
            BuildConfig: config.Trim(),
            NativeDetailsReported: LibTorchIntrospection.IsSupported);
    }

    /// <summary>Reads one <c>NAME=value</c> of show_config's "Build settings" line, or null.</summary>
    /// <param name="config">The text of <c>at::show_config()</c>.</param>
    /// <param name="name">The setting, such as <c>BLAS_INFO</c>.</param>
    /// <returns>The value, without the separating comma.</returns>
    internal static string? BuildSetting(string config, string name)
    {
        var match = Regex.Match(config, $@"(?<![A-Z_]){Regex.Escape(name)}=([^,\s]*)", RegexOptions.CultureInvariant);
        return match.Success && match.Groups[1].Length > 0 ? match.Groups[1].Value : null;
    }

    private static (string? Path, LibTorchIntrospection.Answers Answers) Ask()
    {
        torch.InitializeDeviceType(DeviceType.CPU); // loads libLibTorchSharp and so libtorch_cpu, if nothing has yet
        var path = LibTorchIntrospection.LoadedLibraries()
            .FirstOrDefault(p => Path.GetFileName(p).StartsWith("libtorch_cpu.", StringComparison.Ordinal));
        return (path, path is null ? new LibTorchIntrospection.Answers(null, null, null, null, null, null) : LibTorchIntrospection.Ask(path));
    }

    private static string TorchSharpVersion()
    {
        var assembly = typeof(torch).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? RuntimeReport.Unknown;
        return version.Split('+')[0]; // drop the "+commit" build metadata
    }
}
