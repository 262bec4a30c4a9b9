using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BarberPro.Web.Features.Accounts;

public static class AccountsSetup
{
    public const string LoginPath = "/cuenta/ingresar";
    public const string RegisterPath = "/cuenta/registro";
    public const string AccessDeniedPath = "/cuenta/acceso-denegado";
    public const string LockoutPath = "/cuenta/bloqueada";
    public const string ForgotPasswordPath = "/cuenta/olvide-mi-contrasena";
    public const string ResetPasswordPath = "/cuenta/restablecer";
    public const string ConfirmEmailPath = "/cuenta/confirmar-email";

    /// <summary>ASP.NET Core Identity with cookie sign-in, the four roles, lockout and messages in the request's language.</summary>
    public static WebApplicationBuilder AddBarberProAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContext());
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Cookie.Name = "barberpro.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            // 14 days since the last request, renewed while used ("Recordarme" keeps it across browser restarts; without
            // it the cookie ends with the browser session). Secure when deployed: Features/Security; docs/SECURITY.md.
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        services.AddAuthorization();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BarberProDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppUserClaimsFactory>()
            .AddSignInManager<BarberProSignInManager>()
            .AddDefaultTokenProviders();
        services.AddCredentialCheck();
        services.AddSingleton<IEmailSender<AppUser>, AccountEmails>();
        services.AddScoped<CustomerRegistration>();
        services.AddScoped<AccountProfile>();
        services.AddScoped<BarberPro.Domain.Customers.DataRights>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<BarberPro.Domain.Shops.ShopAdministration>();
        services.AddScoped<BarberPro.Web.Features.Admin.ShopOpening>();
        services.AddSingleton<StaffTwoFactorRule>();
        services.AddScoped<TwoFactorSignInCheck>();
        services.AddScoped<AccountAdministration>();
        services.AddSessionRevocation();
        return builder;
    }
}
