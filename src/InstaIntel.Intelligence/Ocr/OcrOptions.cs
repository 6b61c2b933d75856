namespace InstaIntel.Intelligence.Ocr;

/// <summary>PP-OCRv4 pre- and post-processing, bound from <c>InstaIntel:Ocr</c>.</summary>
public sealed record OcrOptions
{
    public const string Section = "InstaIntel:Ocr";

    /// <summary>The whole-picture detection pass shrinks the long side to this (a multiple of 32).</summary>
    public int DetectionMaxSide { get; init; } = 960;

    /// <summary>
    /// Pictures larger than <see cref="DetectionMaxSide"/> are also detected in tiles of this side at full resolution:
    /// a caption 20 px high on a 3000 px photo is 6 px after shrinking, too small for the detector.
    /// </summary>
    public int TileSize { get; init; } = 960;

    /// <summary>Off only to measure what tiling buys (tests, benchmarks).</summary>
    public bool EnableTiling { get; init; } = true;

    /// <summary>Share of a tile that overlaps its neighbour, so a word cut at one tile's edge is whole in the next.</summary>
    public float TileOverlap { get; init; } = 0.2f;

    /// <summary>DBNet's text probability above which a pixel is text.</summary>
    public float BinarizeThreshold { get; init; } = 0.3f;

    /// <summary>Mean text probability inside a candidate box at or above which it is kept.</summary>
    public float BoxScoreThreshold { get; init; } = 0.6f;

    /// <summary>DBNet predicts shrunk text regions; each is grown by area × ratio / perimeter.</summary>
    public float UnclipRatio { get; init; } = 1.5f;

    /// <summary>
    /// Margin added around a line box before recognition, as a share of its height: tight crops make the recogniser
    /// drop spaces and read 0 as o at some sizes (seen at 40 px DejaVu; 0.15 reads them right from 20 to 64 px).
    /// </summary>
    public float RecognitionPadding { get; init; } = 0.15f;

    /// <summary>Recognised lines whose mean character probability is below this are dropped.</summary>
    public float MinLineConfidence { get; init; } = 0.5f;

    /// <summary>Widest line crop fed to the recogniser (pixels at height 48); longer lines are squeezed.</summary>
    public int MaxRecognitionWidth { get; init; } = 2048;

    public void Validate()
    {
        if (DetectionMaxSide < 32 || DetectionMaxSide % 32 != 0)
            throw new InvalidOperationException($"{Section}:DetectionMaxSide must be a positive multiple of 32");
        if (TileSize < 32 || TileSize % 32 != 0)
            throw new InvalidOperationException($"{Section}:TileSize must be a positive multiple of 32");
        if (TileOverlap is < 0 or >= 0.5f)
            throw new InvalidOperationException($"{Section}:TileOverlap must be in [0, 0.5)");
        if (BinarizeThreshold is <= 0 or >= 1 || BoxScoreThreshold is <= 0 or >= 1 || MinLineConfidence is < 0 or >= 1)
            throw new InvalidOperationException($"{Section}: thresholds must be in (0, 1)");
        if (RecognitionPadding is < 0 or > 1)
            throw new InvalidOperationException($"{Section}:RecognitionPadding must be in [0, 1]");
        if (UnclipRatio <= 0)
            throw new InvalidOperationException($"{Section}:UnclipRatio must be positive");
        if (MaxRecognitionWidth < 48)
            throw new InvalidOperationException($"{Section}:MaxRecognitionWidth must be at least 48");
    }
}
