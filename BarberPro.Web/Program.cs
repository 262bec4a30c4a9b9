using BarberPro.Web;
using BarberPro.Web.Features.Accounts;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Cluster;
using BarberPro.Web.Features.Notifications;
using BarberPro.Web.Features.Observability;
using BarberPro.Web.Features.Profile;
using BarberPro.Web.Features.Jobs;
using BarberPro.Web.Features.Realtime;
using BarberPro.Web.Features.Security;
using BarberPro.Web.Features.WarmUp;

var builder = WebApplication.CreateBuilder(args);

builder.AddBarberProDomain();
builder.AddBarberProAccounts();
builder.AddBarberProWeb();
builder.AddBarberProApi();
builder.AddBarberProRealtime();
builder.AddBarberProSecurity();
builder.AddBarberProNotificationChannels();
builder.AddBarberProJobs();
builder.AddBarberProCluster();
builder.AddBarberProTelemetry();
builder.AddBarberProWarmUp();

var app = builder.Build();

if (!app.CheckRequiredSettings() || !await app.PrepareDatabaseAsync())
    return;
app.UseBarberProPipeline();
app.UseTwoFactorEnrolment();
app.UseBarberProApi();
app.UseBarberProJobs();
app.MapAccountEndpoints();
app.MapProfileEndpoints();
app.MapBarberProPages();
app.MapBarberProApi();
app.MapBarberProRealtime();
app.MapNotificationWebhooks();

app.Run();
