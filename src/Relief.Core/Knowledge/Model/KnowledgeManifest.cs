namespace Relief.Core.Knowledge.Model;

/// <summary>Name and version of a knowledge release; every assessment records the version it used.</summary>
public sealed record KnowledgeManifest(string Name, string Version, string? Released);
