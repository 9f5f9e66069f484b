using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;

namespace Relief.Web.SignIn;

/// <summary>
/// The deployment's sign-in accounts: a JSON file (<c>relief users add</c> writes it, mode 0600 on Unix) read
/// again whenever it changes, so adding or removing a user needs no restart. Passwords are hashed and checked
/// with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>; nothing here is hand-written cryptography.
/// </summary>
public sealed class WebUserFile(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly PasswordHasher<WebUser> Hasher = new();

    /// <summary>Hashed once so an unknown name costs the same PBKDF2 work as a known one (no name probing by timing).</summary>
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(null!, Guid.NewGuid().ToString("N")));

    private readonly Lock _gate = new();
    private (DateTime Written, long Length, IReadOnlyDictionary<string, WebUser> Users)? _cache;

    public const int MinimumPasswordLength = 12;

    public string Path { get; } = path;

    /// <summary>The default place beside the default store: $XDG_DATA_HOME/relief/web-users.json (or ~/.local/share/relief).</summary>
    public static string DefaultPath()
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return System.IO.Path.Combine(data, "relief", "web-users.json");
    }

    /// <summary>Every account, by name (empty when the file does not exist yet).</summary>
    public IReadOnlyDictionary<string, WebUser> Users()
    {
        var info = new FileInfo(Path);
        if (!info.Exists)
        {
            return new Dictionary<string, WebUser>(StringComparer.Ordinal);
        }

        lock (_gate)
        {
            if (_cache is { } cached && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                return cached.Users;
            }

            var users = Read();
            _cache = (info.LastWriteTimeUtc, info.Length, users);
            return users;
        }
    }

    public WebUser? Find(string name) => Users().GetValueOrDefault(name);

    /// <summary>The account when the password matches, else null (the same work either way).</summary>
    public WebUser? Verify(string name, string password)
    {
        var user = Find(name);
        var hash = user?.PasswordHash ?? DecoyHash.Value;
        var result = Hasher.VerifyHashedPassword(user!, hash, password);
        return user is not null && result != PasswordVerificationResult.Failed ? user : null;
    }

    /// <summary>Adds or replaces an account; the reason when the account is not acceptable.</summary>
    public string? Save(WebUser user, string password)
    {
        if (Problem(user, password) is { } problem)
        {
            return problem;
        }

        var users = new SortedDictionary<string, WebUser>(Read().ToDictionary(), StringComparer.Ordinal)
        {
            [user.Name] = user with { PasswordHash = Hasher.HashPassword(user, password) },
        };
        Write(users.Values);
        return null;
    }

    public bool Remove(string name)
    {
        var users = Read().Values.Where(u => u.Name != name).ToList();
        if (users.Count == Read().Count)
        {
            return false;
        }

        Write(users);
        return true;
    }

    private static string? Problem(WebUser user, string password)
    {
        if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Length > 100 || user.Name.Any(char.IsWhiteSpace))
        {
            return "a user name is 1-100 characters without spaces";
        }

        if (password.Length < MinimumPasswordLength)
        {
            return $"the password must be at least {MinimumPasswordLength} characters";
        }

        return user.Role switch
        {
            WebRoles.Patient when string.IsNullOrWhiteSpace(user.Patient) => "a patient account names the patient's id (--patient)",
            WebRoles.Patient when user.Patients.Count > 0 || user.AllPatients => "a patient account reaches only the patient's own record",
            WebRoles.Clinician when user.Patient is not null => "a clinician account has a panel (--panel ID or --all-patients), not --patient",
            WebRoles.Clinician when user.Patients.Count == 0 && !user.AllPatients => "a clinician account needs a panel (--panel ID, repeatable) or --all-patients",
            WebRoles.Patient or WebRoles.Clinician => null,
            _ => $"the role is '{WebRoles.Patient}' or '{WebRoles.Clinician}'",
        };
    }

    private Dictionary<string, WebUser> Read()
    {
        if (!File.Exists(Path))
        {
            return new Dictionary<string, WebUser>(StringComparer.Ordinal);
        }

        try
        {
            var users = JsonSerializer.Deserialize<List<WebUser>>(File.ReadAllBytes(Path), Json) ?? [];
            return users.ToDictionary(u => u.Name, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{Path} is not a Relief users file ({e.Message}); fix or remove it, then add users with `relief users add`", e);
        }
    }

    private void Write(IEnumerable<WebUser> users)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(users.ToList(), Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
