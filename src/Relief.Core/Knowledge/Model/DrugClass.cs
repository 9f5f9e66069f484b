namespace Relief.Core.Knowledge.Model;

/// <summary>A pharmacological class (SNRI, TCA, TNF inhibitor...); classes nest through <see cref="ParentId"/>.</summary>
public sealed record DrugClass(string Id, string Name, string? ParentId, string? Mechanism);
