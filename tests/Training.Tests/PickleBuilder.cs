// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;

namespace LayersFramework.Training.Tests;

/// <summary>
/// Writes a pickle opcode by opcode, in protocol 2 as torch.save does, so that a test can hand the reader what no
/// writer makes.
/// </summary>
internal sealed class PickleBuilder
{
    // Opcodes, by the names pickletools gives them: tuples, dicts, calls and the memo.
    public const byte Mark = 0x28, EmptyTuple = 0x29, Tuple = 0x74, Tuple1 = 0x85;
    public const byte EmptyDict = 0x7d, SetItems = 0x75, Reduce = 0x52, BinPersid = 0x51, NewFalse = 0x89;
    public const byte BinPut = 0x71, BinGet = 0x68, Stop = 0x2e;

    private readonly List<byte> bytes = [0x80, 2];

    /// <summary>Appends opcodes, or any bytes.</summary>
    public PickleBuilder Op(params byte[] values)
    {
        bytes.AddRange(values);
        return this;
    }

    /// <summary>Appends ASCII text as it stands (GLOBAL's and INT's lines).</summary>
    public PickleBuilder Ascii(string text) => Op(Encoding.ASCII.GetBytes(text));

    /// <summary>Appends GLOBAL module.name.</summary>
    public PickleBuilder Global(string module, string name) => Ascii($"c{module}\n{name}\n");

    /// <summary>Appends BINUNICODE with the string's UTF-8 length.</summary>
    public PickleBuilder Text(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return Op(0x58).Op(LittleEndian(utf8.Length)).Op(utf8);
    }

    /// <summary>Appends BININT1.</summary>
    public PickleBuilder Small(byte value) => Op(0x4b, value);

    /// <summary>
    /// Appends the dict torch.save writes for one float32 tensor of shape (2,) read from entry "data/0":
    /// <c>{name: _rebuild_tensor_v2(persistent ("storage", storage, "0", "cpu", numel), 0, (2,), (1,), False, OrderedDict())}</c>.
    /// </summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="storage">The storage class, as module and name.</param>
    /// <param name="numel">Writes the storage's element count; BININT1 2 when null.</param>
    /// <param name="rebuild">The function that rebuilds the tensor, as module and name.</param>
    public PickleBuilder StateDict(
        string name = "w",
        (string Module, string Name)? storage = null,
        Action<PickleBuilder>? numel = null,
        (string Module, string Name)? rebuild = null)
    {
        var (storageModule, storageName) = storage ?? ("torch", "FloatStorage");
        var (rebuildModule, rebuildName) = rebuild ?? ("torch._utils", "_rebuild_tensor_v2");
        Op(EmptyDict, Mark).Text(name).Global(rebuildModule, rebuildName).Op(Mark, Mark);
        Text("storage").Global(storageModule, storageName).Text("0").Text("cpu");
        if (numel is null)
        {
            Small(2);
        }
        else
        {
            numel(this);
        }

        Op(Tuple, BinPersid).Small(0).Small(2).Op(Tuple1).Small(1).Op(Tuple1, NewFalse);
        return Global("collections", "OrderedDict").Op(EmptyTuple, Reduce, Tuple, Reduce, SetItems);
    }

    /// <summary>The pickle so far, ended with STOP.</summary>
    public byte[] Stopped() => [.. bytes, Stop];

    /// <summary>The pickle so far, without STOP.</summary>
    public byte[] Unstopped() => [.. bytes];

    public static byte[] LittleEndian(int value)
    {
        var result = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(result, value);
        return result;
    }

    public static byte[] LittleEndian(long value)
    {
        var result = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(result, value);
        return result;
    }
}
