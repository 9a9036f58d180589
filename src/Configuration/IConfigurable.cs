// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace LayersFramework.Configuration;

/// <summary>A component that describes itself as Keras does: a config whose keys are its constructor's argument names in snake_case.</summary>
public interface IConfigurable
{
    /// <summary>Returns the component's config, for example <c>{"seed": null}</c> for GlorotUniform; a new object on every call.</summary>
    /// <returns>The config.</returns>
    JsonObject GetConfig();
}
