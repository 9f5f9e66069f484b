using Relief.Service.Security;

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
    }
}
