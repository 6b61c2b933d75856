using System.Text.Json.Nodes;
using InstaIntel.Simulator.Faults;

namespace InstaIntel.Simulator.Api;

/// <summary>Instagram's error bodies, field for field as in the fixtures (errors_documented.json and the error_*.json
/// captures); where two shapes exist for one error the body carries the fields of both.</summary>
internal static class ApiErrors
{
    public static IResult LoginRequired(int status = StatusCodes.Status403Forbidden) => Json.Ok(new JsonObject
    {
        ["message"] = "login_required",
        ["logout_reason"] = 2,
        ["status"] = "fail",
    }, status);

    public static IResult RateLimited(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Json.Ok(new JsonObject
        {
            ["message"] = "Please wait a few minutes before you try again.",
            ["require_login"] = true,
            ["status"] = "fail",
        }, StatusCodes.Status429TooManyRequests);
    }

    public static IResult CheckpointRequired(string userId) => Json.Ok(new JsonObject
    {
        ["message"] = "checkpoint_required",
        ["checkpoint_url"] = $"/challenge/{userId}/AbCdEf/",
        ["lock"] = false,
        ["flow_render_type"] = 0,
        ["error_type"] = "checkpoint_challenge_required",
        ["challenge"] = new JsonObject
        {
            ["url"] = $"/challenge/{userId}/AbCdEf/",
            ["api_path"] = $"/challenge/{userId}/AbCdEf/",
            ["lock"] = false,
            ["logout"] = false,
            ["native_flow"] = true,
        },
        ["status"] = "fail",
    }, StatusCodes.Status400BadRequest);

    public static IResult ChallengeRequired() => Json.Ok(new JsonObject
    {
        ["message"] = "challenge_required",
        ["challenge"] = new JsonObject
        {
            ["url"] = "/challenge/?next=/api/v1/accounts/login/",
            ["api_path"] = "/challenge/",
            ["hide_webview_header"] = true,
            ["lock"] = true,
            ["logout"] = false,
            ["native_flow"] = true,
            ["flow_render_type"] = 0,
        },
        ["status"] = "fail",
    }, StatusCodes.Status400BadRequest);

    public static IResult FeedbackRequired() => Json.Ok(new JsonObject
    {
        ["message"] = "feedback_required",
        ["spam"] = true,
        ["feedback_title"] = "Try Again Later",
        ["feedback_message"] = "We limit how often you can do certain things on Instagram to protect our community. Tell us if you think we made a mistake.",
        ["feedback_url"] = "repute/report_problem/scraping/",
        ["feedback_appeal_label"] = "Report problem",
        ["feedback_ignore_label"] = "OK",
        ["feedback_action"] = "report_problem",
        ["status"] = "fail",
    }, StatusCodes.Status400BadRequest);

    public static IResult ServerError(int status, bool emptyBody) => emptyBody
        ? Results.StatusCode(status)
        : Results.Content("<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Oops, an error occurred.</h1></body></html>",
            "text/html; charset=utf-8", statusCode: status);

    public static IResult UserNotFound() => Fail("User not found", StatusCodes.Status404NotFound);

    public static IResult MediaNotFound() => Fail("Media not found or unavailable", StatusCodes.Status404NotFound);

    public static IResult BadRequest(string message) => Fail(message, StatusCodes.Status400BadRequest);

    public static IResult UserAgentMismatch() => Fail("useragent mismatch", StatusCodes.Status400BadRequest);

    public static IResult CsrfFailed() => Fail("CSRF token missing or incorrect", StatusCodes.Status403Forbidden);

    public static IResult Fail(string message, int status) => Json.Ok(new JsonObject { ["message"] = message, ["status"] = "fail" }, status);

    /// <summary>The response of a terminal fault (all but slow and truncated).</summary>
    public static IResult ForFault(FaultSpec fault, HttpContext context, string? userId) => fault.Kind switch
    {
        FaultKind.RateLimit => RateLimited(context, fault.RetryAfterSeconds),
        FaultKind.LoginRequired => LoginRequired(fault.Status),
        FaultKind.CheckpointRequired => CheckpointRequired(userId ?? "1234567890"),
        FaultKind.ChallengeRequired => ChallengeRequired(),
        FaultKind.FeedbackRequired => FeedbackRequired(),
        FaultKind.ServerError => ServerError(fault.Status, fault.EmptyBody),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "not a terminal fault"),
    };
}
