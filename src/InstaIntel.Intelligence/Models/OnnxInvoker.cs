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
        Func<IReadOnlyList<OrtValue>, T> read)
    {
        registry.InferenceObserver?.Invoke(model, inputNames, inputs, outputNames);
        return registry.Use(model, session => Run(session, inputNames, inputs, outputNames, read));
    }

    /// <summary>On a session already obtained through <see cref="ModelRegistry.Use{T}"/> (chained models).</summary>
    public static T Run<T>(InferenceSession session, string[] inputNames, OrtValue[] inputs, string[] outputNames,
        Func<IReadOnlyList<OrtValue>, T> read)
    {
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, inputNames, inputs, outputNames);
        return read(outputs);
    }
}
