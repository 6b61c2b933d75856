using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace InstaIntel.Intelligence.Models;

/// <summary>
/// A float input tensor over an array rented from the shared pool: the caller fills <see cref="Span"/>, the invoker
/// wraps it (no copy), disposing returns the array. Inputs of a 224×224 or larger picture are large objects; renting
/// them keeps every image from allocating several and triggering full collections.
/// </summary>
internal sealed class PooledTensor : IDisposable
{
    private float[]? _array;

    public PooledTensor(params long[] shape)
    {
        long length = 1;
        foreach (var side in shape)
            length *= side;
        Length = checked((int)length);
        Shape = shape;
        _array = ArrayPool<float>.Shared.Rent(Length);
    }

    public long[] Shape { get; }

    public int Length { get; }

    public Span<float> Span => (_array ?? throw new ObjectDisposedException(nameof(PooledTensor))).AsSpan(0, Length);

    /// <summary>An OrtValue over the rented memory (pinned while it lives); dispose it before this tensor.</summary>
    public OrtValue ToOrtValue() =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            (_array ?? throw new ObjectDisposedException(nameof(PooledTensor))).AsMemory(0, Length), Shape);

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<float>.Shared.Return(array);
        }
    }
}
