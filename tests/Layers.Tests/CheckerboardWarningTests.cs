// Copyright (c) LayersFramework contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace LayersFramework.Layers.Tests;

/// <summary>A kernel size that the stride does not divide is logged as a checkerboard risk, never thrown.</summary>
public sealed class CheckerboardWarningTests : IDisposable
{
    private readonly ILoggerFactory original = LayersFrameworkLogging.LoggerFactory;
    private readonly RecordingLoggerFactory recorder = new();

    public CheckerboardWarningTests() => LayersFrameworkLogging.LoggerFactory = recorder;

    public void Dispose() => LayersFrameworkLogging.LoggerFactory = original;

    [Fact]
    public void KernelNotDivisibleByStride_LogsOneWarning_NamingTheLayerAndDimensions()
    {
        using var layer = new Conv2DTranspose(8, [3, 4], strides: 2, name: "gen_up");

        var entry = Assert.Single(recorder.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("Layer gen_up: kernel size (3, 4) is not a multiple of strides (2, 2) in dimension(s) 0;", entry.Message, StringComparison.Ordinal);
        Assert.Contains("checkerboard", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public void KernelDivisibleByStride_OrStrideOne_LogsNothing(int kernel, int stride)
    {
        using var layer = new Conv1DTranspose(8, kernel, strides: stride);

        Assert.Empty(recorder.Entries);
    }

    private sealed record Entry(LogLevel Level, string Message);

    private sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
    {
        public List<Entry> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new Entry(logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
