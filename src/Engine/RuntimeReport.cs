// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text;

namespace LayersFramework.Engine;

/// <summary>What <see cref="TorchRuntime.Report"/> found: the engine this process computes on.</summary>
/// <remarks>
/// The libtorch package bundles its BLAS (Intel MKL on x64), oneDNN and OpenMP, so these describe the package, not
/// the machine's own libraries. Members libtorch could not be asked are null (or "unknown"); on platforms other
/// than Linux x64 libtorch is not asked at all (<see cref="NativeDetailsReported"/> is false).
/// </remarks>
/// <param name="LibTorchVersion">The libtorch version TorchSharp was built for (<c>torch.__version__</c>), such as 2.10.0.0.</param>
/// <param name="LoadedLibTorchVersion">The version the loaded libtorch reports of itself (<c>TORCH_VERSION</c> in <c>at::show_config()</c>).</param>
/// <param name="LibTorchPath">The libtorch_cpu file mapped into the process, or "unknown".</param>
/// <param name="TorchSharpVersion">The version of the TorchSharp assembly, such as 0.107.0.</param>
/// <param name="IntraOpThreads">libtorch's intra-op thread count.</param>
/// <param name="Blas">The BLAS libtorch was built with (<c>BLAS_INFO</c>, for example <c>mkl</c>).</param>
/// <param name="Lapack">The LAPACK libtorch was built with (<c>LAPACK_INFO</c>).</param>
/// <param name="MklAvailable">Whether libtorch has Intel MKL (<c>at::hasMKL()</c>).</param>
/// <param name="OneDnnAvailable">Whether libtorch has oneDNN, formerly MKL-DNN (<c>at::hasMKLDNN()</c>), which runs its float32 convolutions.</param>
/// <param name="OpenMpAvailable">Whether libtorch parallelises with OpenMP (<c>at::hasOpenMP()</c>).</param>
/// <param name="LapackAvailable">Whether libtorch has LAPACK (<c>at::hasLAPACK()</c>).</param>
/// <param name="ParallelInfo">libtorch's own description of its threading (<c>at::get_parallel_info()</c>), or empty.</param>
/// <param name="BuildConfig">libtorch's build configuration (<c>at::show_config()</c>), or empty.</param>
/// <param name="NativeDetailsReported">Whether libtorch was asked: true on Linux x64, where its C++ ABI is known.</param>
public sealed record RuntimeReport(
    string LibTorchVersion,
    string LoadedLibTorchVersion,
    string LibTorchPath,
    string TorchSharpVersion,
    int IntraOpThreads,
    string Blas,
    string Lapack,
    bool? MklAvailable,
    bool? OneDnnAvailable,
    bool? OpenMpAvailable,
    bool? LapackAvailable,
    string ParallelInfo,
    string BuildConfig,
    bool NativeDetailsReported)
{
    /// <summary>The text shown for what libtorch is not asked on this platform.</summary>
    public const string NotReported = "not reported on this platform";

    /// <summary>The text shown for what libtorch was asked but did not say.</summary>
    public const string Unknown = "unknown";

    /// <summary>Returns the report as a block of labelled lines: libtorch, TorchSharp, BLAS, threads, oneDNN, OpenMP and LAPACK.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"libtorch        {LoadedLibTorchVersion} ({LibTorchPath})");
        text.AppendLine($"TorchSharp      {TorchSharpVersion}, built for libtorch {LibTorchVersion}");
        text.AppendLine($"BLAS            {Blas} (Intel MKL: {YesNo(MklAvailable)})");
        text.AppendLine($"threads         {IntraOpThreads} intra-op");
        text.AppendLine($"oneDNN          {(OneDnnAvailable is { } oneDnn ? (oneDnn ? "available" : "not available") : Missing)}");
        text.AppendLine($"OpenMP, LAPACK  {YesNo(OpenMpAvailable)}, {YesNo(LapackAvailable)} ({Lapack})");
        return text.ToString();
    }

    private string Missing => NativeDetailsReported ? Unknown : NotReported;

    private string YesNo(bool? value) => value is { } known ? (known ? "yes" : "no") : Missing;
}
