using BarberPro.Web;
using BarberPro.Web.Features.Accounts;

var builder = WebApplication.CreateBuilder(args);

builder.AddBarberProDomain();
builder.AddBarberProAccounts();
builder.AddBarberProWeb();

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.UseBarberProPipeline();
app.MapAccountEndpoints();
app.MapBarberProPages();

app.Run();
