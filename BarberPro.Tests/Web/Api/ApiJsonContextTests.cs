using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BarberPro.Tests.Web.Api;

/// <summary>The API's contracts serialize through the source-generated <see cref="ApiJsonContext"/>, asked first by the HTTP JSON options.</summary>
public sealed class ApiJsonContextTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private static readonly HashSet<Type> NotContracts = [typeof(SlotFormat), typeof(ApiExampleMetadata)];

    [Fact]
    public void EveryContractRecord_HasGeneratedMetadata()
    {
        var contracts = typeof(ApiJsonContext).Assembly.GetTypes()
            .Where(t => t is { IsPublic: true, IsClass: true, IsSealed: true }
                && (t.Namespace == typeof(ApiJsonContext).Namespace || t.Namespace == typeof(BarberPro.Web.Features.Profile.MeApi).Namespace
                    || t.Namespace == typeof(BarberPro.Web.Features.Clients.ClientsApi).Namespace)
                && t.GetMethod("<Clone>$") is not null && !NotContracts.Contains(t))
            .Append(typeof(BarberPro.Web.Features.Analytics.AnalyticsResponse))
            .ToList();

        Assert.True(contracts.Count > 50, $"found only {contracts.Count} contracts");
        Assert.All(contracts, t => Assert.True(ApiJsonContext.Default.GetTypeInfo(t) is not null, $"{t.Name} is not in ApiJsonContext"));
    }

    [Fact]
    public async Task HttpJsonOptions_AskTheContextFirst_AndAnswersKeepTheirShape()
    {
        var options = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        Assert.Contains(options.TypeInfoResolverChain, r => r is ApiJsonContext);
        Assert.IsType<ApiJsonContext>(options.GetTypeInfo(typeof(AvailabilityResponse)).OriginatingResolver);
        Assert.IsType<ApiJsonContext>(options.GetTypeInfo(typeof(ShopDetail)).OriginatingResolver);

        var demo = await app.DemoAsync();
        using var client = app.Client();
        var json = await client.GetStringAsync($"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-05");
        Assert.StartsWith("{\"date\":\"2027-01-05\",\"timeZone\":\"America/Argentina/Buenos_Aires\",\"providerId\":", json);
        Assert.Contains("\"slots\":[{\"start\":\"2027-01-05T", json);
    }
}
