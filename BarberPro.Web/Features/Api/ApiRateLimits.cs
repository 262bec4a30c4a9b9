using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using BarberPro.Web.Features.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BarberPro.Web.Features.Api;

/// <summary>One limit: so many requests per window from one IP address and for one user or account.</summary>
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

    /// <summary>
    /// Signing in, by either door (POST /api/v1/auth/token and the sign-in form share the counters); "user" is the email
    /// tried. Identity's lockout also applies per account and device (<see cref="CredentialCheck"/>).
    /// </summary>
    public RateLimitRule Token { get; set; } = new() { PerIp = 30, PerUser = 10, WindowSeconds = 60 };

    /// <summary>Opening an account (POST /api/v1/auth/register and the sign-up form); "user" is the email given.</summary>
    public RateLimitRule Register { get; set; } = new() { PerIp = 30, PerUser = 10, WindowSeconds = 60 };

    /// <summary>Any other account door (password reset, email confirmation…); "user" is the email given.</summary>
    public RateLimitRule Account { get; set; } = new() { PerIp = 30, PerUser = 10, WindowSeconds = 60 };

    /// <summary>Every POST under /api/v1/bookings; "user" is the token's user.</summary>
    public RateLimitRule Bookings { get; set; } = new() { PerIp = 120, PerUser = 30, WindowSeconds = 60 };

    public RateLimitRule For(string policy) => policy switch
    {
        ApiRateLimits.TokenPolicy => Token,
        ApiRateLimits.RegisterPolicy => Register,
        ApiRateLimits.BookingsPolicy => Bookings,
        _ => Account,
    };
}

/// <summary>
/// Marks a door limited by one of the <see cref="ApiRateLimitOptions"/> rules. On an API endpoint use
/// <see cref="ApiRateLimits.WithApiRateLimit{TBuilder}"/>; on a static form page, <c>@attribute [RateLimited(ApiRateLimits.TokenPolicy)]</c>
/// (there only its POSTs count: reading the page is free). Adding a door is that one line.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;

    /// <summary>Only POSTs are counted (a form page); false on API endpoints, where every request counts.</summary>
    public bool PostsOnly { get; init; } = true;
}

/// <summary>
/// Fixed-window limits per IP and per user (or, on account doors, per email tried), chained: a request passes only
/// when both allow it. Rejections are 429 with Retry-After: a problem on /api, a page in the visitor's language elsewhere.
/// </summary>
public static class ApiRateLimits
{
    public const string TokenPolicy = "token";
    public const string RegisterPolicy = "register";
    public const string AccountPolicy = "account";
    public const string BookingsPolicy = "bookings";

    /// <summary>Where the email tried at an account door is kept for the per-account partition.</summary>
    private const string AccountItem = "BarberPro.RateLimit.Account";

    private const int MaxJsonBodyRead = 16 * 1024;

    public static TBuilder WithApiRateLimit<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedAttribute(policy) { PostsOnly = false });

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiRateLimitOptions>(configuration.GetSection(ApiRateLimitOptions.Section));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, perIp: true)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, perIp: false)));
            o.OnRejected = (context, _) =>
            {
                var policy = Door(context.HttpContext)?.Policy ?? BookingsPolicy;
                var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.For(policy).Window;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                return new ValueTask(ApiErrors.IsApi(context.HttpContext.Request.Path)
                    ? WriteTooManyAsync(context.HttpContext, retryAfter)
                    : TooManyAttemptsPage.WriteAsync(context.HttpContext, retryAfter));
            };
        });
        return services;
    }

    /// <summary>The rate limits, after reading which account an account door's request is about.</summary>
    public static IApplicationBuilder UseApiRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            await ReadAccountTriedAsync(context);
            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static RateLimitedAttribute? Door(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } door && (!door.PostsOnly || HttpMethods.IsPost(context.Request.Method))
            ? door
            : null;

    private static bool IsAccountDoor(string policy) => policy != BookingsPolicy;

    private static RateLimitPartition<string> Partition(HttpContext context, bool perIp)
    {
        if (Door(context) is not { } door)
            return RateLimitPartition.GetNoLimiter("");
        var rule = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.For(door.Policy);
        var who = perIp
            ? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"
            : IsAccountDoor(door.Policy) ? context.Items[AccountItem] as string : ApiActors.UserId(context.User);
        if (who is null)
            return RateLimitPartition.GetNoLimiter("");
        var limit = perIp ? rule.PerIp : rule.PerUser;
        return RateLimitPartition.GetFixedWindowLimiter($"{door.Policy}|{(perIp ? "ip" : "user")}|{who}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit),
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// At an account door, the email tried: the form's Input.Email, or a JSON body's "email" (bodies over 16 KB are not
    /// read for it; the per-IP limit still applies). Both doors of one account share its counter.
    /// </summary>
    private static async Task ReadAccountTriedAsync(HttpContext context)
    {
        if (Door(context) is not { } door || !IsAccountDoor(door.Policy) || !HttpMethods.IsPost(context.Request.Method))
            return;
        string? email = null;
        var request = context.Request;
        // A form that failed anti-forgery (also one too large to read) is refused by the page with 400; reading it
        // here would throw. The per-IP limit still counts it.
        if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
            return;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                email = form["Input.Email"].ToString();
            }
            catch (InvalidDataException)
            {
                // A malformed or oversized form: the page answers it; the per-IP limit still counts it.
            }
        }
        else if (request.HasJsonContentType() && request.ContentLength is null or <= MaxJsonBodyRead)
        {
            request.EnableBuffering();
            var buffer = new byte[MaxJsonBodyRead + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted)) > 0)
                read += n;
            request.Body.Position = 0;
            if (read <= MaxJsonBodyRead)
                email = EmailIn(buffer.AsSpan(0, read));
        }
        if (!string.IsNullOrWhiteSpace(email))
            context.Items[AccountItem] = email.Trim().ToUpperInvariant();
    }

    private static string? EmailIn(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEmail = reader.ValueTextEquals("email"u8) || reader.ValueTextEquals("Email"u8);
                if (!reader.Read())
                    return null;
                if (isEmail)
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    /// <summary>A 429 problem with Retry-After in whole seconds (at least 1).</summary>
    public static async Task WriteTooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = RetryAfterSeconds(retryAfter);
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

    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}

/// <summary>A 429 problem with Retry-After, for limits checked inside a handler.</summary>
public sealed class TooManyRequests(TimeSpan retryAfter) : IResult, IStatusCodeHttpResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status429TooManyRequests;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemResult.ContentTypeName]));

    public Task ExecuteAsync(HttpContext httpContext) => ApiRateLimits.WriteTooManyAsync(httpContext, retryAfter);
}

