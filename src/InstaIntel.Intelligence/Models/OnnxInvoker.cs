using Microsoft.ML.OnnxRuntime;

namespace InstaIntel.Intelligence.Models;

/// <summary>Runs a session on float inputs and copies the named outputs out, so no native memory outlives the call.</summary>
internal static class OnnxInvoker
{
    public static TensorOutput[] Run(ModelRegistry registry, string model, string inputName, float[] input, long[] shape, params string[] outputNames) =>
        Run(registry, model, [(inputName, OrtValue.CreateTensorValueFromMemory(input, shape))], outputNames);

    /// <summary>Through <see cref="ModelRegistry.Use{T}"/>, so the registry's disposal waits for the run.</summary>
    public static TensorOutput[] Run(ModelRegistry registry, string model, IReadOnlyList<(string Name, OrtValue Value)> inputs, params string[] outputNames)
    {
        try
        {
            return registry.Use(model, session => Run(session, inputs, outputNames));
        }
        finally
        {
            foreach (var (_, value) in inputs)
                value.Dispose();
        }
    }

    private static TensorOutput[] Run(InferenceSession session, IReadOnlyList<(string Name, OrtValue Value)> inputs, string[] outputNames)
    {
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), outputNames);
        var result = new TensorOutput[outputNames.Length];
        for (var i = 0; i < outputNames.Length; i++)
        {
            var value = outputs[i];
            result[i] = new TensorOutput(value.GetTensorDataAsSpan<float>().ToArray(), value.GetTensorTypeAndShape().Shape);
        }
        return result;
    }
}
