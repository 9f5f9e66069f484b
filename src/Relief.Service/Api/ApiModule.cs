using Relief.Service.Security;
using Relief.Store.Application;

namespace Relief.Service.Api;

/// <summary>
/// The REST API over the follow-up store (docs/api.md), at <c>/api</c>. Every endpoint needs a signed-in
/// person (policy <c>relief-user</c>); which patients they reach is decided per request by
/// <see cref="ApiCaller"/>; the handlers call one store method each and map its result.
/// </summary>
public static class ApiModule
{
    public static void MapReliefApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(UserSecurityModule.Policy).DisableAntiforgery();

        api.MapGet("/patients", PatientEndpoints.ListAsync);
        api.MapGet("/patients/{id}", PatientEndpoints.GetAsync);
        api.MapGet("/patients/{id}/assessment", PatientEndpoints.AssessmentAsync);
        api.MapGet("/tasks/due", PatientEndpoints.DueTasksAsync);

        api.MapGet("/patients/{id}/diary", DiaryEndpoints.ListAsync);
        api.MapPost("/patients/{id}/diary", DiaryEndpoints.AddAsync);
        api.MapGet("/diary/{entryId:long}", DiaryEndpoints.GetAsync);
        api.MapPut("/diary/{entryId:long}", DiaryEndpoints.AmendAsync);

        api.MapGet("/patients/{id}/courses", CareEndpoints.CoursesAsync);
        api.MapPost("/patients/{id}/courses", CareEndpoints.StartCourseAsync);
        api.MapPost("/courses/{courseId:long}/dose-changes", CourseEndpoints.ChangeDoseAsync);
        api.MapPost("/courses/{courseId:long}/stop", CourseEndpoints.StopAsync);
        api.MapPost("/patients/{id}/adverse-events", CareEndpoints.AddAdverseEventAsync);
        api.MapPost("/patients/{id}/labs", CareEndpoints.AddLabAsync);
        api.MapPost("/courses/{courseId:long}/adherence", RecordEndpoints.AdherenceAsync);

        api.MapGet("/patients/{id}/goals", GoalEndpoints.ListAsync);
        api.MapPost("/patients/{id}/goals", GoalEndpoints.AddAsync);
        api.MapPut("/goals/{goalId:long}/status", GoalEndpoints.UpdateStatusAsync);

        api.MapPost("/bundles", RecordEndpoints.ImportAsync);
        api.MapGet("/patients/{id}/export", RecordEndpoints.ExportAsync);
        api.MapGet("/diary/{entityId:long}/history", RecordEndpoints.History(HistoryKind.DiaryEntry));
        api.MapGet("/courses/{entityId:long}/history", RecordEndpoints.History(HistoryKind.TreatmentCourse));
        api.MapGet("/goals/{entityId:long}/history", RecordEndpoints.History(HistoryKind.PatientGoal));
    }
}
