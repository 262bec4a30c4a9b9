using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Api;

/// <summary>One limit: so many requests per window from one IP address and from one user.</summary>
public sealed class RateLimitRule
{
    public int PerIp { get; set; }
    public int PerUser { get; set; }
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}

/// <summary>The "RateLimiting" configuration section.</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>POST /api/v1/auth/token; "user" is the email tried (Identity's lockout also applies per account).</summary>
    public RateLimitRule Token { get; set; } = new() { PerIp = 30, PerUser = 10, WindowSeconds = 60 };

    /// <summary>Every POST under /api/v1/bookings; "user" is the token's user.</summary>
    public RateLimitRule Bookings { get; set; } = new() { PerIp = 120, PerUser = 30, WindowSeconds = 60 };

    public RateLimitRule For(string policy) => policy == ApiRateLimits.TokenPolicy ? Token : Bookings;
}

/// <summary>Marks an endpoint as limited by one of the <see cref="ApiRateLimitOptions"/> rules.</summary>
public sealed record ApiRateLimitMetadata(string Policy);

/// <summary>
/// Fixed-window limits per IP and per user, chained: a request passes only when both allow it. Rejections are 429
/// problems with Retry-After.
/// </summary>
public static class ApiRateLimits
{
    public const string TokenPolicy = "token";
    public const string BookingsPolicy = "bookings";

    public static TBuilder WithApiRateLimit<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiRateLimitMetadata(policy));

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiRateLimitOptions>(configuration.GetSection(ApiRateLimitOptions.Section));
        services.AddSingleton<TokenAttemptLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, perIp: true)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, perIp: false)));
            o.OnRejected = (context, _) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ApiRateLimitMetadata>()?.Policy ?? BookingsPolicy;
                var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.For(policy).Window;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                return new ValueTask(WriteTooManyAsync(context.HttpContext, retryAfter));
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, bool perIp)
    {
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<ApiRateLimitMetadata>()?.Policy;
        if (policy is null)
            return RateLimitPartition.GetNoLimiter("");
        var rule = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.For(policy);
        var who = perIp ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown" : ApiActors.UserId(context.User);
        if (who is null)
            return RateLimitPartition.GetNoLimiter("");
        var limit = perIp ? rule.PerIp : rule.PerUser;
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{(perIp ? "ip" : "user")}|{who}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit),
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>A 429 problem with Retry-After in whole seconds (at least 1).</summary>
    public static async Task WriteTooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Demasiadas solicitudes",
            $"Hiciste demasiadas solicitudes. Probá de nuevo en {seconds} {(seconds == 1 ? "segundo" : "segundos")}.", "rate_limited");
        problem.Extensions["retryAfterSeconds"] = seconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }
}

/// <summary>The per-user half of the token endpoint's limit, keyed by the email tried (the request has no user yet).</summary>
public sealed class TokenAttemptLimiter(IOptions<ApiRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.Token.PerUser),
            Window = options.Value.Token.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Token.Window;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>A 429 problem with Retry-After, for limits checked inside a handler.</summary>
public sealed class TooManyRequests(TimeSpan retryAfter) : IResult, IStatusCodeHttpResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status429TooManyRequests;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemResult.ContentTypeName]));

    public Task ExecuteAsync(HttpContext httpContext) => ApiRateLimits.WriteTooManyAsync(httpContext, retryAfter);
}
