using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using Relief.Core.Assessment;
using Relief.Core.Knowledge;
using Relief.Fhir.CdsHooks;
using Relief.Service.CdsHooks.Cards;
using Relief.Service.CdsHooks.Feedback;
using Relief.Service.CdsHooks.Prefetch;
using Relief.Service.Fhir;
using Relief.Service.Hosting;
using Relief.Service.Observability;

namespace Relief.Service.CdsHooks;

/// <summary>
/// One service call, start to end: body (413 past the limit) → request checks (400/422) → prefetch,
/// completed from fhirServer where missing (412 when it cannot be) → record (422 for a record that cannot
/// be read) → assessment → cards. Every refusal is an OperationOutcome naming what is wrong.
/// </summary>
public sealed class CdsInvocation(
    Assessor assessor,
    KnowledgeBase knowledge,
    FhirServerFetcher fetcher,
    IssuedCardLog issued,
    ReliefServiceOptions options,
    CdsTelemetry telemetry,
    TimeProvider time)
{
    public async Task<IResult> InvokeAsync(HttpContext http, string serviceId)
    {
        if (CdsServiceCatalog.HookOf(serviceId) is not { } hook)
        {
            return OperationOutcomes.Result(http, StatusCodes.Status404NotFound, "not-found", null,
                $"no CDS service \"{(serviceId.Length > 64 ? serviceId[..64] + "…" : serviceId)}\"; GET /cds-services lists the services");
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = CdsTelemetry.Source.StartActivity("cds.invoke");
        activity?.SetTag("cds.hook", CdsHookNames.Of(hook));
        var status = StatusCodes.Status200OK;
        var cardCount = 0;
        try
        {
            var (result, code, cards) = await AnswerAsync(http, hook, serviceId);
            status = code;
            cardCount = cards;
            return result;
        }
        finally
        {
            var tags = new TagList { { "cds.hook", CdsHookNames.Of(hook) }, { "http.response.status_code", status } };
            telemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            if (status == StatusCodes.Status200OK)
            {
                telemetry.CardsPerResponse.Record(cardCount, new KeyValuePair<string, object?>("cds.hook", CdsHookNames.Of(hook)));
            }
        }
    }

    private async Task<(IResult Result, int Status, int Cards)> AnswerAsync(HttpContext http, CdsHook hook, string serviceId)
    {
        using var body = await RequestBody.ReadAsync(http.Request, options.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return Refuse(http, new CdsRequestError(StatusCodes.Status413PayloadTooLarge, "too-costly", null,
                $"the request body is over the {options.MaxRequestBodyBytes / (1024 * 1024)} MB limit (Relief:MaxRequestBodyBytes)"));
        }

        using var document = CdsRequestReader.Parse(body.Memory, out var syntaxError);
        if (document is null)
        {
            return Refuse(http, syntaxError!);
        }

        if (CdsRequestReader.Read(document.RootElement, hook, out var readError) is not { } request)
        {
            return Refuse(http, readError!);
        }

        var today = LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime);
        var coverage = PrefetchCoverage.Of(request.Prefetch, PrefetchTemplates.All);
        if (coverage.Complete)
        {
            return Assess(http, request, serviceId, [], today);
        }

        var missing = coverage.Missing.Where(t => t.Required).ToList();
        if (request.FhirServer is null)
        {
            return Refuse(http, Precondition(missing.Select(t => $"{t.Key}: not in the prefetch and no fhirServer to fetch it from"), coverage.Failures));
        }

        using var fetched = await FetchAsync(request, missing, today, http.RequestAborted);
        if (fetched.Failures.Count > 0)
        {
            return Refuse(http, Precondition(fetched.Failures, coverage.Failures));
        }

        return Assess(http, request, serviceId, fetched.Resources, today);
    }

    private async Task<FetchResult> FetchAsync(CdsRequest request, List<PrefetchTemplate> missing, LocalDate today, CancellationToken cancellationToken)
    {
        using var activity = CdsTelemetry.Source.StartActivity("cds.fetch");
        activity?.SetTag("cds.fetch.queries", missing.Count);
        return await fetcher.FetchAsync(request, missing, today, cancellationToken);
    }

    private (IResult, int, int) Assess(HttpContext http, CdsRequest request, string serviceId, IEnumerable<JsonElement> fetched, LocalDate today)
    {
        if (CdsRecordBuilder.Build(request, fetched, out var recordError) is not { } record)
        {
            return Refuse(http, recordError!);
        }

        CdsAssessment result;
        using (CdsTelemetry.Source.StartActivity("cds.assess"))
        {
            result = CdsAssessor.Assess(assessor, record, today);
        }

        var context = new CardContext(request, record, knowledge, AssessmentUrl(http, request.Context.PatientId), options.SmartLaunchUrl, options.MaxInfoCards);
        var cards = CardBuilder.Build(result, context);
        issued.Record(serviceId, cards);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new CdsResponse(cards), CdsJsonContext.Default.CdsResponse);
        return (Results.Bytes(bytes, "application/json"), StatusCodes.Status200OK, cards.Count);
    }

    private string AssessmentUrl(HttpContext http, string patientId)
    {
        var root = string.IsNullOrEmpty(options.PublicBaseUrl) ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : options.PublicBaseUrl.TrimEnd('/');
        return $"{root}/patients/{Uri.EscapeDataString(patientId)}";
    }

    private static CdsRequestError Precondition(IEnumerable<string> missing, IEnumerable<string> ehrFailures)
    {
        var parts = missing.ToList();
        var failures = ehrFailures.ToList();
        var message = $"the patient's data could not be obtained ({string.Join("; ", parts)})";
        if (failures.Count > 0)
        {
            message += $"; the EHR reported: {string.Join("; ", failures)}";
        }

        return new CdsRequestError(StatusCodes.Status412PreconditionFailed, "incomplete", "prefetch", message);
    }

    private static (IResult, int, int) Refuse(HttpContext http, CdsRequestError error) =>
        (OperationOutcomes.Result(http, error.Status, error.IssueCode, error.Expression, error.Message), error.Status, 0);
}
