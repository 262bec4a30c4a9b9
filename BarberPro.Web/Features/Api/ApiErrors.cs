using Microsoft.AspNetCore.Diagnostics;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// Keeps every /api and /hubs answer a problem document: the pages' status-code pages (which would answer with the
/// HTML "not found" page) are switched off there, an error answered without a body (401 from the bearer handler, 400
/// from unreadable JSON or a bad GUID in the route, 404 for an unknown route, 405, 415) gets a Spanish problem body,
/// and an exception becomes a 500 problem instead of the HTML error page (a database fault a handler did not turn into
/// an answer: 503 with Retry-After).
/// </summary>
public sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    public static bool IsApi(PathString path) => path.StartsWithSegments(ApiSetup.ApiPrefix) || path.StartsWithSegments(ApiSetup.HubsPrefix);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            statusPages.Enabled = false;

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            logger.LogInformation("Bad API request {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                   && BarberPro.Domain.Data.DatabaseFaults.Classify(e) is { } fault)
        {
            // A write outside the booking paths that the database could not take in time (or at all): 503, not 500.
            logger.LogWarning(e, "API request {Method} {Path}: database {Fault}.", context.Request.Method, context.Request.Path, fault);
            context.Response.Clear();
            await ApiProblems.Unavailable(fault).ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "API request {Method} {Path} failed.", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        if (!context.Response.HasStarted && context.Response.StatusCode >= 400
            && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            var status = context.Response.StatusCode;
            var (title, detail, code) = ApiProblems.ForStatus(status);
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ApiProblems.Problem(status, title, detail, code),
            });
        }
    }
}
