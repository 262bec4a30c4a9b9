using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Web.Realtime;

/// <summary>
/// The circuits' WebSocket over real Kestrel: compressed, without server context takeover (each message compressed on
/// its own, so no idle circuit keeps a compressor's state: issue 15's memory per circuit).
/// </summary>
public sealed class CircuitSocketTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    [Fact]
    public async Task TheCircuitSocket_IsCompressed_WithoutServerContextTakeover()
    {
        using var http = app.Client();
        var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
        var address = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = $"id={token}" }.Uri;
        await socket.ConnectAsync(address, CancellationToken.None);

        var extensions = string.Join(",", socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"]);
        Assert.Contains("permessage-deflate", extensions);
        Assert.Contains("server_no_context_takeover", extensions);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
