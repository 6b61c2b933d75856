namespace InstaIntel.Intelligence.Ocr;

/// <summary>
/// Greedy CTC decoding of PP-OCR's recogniser: per time step the most probable class; class 0 is the CTC blank,
/// repeats collapse, class i ≥ 1 is dictionary line i − 1, and the last class is a space (ppocr_keys_v1.txt has no space).
/// </summary>
public sealed class CtcDecoder
{
    private readonly string[] _characters;

    public CtcDecoder(IEnumerable<string> dictionaryLines) => _characters = [.. dictionaryLines, " "];

    /// <summary>Reads ppocr_keys_v1.txt: one character a line.</summary>
    public static CtcDecoder FromFile(string path) =>
        new(File.ReadAllText(path).Replace("\r", "").TrimEnd('\n').Split('\n'));

    /// <summary>Classes the recogniser must output: blank + dictionary + space.</summary>
    public int ClassCount => _characters.Length + 1;

    /// <param name="probabilities">Row-major [steps, classes] softmax output.</param>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> probabilities, int steps)
    {
        var classes = probabilities.Length / steps;
        if (classes != ClassCount)
            throw new InvalidOperationException($"the recogniser outputs {classes} classes, the dictionary gives {ClassCount}");
        var text = new System.Text.StringBuilder();
        var confidence = 0d;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }
            if (best != 0 && best != previous)
            {
                text.Append(_characters[best - 1]);
                confidence += row[best];
                kept++;
            }
            previous = best;
        }
        return (text.ToString(), kept == 0 ? 0f : (float)(confidence / kept));
    }
}
