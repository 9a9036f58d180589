// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Reflection;

namespace LayersFramework.Activations.Tests;

/// <summary>Every concrete activation type of the library has an entry in the catalog every other test runs over.</summary>
public sealed class CoverageTests
{
    [Fact]
    public void EveryConcreteActivationType_HasACatalogEntry()
    {
        var types = typeof(IActivation).Assembly.GetTypes()
            .Where(type => typeof(IActivation).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false })
            .ToHashSet();
        var covered = ActivationCatalog.All.Select(c => c.Create().GetType()).ToHashSet();

        var missing = types.Except(covered).Select(type => type.Name).Order().ToList();

        Assert.True(missing.Count == 0, $"No catalog entry for: {string.Join(", ", missing)}.");
        Assert.True(types.Count >= 31, $"Only {types.Count} activation types were found; the scan is broken.");
    }

    [Fact]
    public void EveryBuiltInType_IsRegistered_AndEveryRegistration_HasACatalogEntryWithItsDefaults()
    {
        var builtIns = typeof(IActivation).Assembly.GetTypes()
            .Where(type => typeof(IActivation).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false } && type != typeof(DelegateActivation));

        foreach (var type in builtIns)
        {
            Assert.True(ActivationRegistry.BuiltIns.Contains(type.Name), $"{type.Name} is not registered.");
            if (type != typeof(Threshold))
            {
                Assert.Contains(ActivationCatalog.All, c => c.IsDefault && c.Create().GetType() == type);
            }
        }
    }

    [Fact]
    public void EveryPublicType_IsSealedOrAbstract_AndLivesInTheActivationsNamespace()
    {
        foreach (var type in typeof(IActivation).Assembly.GetExportedTypes())
        {
            Assert.Equal("LayersFramework.Activations", type.Namespace);
            Assert.True(type.IsInterface || type.IsSealed || type.IsAbstract, $"{type.Name} is neither sealed nor abstract.");
        }
    }
}
