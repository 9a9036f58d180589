// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.IO;
using System.Runtime.InteropServices;
using TorchSharp;

namespace LayersFramework.Examples.FashionGan;

/// <summary>
/// A random generator's state as checkpoint metadata (base64 of libtorch's state bytes), so that a resumed run draws
/// the same orders and noise as an uninterrupted one.
/// </summary>
internal static class GeneratorState
{
    /// <summary>The generator's state now.</summary>
    /// <param name="generator">The generator.</param>
    /// <returns>The state, as text.</returns>
    public static string Save(torch.Generator generator)
    {
        using var state = generator.get_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    /// <summary>Puts <paramref name="generator"/> back in a state <see cref="Save"/> gave.</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="saved">The state, as text.</param>
    /// <param name="checkpoint">The checkpoint it comes from, for the message.</param>
    /// <exception cref="InvalidDataException">The text is not a state of this kind of generator.</exception>
    public static void Restore(torch.Generator generator, string saved, string checkpoint)
    {
        try
        {
            using var state = torch.tensor(Convert.FromBase64String(saved));
            generator.set_state(state);
        }
        catch (Exception e) when (e is FormatException or ExternalException)
        {
            throw new InvalidDataException($"--resume: {checkpoint} holds a random generator state that libtorch refuses ({e.Message}): the file was changed after it was written.", e);
        }
    }
}
