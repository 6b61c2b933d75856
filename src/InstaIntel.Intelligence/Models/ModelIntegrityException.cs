namespace InstaIntel.Intelligence.Models;

/// <summary>A model file is missing or is not the file the manifest names: the registry refuses to load it.</summary>
public sealed class ModelIntegrityException(string message) : Exception(message);
