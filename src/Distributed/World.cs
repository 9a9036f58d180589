// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace LayersFramework.Distributed;

/// <summary>
/// The processes (ranks) of a data-parallel job: which one this is, how many there are, and the collectives
/// between them (barrier, broadcast, in-place all-reduce). Started by <c>mpirun</c>, it is OpenMPI's world; started
/// any other way, it is a world of one process whose collectives do nothing, so the same program trains alone
/// without OpenMPI installed.
/// </summary>
/// <remarks>
/// Under mpirun, one world per process (MPI can be initialized once); <see cref="Dispose"/> finalizes it. MPI is initialized
/// "funneled": call the collectives from the thread that called <see cref="Start"/>. Tensors passed to the
/// collectives must be contiguous CPU tensors of float32, float64 or int64, the same shape on every rank.
/// </remarks>
public sealed class World : IDisposable
{
    private static readonly object StartLock = new();
    private static bool started;

    private readonly OpenMpi? mpi;
    private bool disposed;

    private World(OpenMpi? mpi, int rank, int size, int localRank, int localSize)
    {
        this.mpi = mpi;
        Rank = rank;
        Size = size;
        LocalRank = localRank;
        LocalSize = localSize;
    }

    /// <summary>Gets this process's rank, 0 to <see cref="Size"/> − 1.</summary>
    public int Rank { get; }

    /// <summary>Gets the number of processes.</summary>
    public int Size { get; }

    /// <summary>Gets this process's rank among those on its machine.</summary>
    public int LocalRank { get; }

    /// <summary>Gets the number of processes on this machine.</summary>
    public int LocalSize { get; }

    /// <summary>Gets a value indicating whether this is rank 0, the one that writes files and prints.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>Gets the number of libtorch threads that gives each rank on this machine its share of the cores.</summary>
    public int ThreadsPerRank => Math.Max(1, Environment.ProcessorCount / LocalSize);

    /// <summary>Starts the world: OpenMPI's when <c>mpirun</c> started this process, otherwise a world of one.</summary>
    /// <returns>The world; dispose it at the end of the program.</returns>
    /// <exception cref="InvalidOperationException">Under mpirun, a world was already started in this process.</exception>
    /// <exception cref="DllNotFoundException">Started by mpirun, but OpenMPI's library is missing.</exception>
    /// <exception cref="MpiException">MPI failed to initialize.</exception>
    public static World Start()
    {
        // OpenMPI's mpirun sets these in every process it starts.
        if (Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is null)
        {
            return new World(null, 0, 1, 0, 1);
        }

        lock (StartLock)
        {
            if (started)
            {
                throw new InvalidOperationException("A World was already started in this process; MPI can be initialized only once. Share the first one.");
            }

            started = true;
        }

        var mpi = OpenMpi.Load();
        var (rank, size) = mpi.Initialize();
        var localRank = IntegerVariable("OMPI_COMM_WORLD_LOCAL_RANK", 0);
        var localSize = IntegerVariable("OMPI_COMM_WORLD_LOCAL_SIZE", 1);
        return new World(mpi, rank, size, localRank, localSize);
    }

    /// <summary>
    /// Runs a program's body on every rank so that a failure on any rank ends the whole job at once: an exception
    /// is printed (with the rank) and, with more than one rank, <c>MPI_Abort</c> stops the others, which would
    /// otherwise wait in their next collective for ever; so does a non-zero exit code.
    /// </summary>
    /// <param name="body">The program, given the started world; returns the exit code.</param>
    /// <param name="error">Where a failure is reported; standard error unless given.</param>
    /// <returns>The body's exit code, or 1 when it threw.</returns>
    public static int Run(Func<World, int> body, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        error ??= Console.Error;
        using var world = Start();
        int code;
        try
        {
            code = body(world);
        }
        catch (Exception e) when (world.Size > 1)
        {
            error.WriteLine($"rank {world.Rank} of {world.Size} failed, ending the job: {e}");
            error.Flush();
            world.Abort(1);
            return 1;
        }

        // A rank that gives up (a missing file, say) must not leave the others waiting in a collective.
        if (code != 0 && world.Size > 1)
        {
            error.WriteLine($"rank {world.Rank} of {world.Size} ended with exit code {code}, ending the job.");
            error.Flush();
            world.Abort(code);
        }

        return code;
    }

    /// <summary>Waits until every rank has called it.</summary>
    public void Barrier()
    {
        ThrowIfDisposed();
        mpi?.Barrier();
    }

    /// <summary>Copies <paramref name="tensor"/>'s values on rank <paramref name="root"/> into the same tensor on every other rank.</summary>
    /// <param name="tensor">A contiguous CPU tensor of float32, float64 or int64, the same shape on every rank.</param>
    /// <param name="root">The rank whose values are sent.</param>
    public void Broadcast(Tensor tensor, int root = 0)
    {
        var type = CheckTensor(tensor, nameof(tensor));
        if (root < 0 || root >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(root), root, $"The root must be a rank from 0 to {Size - 1}.");
        }

        if (mpi is not null)
        {
            ForEachChunk(tensor, (pointer, count) => mpi.Broadcast(pointer, count, type, root));
        }
    }

    /// <summary>Replaces <paramref name="tensor"/> on every rank by the sum of its values over the ranks.</summary>
    /// <param name="tensor">A contiguous CPU tensor of float32, float64 or int64, the same shape on every rank.</param>
    public void AllReduceSum(Tensor tensor)
    {
        var type = CheckTensor(tensor, nameof(tensor));
        if (mpi is not null)
        {
            ForEachChunk(tensor, (pointer, count) => mpi.AllReduceSumInPlace(pointer, count, type));
        }
    }

    /// <summary>Ends every rank of the job with <paramref name="code"/> (a world of one: this process).</summary>
    /// <param name="code">The exit code.</param>
    public void Abort(int code)
    {
        mpi?.Abort(code);
        Environment.Exit(code);
    }

    /// <summary>Finalizes MPI (every rank must get here).</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            mpi?.Shutdown();
        }
    }

    private static int IntegerVariable(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>MPI counts are 32-bit: a tensor is sent in chunks of at most 2^30 elements.</summary>
    private static unsafe void ForEachChunk(Tensor tensor, Action<nint, int> send)
    {
        const long Chunk = 1L << 30;
        using var flat = tensor.view(-1);
        for (long start = 0; start < flat.numel(); start += Chunk)
        {
            using var part = flat.narrow(0, start, Math.Min(Chunk, flat.numel() - start));
            fixed (byte* pointer = part.bytes)
            {
                send((nint)pointer, (int)part.numel());
            }
        }
    }

    private nint CheckTensor(Tensor tensor, string parameter)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(tensor, parameter);
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
        {
            throw new ArgumentException($"The collectives take contiguous CPU tensors; received one on {tensor.device}{(tensor.is_contiguous() ? string.Empty : ", not contiguous")}.", parameter);
        }

        return tensor.dtype switch
        {
            ScalarType.Float32 => mpi?.Float ?? 0,
            ScalarType.Float64 => mpi?.Double ?? 0,
            ScalarType.Int64 => mpi?.Long ?? 0,
            _ => throw new ArgumentException($"The collectives take float32, float64 or int64 tensors; received {tensor.dtype}.", parameter),
        };
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
