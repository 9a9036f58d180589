// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Distributed;

/// <summary>An MPI call failed; the message names the call and gives MPI's own description of the error.</summary>
public sealed class MpiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="MpiException"/> class.</summary>
    /// <param name="function">The MPI function that failed.</param>
    /// <param name="errorCode">MPI's error code.</param>
    /// <param name="description">MPI's description of the code (<c>MPI_Error_string</c>).</param>
    public MpiException(string function, int errorCode, string description)
        : base($"{function} failed with MPI error {errorCode}: {description}")
    {
        Function = function;
        ErrorCode = errorCode;
    }

    /// <summary>Gets the MPI function that failed.</summary>
    public string Function { get; }

    /// <summary>Gets MPI's error code.</summary>
    public int ErrorCode { get; }
}
