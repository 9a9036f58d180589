// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Razorvine.Pickle;

namespace LayersFramework.Training;

/// <summary>
/// The names of Python's pickle opcodes, protocols 0 to 5 (those of Python's <c>pickletools</c>), so that messages name
/// what a file holds: read once from Razorvine.Pickle's <see cref="Opcodes"/> constants, which name each opcode's byte.
/// </summary>
internal static class PickleOpcodes
{
    // Razorvine's TRUE and FALSE are protocol 0's strings for INT, not opcodes of their own.
    private static readonly Dictionary<byte, string> Names = typeof(Opcodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(byte))
        .ToDictionary(field => (byte)field.GetRawConstantValue()!, field => field.Name);

    /// <summary>Gets the opcode's name.</summary>
    /// <param name="code">The opcode's byte.</param>
    /// <returns>Its name, as in <c>pickletools</c> ("BINUNICODE").</returns>
    /// <exception cref="KeyNotFoundException">The byte is no pickle opcode.</exception>
    public static string Name(byte code) => Names[code];

    /// <summary>Describes a byte read where an opcode was expected: its name and value, or that it is none.</summary>
    /// <param name="code">The byte.</param>
    /// <returns>"the opcode EXT1 (0x82)", or "the byte 0xff (no pickle opcode)".</returns>
    public static string Describe(byte code) =>
        Names.TryGetValue(code, out var name)
            ? string.Create(CultureInfo.InvariantCulture, $"the opcode {name} (0x{code:x2})")
            : string.Create(CultureInfo.InvariantCulture, $"the byte 0x{code:x2} (no pickle opcode)");
}
