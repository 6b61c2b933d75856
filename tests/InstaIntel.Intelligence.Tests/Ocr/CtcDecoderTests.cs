using InstaIntel.Intelligence.Ocr;

namespace InstaIntel.Intelligence.Tests.Ocr;

public sealed class CtcDecoderTests
{
    // Classes: 0 blank, 1 'a', 2 'l', 3 'o', 4 space.
    private readonly CtcDecoder _decoder = new(["a", "l", "o"]);

    private float[] Steps(params int[] classes)
    {
        var probabilities = new float[classes.Length * _decoder.ClassCount];
        for (var t = 0; t < classes.Length; t++)
        {
            for (var c = 0; c < _decoder.ClassCount; c++)
                probabilities[t * _decoder.ClassCount + c] = c == classes[t] ? 0.9f : 0.1f / (_decoder.ClassCount - 1);
        }
        return probabilities;
    }

    [Fact]
    public void Repeats_collapse_and_a_blank_separates_double_letters()
    {
        var (text, confidence) = _decoder.Decode(Steps(1, 1, 2, 2, 0, 2, 3, 3, 0), 9);

        Assert.Equal("allo", text);
        Assert.Equal(0.9f, confidence, 4);
    }

    [Fact]
    public void The_class_after_the_dictionary_is_a_space()
    {
        Assert.Equal(5, _decoder.ClassCount);
        Assert.Equal("a lo", _decoder.Decode(Steps(1, 4, 2, 3), 4).Text);
    }

    [Fact]
    public void Only_blanks_read_as_nothing_with_zero_confidence()
    {
        Assert.Equal(("", 0f), _decoder.Decode(Steps(0, 0, 0), 3));
    }

    [Fact]
    public void A_recogniser_with_another_class_count_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => _decoder.Decode(new float[3 * 7], 3));
    }
}
