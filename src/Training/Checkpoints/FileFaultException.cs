// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;

namespace LayersFramework.Training;

/// <summary>
/// A fault in a file that the format readers here found and described themselves. <see cref="TensorFile"/> turns it
/// into an <see cref="System.IO.InvalidDataException"/> naming the file, and wraps whatever the libraries under the
/// readers throw the same way.
/// </summary>
internal sealed class FileFaultException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FileFaultException"/> class.</summary>
    /// <param name="message">What is wrong, starting with the file's name.</param>
    /// <param name="inner">The error that revealed the fault, or null.</param>
    public FileFaultException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
