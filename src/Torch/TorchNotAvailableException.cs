// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Torch;

/// <summary>
/// libtorch or the native shim could not be loaded, or they do not match. The message names what is missing
/// and the set-up command that installs it.
/// </summary>
public class TorchNotAvailableException : DllNotFoundException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    public TorchNotAvailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    /// <param name="innerException">The loader's own error.</param>
    public TorchNotAvailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TorchNotAvailableException()
    {
    }
}
