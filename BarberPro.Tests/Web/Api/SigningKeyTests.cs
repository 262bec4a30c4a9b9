using System.Net;
using System.Text;
using BarberPro.Tests.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BarberPro.Tests.Web.Api;

/// <summary>The key that signs tokens: random per instance when none is configured, the configured one otherwise.</summary>
public sealed class SigningKeyTests
{
    private const string ConfiguredKey = "test-signing-key-0123456789-abcdefghijklmnop";

    private sealed class ConfiguredKeyApp : ApiWebApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jwt:SigningKey"] = ConfiguredKey };
    }

    [Fact]
    public async Task WithoutAConfiguredKey_EachInstanceSignsWithItsOwnRandomKey()
    {
        using var first = new ApiWebApp();
        using var second = new ApiWebApp();
        var token = await first.TokenAsync("cliente@barberpro.local");
        using var accepted = first.Client(token);
        using var elsewhere = second.Client(token);

        Assert.Equal(HttpStatusCode.OK, (await accepted.GetAsync("/api/v1/bookings")).StatusCode);
        await ProblemAssert.IsProblemAsync(await elsewhere.GetAsync("/api/v1/bookings"), HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task WithAConfiguredKey_TokensAreSignedWithIt()
    {
        using var app = new ConfiguredKeyApp();

        var token = await app.TokenAsync("cliente@barberpro.local");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "barberpro",
            ValidAudience = "barberpro-api",
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ConfiguredKey)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("Customer", result.Claims["role"]);
    }
}
