using InstaIntel.Intelligence.Imaging;

namespace InstaIntel.Intelligence.Ocr;

/// <summary>One line of text read from a picture: the text, its box in pixels, and the mean character probability.</summary>
public sealed record OcrLine(string Text, BoundingBox Box, float Confidence);
