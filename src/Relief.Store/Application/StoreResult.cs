using System.Collections.Immutable;

namespace Relief.Store.Application;

/// <summary>
/// The answer of every store operation: a value, or the reasons it was refused, as values (never exceptions):
/// invalid input names the field, a stale version is a conflict, an unknown id is not found. The HTTP layer maps
/// these to 400, 412/409 and 404 without re-deciding anything.
/// </summary>
public sealed record StoreResult<T>
{
    public T? Value { get; init; }

    public StoreOutcome Outcome { get; init; }

    public ImmutableArray<StoreError> Errors { get; init; } = [];

    public bool Succeeded => Outcome == StoreOutcome.Ok;

    public static StoreResult<T> Ok(T value) => new() { Value = value, Outcome = StoreOutcome.Ok };

    public static StoreResult<T> Invalid(IEnumerable<StoreError> errors) => new() { Outcome = StoreOutcome.Invalid, Errors = [.. errors] };

    public static StoreResult<T> Invalid(string field, string message) => Invalid([new StoreError(field, message)]);

    public static StoreResult<T> NotFound(string what) => new() { Outcome = StoreOutcome.NotFound, Errors = [new StoreError("id", $"{what} not found")] };

    public static StoreResult<T> Conflict(string message) => new() { Outcome = StoreOutcome.Conflict, Errors = [new StoreError("version", message)] };

    /// <summary>The first error as one line, for the CLI.</summary>
    public string Message => Errors.IsDefaultOrEmpty ? "" : string.Join("; ", Errors.Select(e => e.ToString()));
}

public enum StoreOutcome
{
    Ok,
    Invalid,
    NotFound,

    /// <summary>The expected version (ETag) is not the stored one: someone changed the entry first.</summary>
    Conflict,
}

/// <summary>One problem with the input: the field (as the API and CLI name it) and what is wrong.</summary>
public sealed record StoreError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
