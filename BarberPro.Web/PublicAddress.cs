namespace BarberPro.Web;

/// <summary>
/// The site's public address (<c>App:PublicBaseUrl</c>, e.g. https://turnos.barberpro.com.ar): the one base of every link
/// we send, account links (password reset, email confirmation) and booking links in notifications alike. Outside
/// Development and Testing it is required and must be an absolute http(s) address, checked at start-up: without it an
/// account link would follow whatever Host header the request carried, and a forged one would mail a reset token to a
/// stranger's site.
/// </summary>
public static class PublicAddress
{
    public const string Key = BarberPro.Domain.Notifications.NotificationOptions.PublicBaseUrlKey;

    /// <summary>The configured address, or null when it is unset.</summary>
    public static string? Configured(IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>Why the app cannot start with this configuration, or null when it can.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = Configured(configuration);
        if (configured is null)
            return environment.IsDevelopment() || environment.IsEnvironment(Features.Security.SecurityHeaders.TestingEnvironment)
                ? null
                : $"{Key} is not set. Set it to the address customers open the site at (e.g. https://turnos.example.com.ar): " +
                  "every link in emails and messages points there.";
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{Key} '{configured}' is not an absolute http(s) address (e.g. https://turnos.example.com.ar).";
    }

    /// <summary>
    /// The absolute link to <paramref name="relative"/> under the configured address; in Development and Testing, when
    /// none is configured, under the request's own base address.
    /// </summary>
    public static string LinkTo(IConfiguration configuration, string requestBaseUri, string relative) =>
        (Configured(configuration) ?? requestBaseUri).TrimEnd('/') + "/" + relative.TrimStart('/');
}
