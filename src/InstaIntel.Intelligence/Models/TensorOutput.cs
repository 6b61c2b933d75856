namespace InstaIntel.Intelligence.Models;

/// <summary>A copied output tensor: its values (row-major) and its shape.</summary>
internal sealed record TensorOutput(float[] Values, long[] Shape);
