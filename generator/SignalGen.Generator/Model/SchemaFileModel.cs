using SignalGen.Schema.Model;

namespace SignalGen.Generator.Model;

/// <summary>A usable schema and the file it was read from; the path decides which schema wins a namespace clash.</summary>
/// <param name="Path">The schema file's path.</param>
/// <param name="Schema">What the file declares, without positions, so edits that only move text stay cached.</param>
internal sealed record SchemaFileModel(string Path, SchemaModel Schema);
