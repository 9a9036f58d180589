// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text;

namespace LayersFramework.Torch;

/// <summary>What <see cref="TorchRuntime.Report"/> found: the engine this process computes on.</summary>
/// <param name="LibTorchVersion">The version the loaded libtorch reports of itself.</param>
/// <param name="BuiltAgainstVersion">The version of the headers the native shim was compiled against.</param>
/// <param name="LibTorchPath">The libtorch_cpu file mapped into the process.</param>
/// <param name="Blas">The BLAS library actually loaded.</param>
/// <param name="IntraOpThreads">libtorch's intra-op thread count.</param>
/// <param name="OneDnnAvailable">Whether libtorch has oneDNN (MKL-DNN).</param>
/// <param name="OpenMpAvailable">Whether libtorch parallelises with OpenMP.</param>
/// <param name="LapackAvailable">Whether libtorch has LAPACK (QR, SVD).</param>
/// <param name="ParallelInfo">libtorch's own description of its threading.</param>
public sealed record RuntimeReport(
    string LibTorchVersion,
    string BuiltAgainstVersion,
    string LibTorchPath,
    BlasLibrary Blas,
    int IntraOpThreads,
    bool OneDnnAvailable,
    bool OpenMpAvailable,
    bool LapackAvailable,
    string ParallelInfo)
{
    /// <summary>The warning shown when the reference BLAS is loaded.</summary>
    public const string ReferenceBlasWarning =
        "WARNING: libtorch is running on the slow reference BLAS (about 37x slower on matrix products). " +
        "Install OpenBLAS with ./scripts/setup.sh (apt-get install libopenblas0-openmp).";

    /// <summary>Returns the report as a block of labelled lines, with a loud warning if the BLAS is the reference one.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"libtorch        {LibTorchVersion} ({LibTorchPath}); shim built against {BuiltAgainstVersion}");
        text.AppendLine($"BLAS            {Blas.Name} ({Blas.Path}){(Blas.Details.Length > 0 ? $": {Blas.Details}" : string.Empty)}");
        text.AppendLine($"threads         {IntraOpThreads} intra-op");
        text.AppendLine($"oneDNN          {(OneDnnAvailable ? "available" : "not available")}");
        text.AppendLine($"OpenMP, LAPACK  {(OpenMpAvailable ? "yes" : "no")}, {(LapackAvailable ? "yes" : "no")}");
        if (Blas.IsReference)
        {
            text.AppendLine();
            text.AppendLine(ReferenceBlasWarning);
        }

        return text.ToString();
    }
}
