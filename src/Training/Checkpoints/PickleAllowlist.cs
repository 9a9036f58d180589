// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Razorvine.Pickle;

namespace LayersFramework.Training;

/// <summary>
/// What a <c>.pt</c> file's pickle may hold, checked before PyBridge unpickles it, in the manner of PyTorch's
/// <c>torch.load(weights_only=True)</c>: only the opcodes <c>torch.save</c> (pickle protocol 2) and PyBridge's own writer
/// use for a state dict, only the globals PyBridge reads a state dict with, and only lengths that fit in the pickle.
/// </summary>
/// <remarks>
/// <para>
/// The pickle is walked opcode by opcode, as Python's <c>pickletools.genops</c> walks it: linearly, without recursion,
/// keeping no values. It is written here because no .NET library validates a pickle: Razorvine.Pickle, under PyBridge,
/// executes almost every opcode of protocols 0 to 5, allocates what a length prefix claims (up to 2 GiB) before reading
/// it, and accepts a storage class named after any module.
/// </para>
/// <para>
/// Every opcode may make the unpickler build an object before anything can be checked, a dict of some 300 bytes at
/// worst: 10 MB of EMPTY_DICT (10 KB deflated) took 2.9 GB and 15 s. So a pickle holds at most
/// <see cref="MaxOpcodes"/> opcodes; <c>torch.save</c> writes about 35 per tensor.
/// </para>
/// </remarks>
internal static class PickleAllowlist
{
    /// <summary>The most opcodes a pickle may hold: enough for some 30,000 tensors, and at most about 300 MB of objects.</summary>
    public const int MaxOpcodes = 1 << 20;

    /// <summary>The longest INT argument: a sign and the 19 or 20 digits of a 64-bit integer.</summary>
    private const int MaxDecimalLength = 21;

    /// <summary>The most characters of a name from the file that a message shows; longer names are decoded no further.</summary>
    private const int MaxShownLength = 100;

    /// <summary>The opcodes read, with their arguments' layouts: what torch.save (protocol 2) and PyBridge write for a state dict.</summary>
    private static readonly Dictionary<byte, Argument> Allowed = new()
    {
        [Opcodes.PROTO] = Argument.OneByte,
        [Opcodes.STOP] = Argument.None,
        [Opcodes.MARK] = Argument.None,
        [Opcodes.GLOBAL] = Argument.NameLines,
        [Opcodes.BINPERSID] = Argument.None, // a tensor's storage, in its own zip entry
        [Opcodes.REDUCE] = Argument.None,
        [Opcodes.BUILD] = Argument.None, // the state dict's _metadata
        [Opcodes.EMPTY_DICT] = Argument.None,
        [Opcodes.SETITEM] = Argument.None,
        [Opcodes.SETITEMS] = Argument.None,
        [Opcodes.EMPTY_TUPLE] = Argument.None,
        [Opcodes.TUPLE] = Argument.None,
        [Opcodes.TUPLE1] = Argument.None,
        [Opcodes.TUPLE2] = Argument.None,
        [Opcodes.TUPLE3] = Argument.None,
        [Opcodes.NEWTRUE] = Argument.None, // requires_grad
        [Opcodes.NEWFALSE] = Argument.None,
        [Opcodes.BINUNICODE] = Argument.CountedText,
        [Opcodes.BININT1] = Argument.OneByte,
        [Opcodes.BININT2] = Argument.TwoBytes,
        [Opcodes.BININT] = Argument.FourBytes,
        [Opcodes.LONG1] = Argument.CountedBytes, // torch.save's integers beyond 32 bits (2^31 elements or more)
        [Opcodes.INT] = Argument.DecimalLine, // PyBridge's integers beyond 32 bits
        [Opcodes.BINPUT] = Argument.OneByte,
        [Opcodes.LONG_BINPUT] = Argument.FourBytes,
        [Opcodes.BINGET] = Argument.OneByte,
        [Opcodes.LONG_BINGET] = Argument.FourBytes,
    };

    /// <summary>The storage classes PyBridge maps to a dtype, all in module <c>torch</c> (PyBridge itself checks only the name).</summary>
    private static readonly string[] StorageDtypes =
        ["BFloat16", "Bool", "Byte", "Char", "ComplexDouble", "ComplexFloat", "Double", "Float", "Half", "Int", "Long", "Short"];

    private static readonly HashSet<(string Module, string Name)> Globals =
    [
        ("collections", "OrderedDict"),
        ("torch._utils", "_rebuild_tensor_v2"),
        .. StorageDtypes.Select(dtype => ("torch", dtype + "Storage")),
    ];

    private enum Argument
    {
        /// <summary>No argument.</summary>
        None,

        /// <summary>One byte.</summary>
        OneByte,

        /// <summary>Two bytes.</summary>
        TwoBytes,

        /// <summary>Four bytes.</summary>
        FourBytes,

        /// <summary>A 4-byte little-endian length, then as many bytes of UTF-8.</summary>
        CountedText,

        /// <summary>A 1-byte length, then as many bytes.</summary>
        CountedBytes,

        /// <summary>A decimal integer and a newline.</summary>
        DecimalLine,

        /// <summary>A module and a name, each followed by a newline.</summary>
        NameLines,
    }

    /// <summary>Gets the names of the opcodes read, as <c>pickletools</c> names them.</summary>
    public static IEnumerable<string> OpcodeNames => Allowed.Keys.Select(PickleOpcodes.Name);

    /// <summary>Gets the globals read, described for people.</summary>
    public static string GlobalNames =>
        $"collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch.<dtype>Storage for dtype {string.Join(", ", StorageDtypes)}";

    /// <summary>Walks a pickle to its STOP and refuses anything outside the allowlist.</summary>
    /// <param name="pickle">The pickle's bytes.</param>
    /// <param name="path">The file's name, for messages.</param>
    /// <param name="entry">The pickle's entry in the archive, for messages.</param>
    /// <returns>The number of BINPERSID opcodes: the tensors PyBridge will look up in the archive.</returns>
    /// <exception cref="FileFaultException">The pickle holds an opcode or a global outside the allowlist, a length beyond its end, more than <see cref="MaxOpcodes"/> opcodes, or no STOP.</exception>
    public static int Check(ReadOnlySpan<byte> pickle, string path, string entry)
    {
        var cursor = new Cursor(pickle, path, entry);
        var storageLoads = 0;
        // The last two values pushed, when both are BINUNICODE strings: what a STACK_GLOBAL would name, to say so when refusing it.
        string? previousText = null;
        string? lastText = null;
        for (var count = 1; ; count++)
        {
            if (cursor.AtEnd)
            {
                throw cursor.Fault($"ends at byte {cursor.Position} without a STOP opcode: the file is truncated or corrupted.");
            }

            if (count > MaxOpcodes)
            {
                throw cursor.Fault(
                    $"holds more than {MaxOpcodes.ToString("N0", CultureInfo.InvariantCulture)} opcodes: torch.save writes about 35 per tensor, and each can make the unpickler build an object before anything is checked.");
            }

            var start = cursor.Position;
            var code = cursor.Next();
            if (!Allowed.TryGetValue(code, out var argument))
            {
                throw code == Opcodes.STACK_GLOBAL && previousText is not null && lastText is not null
                    ? RefusedGlobal(path, entry, previousText, lastText, start)
                    : new FileFaultException(
                        $"{path}: refuses {PickleOpcodes.Describe(code)} at byte {start} of {entry}: only the opcodes torch.save and PyBridge write for a state dict are read ({string.Join(", ", OpcodeNames)}; see README, \"Untrusted .pt files\").");
            }

            string? text = null;
            switch (argument)
            {
                case Argument.OneByte:
                    cursor.Take(1, start, code);
                    break;
                case Argument.TwoBytes:
                    cursor.Take(2, start, code);
                    break;
                case Argument.FourBytes:
                    cursor.Take(4, start, code);
                    break;
                case Argument.CountedText:
                    text = Decoded(cursor.TakeCounted(BinaryPrimitives.ReadInt32LittleEndian(cursor.Take(4, start, code)), start, code));
                    break;
                case Argument.CountedBytes:
                    cursor.TakeCounted(cursor.Take(1, start, code)[0], start, code);
                    break;
                case Argument.DecimalLine:
                    if (cursor.TakeLine(start, code).Length > MaxDecimalLength)
                    {
                        throw cursor.Fault($"has an INT at byte {start} longer than the {MaxDecimalLength} characters of a 64-bit integer: the file is corrupted.");
                    }

                    break;
                case Argument.NameLines:
                    var module = Decoded(cursor.TakeLine(start, code));
                    var name = Decoded(cursor.TakeLine(start, code));
                    if (!Globals.Contains((module, name)))
                    {
                        throw RefusedGlobal(path, entry, module, name, start);
                    }

                    break;
            }

            // Memo puts leave the stack as it is; any other opcode pushes or pops something that is not a string read here.
            if (code is not (Opcodes.BINPUT or Opcodes.LONG_BINPUT))
            {
                (previousText, lastText) = code == Opcodes.BINUNICODE ? (lastText, text) : (null, null);
            }

            if (code == Opcodes.BINPERSID)
            {
                storageLoads++;
            }
            else if (code == Opcodes.STOP)
            {
                return storageLoads;
            }
        }
    }

    private static FileFaultException RefusedGlobal(string path, string entry, string module, string name, int position) =>
        new($"{path}: refuses the global {Shown(module)}.{Shown(name)} at byte {position} of {entry}: only {GlobalNames} are read (see README, \"Untrusted .pt files\").");

    /// <summary>
    /// A name from the file, decoded only as far as a message shows it: a longer one (which no allowed name is) is not
    /// decoded whole, so a name of 100 MB is not copied.
    /// </summary>
    private static string Decoded(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxShownLength + 1)]);

    /// <summary>A name from the file as a message shows it: at most <see cref="MaxShownLength"/> characters, control characters replaced.</summary>
    private static string Shown(string text)
    {
        var shown = new string(text.Take(MaxShownLength).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > MaxShownLength ? shown + "..." : shown;
    }

    /// <summary>The walk's position in the pickle, and reads that refuse to pass its end.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> pickle, string path, string entry)
    {
        private readonly ReadOnlySpan<byte> pickle = pickle;

        /// <summary>Gets the offset of the next byte.</summary>
        public int Position { get; private set; }

        /// <summary>Gets a value indicating whether every byte has been read.</summary>
        public readonly bool AtEnd => Position == pickle.Length;

        /// <summary>Reads the next opcode; the caller has checked that the pickle goes on.</summary>
        public byte Next() => pickle[Position++];

        /// <summary>Reads <paramref name="count"/> bytes of the argument of the opcode at <paramref name="start"/>.</summary>
        public ReadOnlySpan<byte> Take(int count, int start, byte code)
        {
            if (count > pickle.Length - Position)
            {
                throw Fault($"ends inside the argument of {PickleOpcodes.Name(code)} at byte {start}: the file is truncated or corrupted.");
            }

            var bytes = pickle.Slice(Position, count);
            Position += count;
            return bytes;
        }

        /// <summary>Reads the bytes a length prefix announces, refusing a length beyond the pickle's end before anything is read.</summary>
        public ReadOnlySpan<byte> TakeCounted(int length, int start, byte code)
        {
            var remaining = pickle.Length - Position;
            if (length < 0 || length > remaining)
            {
                throw Fault($"has a {PickleOpcodes.Name(code)} at byte {start} that claims {length} bytes, but {remaining} remain: the file is corrupted.");
            }

            return Take(length, start, code);
        }

        /// <summary>Reads up to the next newline, which is passed but not returned.</summary>
        public ReadOnlySpan<byte> TakeLine(int start, byte code)
        {
            var length = pickle[Position..].IndexOf((byte)'\n');
            if (length < 0)
            {
                throw Fault($"ends inside the argument of {PickleOpcodes.Name(code)} at byte {start}: the file is truncated or corrupted.");
            }

            var line = pickle.Slice(Position, length);
            Position += length + 1;
            return line;
        }

        /// <summary>A fault in the pickle, in a message naming the file and the entry.</summary>
        public readonly FileFaultException Fault(string what) => new($"{path}: {entry} {what}");
    }
}
