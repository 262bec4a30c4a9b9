using Microsoft.AspNetCore.Http.Features;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// The API reads at most <see cref="MaxBytes"/> of request body: every request it takes is a small JSON document.
/// A larger declared Content-Length is answered 413 before anything is read; a chunked body is cut off by Kestrel at
/// the same size (413 as well). <see cref="ApiErrors"/> writes the problem body ("request.too_large").
/// </summary>
public sealed class ApiBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (!ApiErrors.IsApi(context.Request.Path))
            return next(context);
        if (context.Request.ContentLength > MaxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxBytes;
        return next(context);
    }
}
