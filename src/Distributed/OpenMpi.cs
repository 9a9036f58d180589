// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace LayersFramework.Distributed;

/// <summary>
/// The few functions of OpenMPI's C library (<c>libmpi.so.40</c>, Debian's <c>openmpi-bin</c>) that data-parallel
/// training needs, called through function pointers. OpenMPI's handles (<c>MPI_COMM_WORLD</c>, <c>MPI_FLOAT</c>,
/// <c>MPI_SUM</c>) are the addresses of exported objects, which is why MPICH-style bindings (integer handles) do not
/// work with it. Every call's result is checked: the world's error handler is set to return codes, which become
/// <see cref="MpiException"/>.
/// </summary>
internal sealed unsafe class OpenMpi
{
    /// <summary>The library's file names, the versioned one first (Debian ships no unversioned link without the -dev package).</summary>
    private static readonly string[] LibraryNames = ["libmpi.so.40", "libmpi.so"];

    private const int ThreadFunneled = 1;

    private readonly delegate* unmanaged<int*, byte***, int, int*, int> initThread;
    private readonly delegate* unmanaged<int*, int> initialized;
    private readonly delegate* unmanaged<int*, int> finalized;
    private readonly delegate* unmanaged<int> finalize;
    private readonly delegate* unmanaged<nint, int*, int> commRank;
    private readonly delegate* unmanaged<nint, int*, int> commSize;
    private readonly delegate* unmanaged<nint, nint, int> commSetErrhandler;
    private readonly delegate* unmanaged<nint, int> barrier;
    private readonly delegate* unmanaged<void*, int, nint, int, nint, int> broadcast;
    private readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> allReduce;
    private readonly delegate* unmanaged<nint, int, int> abort;
    private readonly delegate* unmanaged<int, byte*, int*, int> errorString;

    private OpenMpi(nint library)
    {
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        initThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export("MPI_Init_thread");
        initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        finalize = (delegate* unmanaged<int>)Export("MPI_Finalize");
        commRank = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_rank");
        commSize = (delegate* unmanaged<nint, int*, int>)Export("MPI_Comm_size");
        commSetErrhandler = (delegate* unmanaged<nint, nint, int>)Export("MPI_Comm_set_errhandler");
        barrier = (delegate* unmanaged<nint, int>)Export("MPI_Barrier");
        broadcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export("MPI_Bcast");
        allReduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export("MPI_Allreduce");
        abort = (delegate* unmanaged<nint, int, int>)Export("MPI_Abort");
        errorString = (delegate* unmanaged<int, byte*, int*, int>)Export("MPI_Error_string");
        World = Export("ompi_mpi_comm_world");
        Float = Export("ompi_mpi_float");
        Double = Export("ompi_mpi_double");
        Long = Export("ompi_mpi_long");
        Byte = Export("ompi_mpi_byte");
        Sum = Export("ompi_mpi_op_sum");
        ErrorsReturn = Export("ompi_mpi_errors_return");
    }

    /// <summary>Gets <c>MPI_COMM_WORLD</c>.</summary>
    public nint World { get; }

    /// <summary>Gets <c>MPI_FLOAT</c>.</summary>
    public nint Float { get; }

    /// <summary>Gets <c>MPI_DOUBLE</c>.</summary>
    public nint Double { get; }

    /// <summary>Gets <c>MPI_LONG</c> (64 bits on Linux x86-64).</summary>
    public nint Long { get; }

    /// <summary>Gets <c>MPI_BYTE</c>.</summary>
    public nint Byte { get; }

    /// <summary>Gets <c>MPI_SUM</c>.</summary>
    public nint Sum { get; }

    private nint ErrorsReturn { get; }

    /// <summary>Loads OpenMPI's library.</summary>
    /// <returns>The binding.</returns>
    /// <exception cref="DllNotFoundException">OpenMPI is not installed; the message says which package to install.</exception>
    public static OpenMpi Load() => Load(LibraryNames);

    /// <summary>Loads the first of these libraries that exists.</summary>
    /// <param name="names">File names to try.</param>
    /// <returns>The binding.</returns>
    internal static OpenMpi Load(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                return new OpenMpi(library);
            }
        }

        throw new DllNotFoundException(
            $"OpenMPI's library ({string.Join(" or ", names)}) was not found, and this process was started by mpirun: install OpenMPI (on Debian and Ubuntu: apt-get install openmpi-bin).");
    }

    /// <summary>Initializes MPI (funneled: only the thread that initialized it calls MPI), makes the world's errors return codes, and reads rank and size.</summary>
    /// <returns>The rank and the size of the world.</returns>
    public (int Rank, int Size) Initialize()
    {
        int done;
        Check(initialized(&done), "MPI_Initialized");
        if (done == 0)
        {
            int provided;
            Check(initThread(null, null, ThreadFunneled, &provided), "MPI_Init_thread");
        }

        Check(commSetErrhandler(World, ErrorsReturn), "MPI_Comm_set_errhandler");
        int rank, size;
        Check(commRank(World, &rank), "MPI_Comm_rank");
        Check(commSize(World, &size), "MPI_Comm_size");
        return (rank, size);
    }

    /// <summary>Finalizes MPI once; later calls do nothing.</summary>
    public void Shutdown()
    {
        int done;
        Check(finalized(&done), "MPI_Finalized");
        if (done == 0)
        {
            Check(finalize(), "MPI_Finalize");
        }
    }

    public void Barrier() => Check(barrier(World), "MPI_Barrier");

    public void Broadcast(nint buffer, int count, nint type, int root) => Check(broadcast((void*)buffer, count, type, root, World), "MPI_Bcast");

    /// <summary>Sums <paramref name="count"/> elements over the ranks, in place (<c>MPI_IN_PLACE</c> is the address 1 in OpenMPI).</summary>
    public void AllReduceSumInPlace(nint buffer, int count, nint type) => Check(allReduce((void*)1, (void*)buffer, count, type, Sum, World), "MPI_Allreduce");

    /// <summary>Ends every rank of the job with <paramref name="code"/>; does not return when MPI does its job.</summary>
    public void Abort(int code) => abort(World, code);

    private void Check(int code, string function)
    {
        if (code != 0)
        {
            var text = new byte[256]; // MPI_MAX_ERROR_STRING
            int length;
            fixed (byte* buffer = text)
            {
                errorString(code, buffer, &length);
            }

            throw new MpiException(function, code, Encoding.ASCII.GetString(text, 0, Math.Clamp(length, 0, text.Length)));
        }
    }
}
