// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using LayersFramework.Configuration;
using LayersFramework.Tests.Shared;

namespace LayersFramework.Tests.Contracts;

/// <summary>
/// What every component family's name registry promises (Keras's <c>get</c>/<c>serialize</c> contract), written
/// once: a family's test class derives from this and says what its family holds.
/// </summary>
/// <typeparam name="T">The family's interface.</typeparam>
public abstract class ComponentFamilyContractTests<T>
    where T : class, IConfigurable
{
    /// <summary>Gets the family's read-only registry of built-ins.</summary>
    protected abstract ComponentRegistry<T> BuiltIns { get; }

    /// <summary>Gets the family's singular noun and Keras module, such as ("constraint", "keras.constraints").</summary>
    protected abstract (string Family, string Module) Identity { get; }

    /// <summary>Gets every name the built-ins resolve, sorted ordinally.</summary>
    protected abstract string[] KnownNames { get; }

    /// <summary>Gets the class names of every concrete type of the family in its assembly.</summary>
    protected abstract string[] ConcreteTypeNames { get; }

    /// <summary>Gets names that must not resolve.</summary>
    protected abstract string[] UnknownNames { get; }

    /// <summary>Gets instances (with non-default arguments where there are any) and the envelope each serializes to.</summary>
    protected abstract (T Instance, string Envelope)[] Serialized { get; }

    /// <summary>The family's <c>Get</c>: resolves an identifier among the built-ins.</summary>
    protected abstract T? Resolve(object? identifier, string parameterName = "identifier");

    /// <summary>The family's <c>Serialize</c>.</summary>
    protected abstract JsonObject? Serialize(T? component);

    [Fact]
    public void TheBuiltIns_HoldExactlyTheKnownNames_AndAreReadOnly()
    {
        Assert.Equal(KnownNames, BuiltIns.Names);
        Assert.Equal(Identity, (BuiltIns.Family, BuiltIns.Module));
        Assert.True(BuiltIns.IsReadOnly);
    }

    [Fact]
    public void Get_ResolvesNullToNull_AndAnInstanceToItself()
    {
        var instance = Serialized[0].Instance;

        Assert.Null(Resolve(null));
        Assert.Same(instance, Resolve(instance));
    }

    [Fact]
    public void Get_RejectsUnknownNames_NamingTheArgument_AndListingTheKnownOnes()
    {
        foreach (var name in UnknownNames)
        {
            ArgumentAssert.Throws<ArgumentException>(
                () => Resolve(name, "kernelComponent"), "kernelComponent", $"'{name}'", "Known names: " + string.Join(", ", KnownNames));
        }
    }

    [Fact]
    public void Get_RejectsIdentifiersOfAnotherKind()
    {
        ArgumentAssert.Throws<ArgumentException>(() => Resolve(0.01, "biasComponent"), "biasComponent", $"Could not interpret {Identity.Family} identifier");
    }

    [Fact]
    public void Serialize_WritesKerasEnvelope_WhoseTextReadsBackToTheSameEnvelope()
    {
        Assert.Null(Serialize(null));
        foreach (var (instance, envelope) in Serialized)
        {
            Assert.Equal(envelope, Serialize(instance)!.ToJsonString());
            var restored = Resolve(JsonNode.Parse(envelope), "kernelComponent");
            Assert.IsType(instance.GetType(), restored);
            Assert.Equal(envelope, Serialize(restored)!.ToJsonString());
        }
    }

    [Fact]
    public void EveryConcreteType_HasASerializedEntry_IsRegisteredUnderItsClassNameAndSnakeCase_AndRoundTrips()
    {
        var types = typeof(T).Assembly.GetTypes().Where(t => typeof(T).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();

        Assert.Equal(ConcreteTypeNames, types.Select(type => type.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ConcreteTypeNames, Serialized.Select(entry => entry.Instance.GetType().Name).Distinct().Order(StringComparer.Ordinal));
        foreach (var type in types)
        {
            var snakeCase = KerasNames.ToSnakeCase(type.Name);
            Assert.True(BuiltIns.Contains(type.Name), $"{type.Name} is not registered.");
            Assert.True(BuiltIns.Contains(snakeCase), $"{snakeCase} is not registered.");
            var instance = Resolve(type.Name)!;
            Assert.IsType(type, instance);
            Assert.IsType(type, Resolve(snakeCase));
            var serialized = Serialize(instance)!;
            Assert.Equal(type.Name, serialized["class_name"]!.GetValue<string>());
            Assert.Equal(serialized.ToJsonString(), Serialize(Resolve(JsonNode.Parse(serialized.ToJsonString())))!.ToJsonString());
        }
    }
}
