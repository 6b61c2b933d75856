namespace InstaIntel.Intelligence.Models;

/// <summary>The names the manifest gives each model and data file.</summary>
public static class ModelNames
{
    public const string FaceDetector = "face-detector";
    public const string FaceLandmarker = "face-landmarker";
    public const string FaceEmbedder = "face-embedder";
    public const string OcrDetector = "ocr-detector";
    public const string OcrRecognizer = "ocr-recognizer";
    public const string OcrDictionary = "ocr-dictionary";
    public const string ImagePreprocess = "image-preprocess";
    public const string ImageEmbedder = "image-embedder";
    public const string TextEmbedder = "text-embedder";
    public const string TextVocabulary = "text-vocabulary";
}
