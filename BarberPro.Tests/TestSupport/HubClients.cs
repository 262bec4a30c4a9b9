using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace BarberPro.Tests.TestSupport;

/// <summary>Real SignalR clients of <c>/hubs/bookings</c> on an <see cref="ApiWebApp"/>; disposing closes every one opened.</summary>
public sealed class HubClients(ApiWebApp app) : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    /// <summary>A started connection, with <paramref name="token"/> as its bearer token (anonymous when null).</summary>
    public async Task<HubConnection> ConnectAsync(string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/bookings"), o =>
            {
                if (token is not null)
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Collects the payloads of <paramref name="eventName"/> on <paramref name="connection"/>.</summary>
    public static HubListener Listen(HubConnection connection, string eventName)
    {
        var listener = new HubListener();
        connection.On<JsonElement>(eventName, listener.Add);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
    }
}

/// <summary>One event's payloads as they arrive, to take in order.</summary>
public sealed class HubListener
{
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _taken;

    /// <summary>Every payload that arrived, taken or not.</summary>
    public IReadOnlyCollection<JsonElement> Received => _received;

    public void Add(JsonElement payload)
    {
        _received.Enqueue(payload.Clone());
        _arrived.Release();
    }

    /// <summary>The next payload; fails after 10 s without one.</summary>
    public Task<JsonElement> NextAsync() => NextAsync(_ => true);

    /// <summary>The next payload that matches <paramref name="wanted"/>, skipping others; fails after 10 s without one.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> wanted)
    {
        while (true)
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(10)), "No matching event arrived within 10 s.");
            var payload = _received.ElementAt(_taken++);
            if (wanted(payload))
                return payload;
        }
    }
}
