using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.MyBookings;
using NodaTime;

namespace BarberPro.Web.Features.Clients;

/// <summary>
/// A client of the shop. <c>visits</c>, <c>lastVisit</c> and <c>spent</c> count completed bookings at this shop (their
/// price snapshots, in <c>currency</c>); <c>nextVisit</c> is the earliest pending or confirmed booking ahead;
/// <c>noShows</c> and <c>lateCancellations</c> are this shop's. <c>notes</c> are the shop's private notes.
/// <c>whatsApp</c> is the https://wa.me link of the phone.
/// </summary>
public sealed record ClientResponse(Guid Id, string Name, string? Phone, string? Email, bool HasAccount, DateTimeOffset Since, int Visits,
    DateTimeOffset? LastVisit, DateTimeOffset? NextVisit, decimal Spent, string Currency, int NoShows, int LateCancellations, string? Notes,
    bool BlockedOnline, DateTimeOffset? BlockedOnlineAt, string? WhatsApp)
{
    public static ClientResponse Of(ClientSummary c, DateTimeZone zone) => new(c.CustomerId, c.Name, c.Phone, c.Email, c.HasAccount,
        ApiTime.Out(c.Since, zone), c.Visits, Out(c.LastVisit, zone), Out(c.NextVisit, zone), c.Spent, Ars.Currency, c.NoShows, c.LateCancellations,
        c.Notes, c.BlockedOnline, Out(c.BlockedOnlineAt, zone), ShopContact.WhatsAppHref(c.Phone));

    internal static DateTimeOffset? Out(Instant? at, DateTimeZone zone) => at is { } i ? ApiTime.Out(i, zone) : null;
}

/// <summary>A page of the client book: <c>items</c> by last visit (most recent first, never-visited last), <c>total</c> matching clients, <c>next</c> the next page's URL or null.</summary>
public sealed record ClientListResponse(Guid ShopId, string? Q, int Page, int Limit, int Total, IReadOnlyList<ClientResponse> Items, string? Next);

/// <summary>One booking of the client at the shop.</summary>
public sealed record ClientVisitResponse(Guid BookingId, DateTimeOffset Start, string Service, string Provider, BookingStatus Status, decimal Price, bool CancelledLate);

/// <summary>The client with their history at the shop: at most 100 bookings, newest first, of <c>historyTotal</c>.</summary>
public sealed record ClientDetailResponse(ClientResponse Client, IReadOnlyList<ClientVisitResponse> History, int HistoryTotal)
{
    public static ClientDetailResponse Of(ClientDetail d) => new(ClientResponse.Of(d.Client, d.Shop.Zone),
        d.History.Select(v => new ClientVisitResponse(v.BookingId, ApiTime.Out(v.Start, d.Shop.Zone), v.Service, v.Provider, v.Status, v.Price, v.CancelledLate)).ToList(),
        d.HistoryTotal);
}

/// <summary>The shop's private notes on the client (up to 2000 characters; empty clears them).</summary>
public sealed record ClientNotesRequest(string? Notes);

/// <summary><c>blocked: true</c> stops the client booking this shop online (they must call); staff still book for them.</summary>
public sealed record ClientOnlineBlockRequest(bool? Blocked);

/// <summary>The other entry of the same person, merged into this one (the entry with an account is always the one kept).</summary>
public sealed record ClientMergeRequest(Guid? MergeFromId);
