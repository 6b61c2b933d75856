namespace InstaIntel.Intelligence.Ocr;

/// <summary>Every line read from a picture, top to bottom then left to right.</summary>
public sealed record OcrResult(IReadOnlyList<OcrLine> Lines)
{
    /// <summary>The lines joined with newlines, for captions, search and relevance scoring.</summary>
    public string Text => string.Join('\n', Lines.Select(l => l.Text));
}
