// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Torch;

/// <summary>An error raised inside libtorch, carrying libtorch's own message. The process can go on after it.</summary>
public class TorchException : Exception
{
    /// <summary>Creates an exception for a native error of the given kind.</summary>
    /// <param name="kind">Which C++ exception type libtorch raised.</param>
    /// <param name="nativeMessage">libtorch's message, without its C++ backtrace.</param>
    public TorchException(NativeErrorKind kind, string nativeMessage)
        : base($"libtorch: {nativeMessage}")
    {
        Kind = kind;
        NativeMessage = nativeMessage;
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TorchException(string message)
        : base(message)
    {
        NativeMessage = message;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TorchException(string message, Exception innerException)
        : base(message, innerException)
    {
        NativeMessage = message;
    }

    /// <summary>Creates an exception with no message.</summary>
    public TorchException()
    {
        NativeMessage = string.Empty;
    }

    /// <summary>Gets which kind of C++ exception libtorch raised.</summary>
    public NativeErrorKind Kind { get; }

    /// <summary>Gets libtorch's message as it gave it.</summary>
    public string NativeMessage { get; }
}
