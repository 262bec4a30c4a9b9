using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BarberPro.Web.Components;

/// <summary>
/// Tells a circuit's pages when its connection came back after a drop (phones lose it all the time), so they re-read
/// their data instead of showing what they had before the drop. One per circuit (scoped).
/// </summary>
public sealed class ConnectionEvents : CircuitHandler
{
    private bool _wasDown;

    public event Action? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown)
        {
            _wasDown = false;
            Reconnected?.Invoke();
        }
        return Task.CompletedTask;
    }
}
