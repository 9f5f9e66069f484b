using Relief.Web.SignIn;

namespace Relief.Web.Tests;

/// <summary>The accounts file: hashed passwords, the right password only, accounts that make sense for their role.</summary>
public sealed class WebUserFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("relief-users-").FullName;

    private WebUserFile File => new(Path.Combine(_folder, "web-users.json"));

    [Fact]
    public void A_saved_password_is_stored_only_as_a_hash_and_only_it_verifies()
    {
        var users = File;
        Assert.Null(users.Save(new WebUser { Name = "ann", PasswordHash = "", Role = WebRoles.Patient, Patient = "p1" }, "correct horse battery"));

        Assert.DoesNotContain("correct horse", System.IO.File.ReadAllText(users.Path), StringComparison.Ordinal);
        Assert.Equal("p1", users.Verify("ann", "correct horse battery")?.Patient);
        Assert.Null(users.Verify("ann", "correct horse batterY"));
        Assert.Null(users.Verify("bob", "correct horse battery"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(users.Path));
        }
    }

    [Theory]
    [InlineData(WebRoles.Patient, null, false, "names the patient")]
    [InlineData(WebRoles.Clinician, null, false, "needs a panel")]
    [InlineData("admin", null, false, "the role is")]
    [InlineData(WebRoles.Patient, "p1", true, "only the patient's own record")]
    public void An_account_that_makes_no_sense_for_its_role_is_refused(string role, string? patient, bool all, string reason)
    {
        var problem = File.Save(new WebUser { Name = "x", PasswordHash = "", Role = role, Patient = patient, AllPatients = all }, "long-enough-password");

        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File.Path));
    }

    [Fact]
    public void A_short_password_is_refused()
    {
        Assert.Contains("at least 12", File.Save(new WebUser { Name = "x", PasswordHash = "", Role = WebRoles.Clinician, AllPatients = true }, "short"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_password_changes_the_session_stamp()
    {
        var users = File;
        var user = new WebUser { Name = "dr", PasswordHash = "", Role = WebRoles.Clinician, AllPatients = true };
        users.Save(user, "first-password-1");
        var before = WebAccess.Stamp(users.Find("dr")!);
        users.Save(user, "second-password-2");

        Assert.NotEqual(before, WebAccess.Stamp(users.Find("dr")!));
    }

    [Fact]
    public void A_broken_file_is_reported_with_its_path_not_a_stack_trace()
    {
        System.IO.File.WriteAllText(File.Path, "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => File.Users());
        Assert.Contains(File.Path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
