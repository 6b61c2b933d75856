using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace InstaIntel.Intelligence.Models;

/// <summary>
/// Runs a session through <see cref="ModelRegistry.Use{T}"/> (so the registry's disposal waits for the run) and hands
/// the outputs to a reader while they are alive: results are read from ONNX Runtime's own buffers, not copied out.
/// The reader must not keep the outputs or spans over them.
/// </summary>
internal static class OnnxInvoker
{
    public static T Run<T>(ModelRegistry registry, string model, string inputName, PooledTensor input, string[] outputNames,
        Func<IReadOnlyList<OrtValue>, T> read)
    {
        using var value = input.ToOrtValue();
        return Run(registry, model, [inputName], [value], outputNames, read);
    }

    public static T Run<T>(ModelRegistry registry, string model, string[] inputNames, OrtValue[] inputs, string[] outputNames,
        Func<IReadOnlyList<OrtValue>, T> read) =>
        registry.Use(model, session =>
        {
            using var runOptions = new RunOptions();
            var started = Stopwatch.GetTimestamp();
            using var outputs = session.Run(runOptions, inputNames, inputs, outputNames);
            registry.InferenceObserver?.Invoke(model, inputNames, inputs, outputNames, Stopwatch.GetElapsedTime(started));
            return read(outputs);
        });
}
