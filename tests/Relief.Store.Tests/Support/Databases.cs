namespace Relief.Store.Tests.Support;

/// <summary>Trait names the store tests carry: run or exclude them with --filter "Requires!=PostgreSQL".</summary>
public static class Requires
{
    public const string Name = "Requires";
    public const string PostgreSql = "PostgreSQL";
    public const string SharedData = "SharedData";
}
