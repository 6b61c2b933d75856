using System.Buffers;

namespace InstaIntel.Intelligence.Imaging;

/// <summary>
/// RGBA bytes to a model's three float planes (NCHW), each byte mapped through a table built once from the model's
/// normalisation: the same float per byte value as computing it pixel by pixel, without the per-pixel arithmetic.
/// </summary>
internal sealed class PlanarConversion
{
    private readonly float[] _table = new float[3 * 256];
    private readonly int[] _source;

    /// <param name="normalise">The value of byte <c>value</c> in plane <c>plane</c>.</param>
    /// <param name="bgr">Plane 0 is blue (PaddleOCR's cv2 order) instead of red.</param>
    public PlanarConversion(Func<int, int, float> normalise, bool bgr = false)
    {
        for (var plane = 0; plane < 3; plane++)
        {
            for (var value = 0; value < 256; value++)
                _table[plane * 256 + value] = normalise(plane, value);
        }
        _source = bgr ? [2, 1, 0] : [0, 1, 2];
    }

    /// <summary>Writes the planes of <paramref name="rgba"/> (pixels × 4 bytes) into <paramref name="planes"/> (3 × pixels).</summary>
    public void Write(ReadOnlySpan<byte> rgba, Span<float> planes)
    {
        var count = rgba.Length / 4;
        for (var plane = 0; plane < 3; plane++)
        {
            var table = _table.AsSpan(plane * 256, 256);
            var target = planes.Slice(plane * count, count);
            var source = _source[plane];
            for (var i = 0; i < target.Length; i++)
                target[i] = table[rgba[i * 4 + source]];
        }
    }

    /// <summary>
    /// The planes of <c>image.Crop(region).Resize(width, height)</c> into <paramref name="planes"/> (3 × width × height),
    /// the resized pixels held in a pooled buffer meanwhile.
    /// </summary>
    public void WriteResized(RgbaImage image, PixelRegion region, int width, int height, Span<float> planes)
    {
        var length = width * height * 4;
        var resized = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            image.ResizeInto(region, width, height, resized);
            Write(resized.AsSpan(0, length), planes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(resized);
        }
    }
}
