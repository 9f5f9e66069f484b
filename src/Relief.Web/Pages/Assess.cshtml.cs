using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;
using Relief.Core.Assessment;
using Relief.Fhir.Contract;

namespace Relief.Web.Pages;

/// <summary>
/// Assesses an uploaded bundle without storing it. Bad input (no file, too large, not JSON, not a FHIR R4
/// Bundle with one Patient, an impossible date) is answered with the reason on the page and a 4xx status.
/// </summary>
[RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024)]
public sealed class AssessModel(AssessmentPipeline pipeline, TimeProvider clock) : PageModel
{
    public const int MaxUploadBytes = 20_000_000;

    public PatientAssessment? Assessment { get; private set; }

    public AssessmentDocument? Document { get; private set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(IFormFile? bundle, string? asOf, CancellationToken cancellationToken)
    {
        if (bundle is null || bundle.Length == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, "Choose a FHIR R4 Bundle (JSON) to upload.");
        }

        if (bundle.Length > MaxUploadBytes)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge, $"The file is {bundle.Length / 1_000_000.0:0.#} MB; the limit is {MaxUploadBytes / 1_000_000} MB.");
        }

        var today = LocalDate.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var date = today;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            var parsed = LocalDatePattern.Iso.Parse(asOf);
            if (!parsed.Success || parsed.Value.Year < 1900 || parsed.Value > today.PlusYears(1))
            {
                return Fail(StatusCodes.Status400BadRequest, $"'{asOf}' is not a usable assessment date (yyyy-MM-dd, from 1900 to a year from today).");
            }

            date = parsed.Value;
        }

        using var buffer = new MemoryStream((int)bundle.Length);
        await bundle.CopyToAsync(buffer, cancellationToken);
        Document = pipeline.AssessJson(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), date, bundle.FileName);
        if (Document.Error is { } error)
        {
            return Fail(StatusCodes.Status400BadRequest, $"{bundle.FileName} could not be assessed: {error.Message}");
        }

        Assessment = Document.Assessment;
        return Page();
    }

    private PageResult Fail(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }
}
