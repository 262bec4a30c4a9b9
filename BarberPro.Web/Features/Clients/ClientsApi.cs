using System.Globalization;
using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Web.Features.Analytics;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Web.Features.Clients;

/// <summary>
/// The shop's client book over HTTP (/api/v1/shops/{shopId}/clients), through <see cref="ClientBook"/>: the shop's
/// staff only. A customer's token gets 403; the staff of another shop, a client of another shop and an id that does not
/// exist all get the same 404.
/// </summary>
public static class ClientsApi
{
    private const string NotFoundDetail = "No encontramos ese cliente en el local, o no tenés acceso a su fichero.";

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapSignedInGroup("/api/v1/shops/{shopId}", "Clients");

        clients.MapGet("/clients", List)
            .WithName("ListClients")
            .WithSummary("The shop's client book")
            .WithDescription("The shop's clients, most recent visit first (clients never served last, by name), `limit` a page (1–100, 20 by default), " +
                "`page` from 1; `next` is the next page's URL or null. `q` finds names containing it (any case) and phones typed as people type them " +
                "(\"11 2345-6789\", \"+54 9 11 2345 6789\", \"2345 6789\"). Figures count this shop's bookings only. " +
                "The shop's staff (its owner, its barbers, admins); 403 for a customer, 404 for anyone else.")
            .WithResponseExample(StatusCodes.Status200OK, ClientsApiExamples.List)
            .WithResponseExample(StatusCodes.Status403Forbidden, ClientsApiExamples.Forbidden);

        clients.MapGet("/clients.csv", Csv)
            .WithName("ExportClients")
            .WithSummary("The client book as CSV")
            .WithDescription("Every client of the shop in the book's order, as the analytics export writes CSV: by default the Argentine format " +
                "(semicolons, \"10500,00\", dd/MM/yyyy, Spanish headers, UTF-8 with BOM); `formato=simple` for commas, ISO dates and English headers. " +
                "Who may: as for the list.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapGet("/clients/{customerId}", Get)
            .WithName("GetClient")
            .WithSummary("A client with their history at the shop")
            .WithDescription("The client's figures and notes, and their bookings at this shop (at most 100, newest first). 404 for a client of another shop.")
            .WithResponseExample(StatusCodes.Status200OK, ClientsApiExamples.Detail);

        clients.MapPut("/clients/{customerId}/notes", PutNotes)
            .WithName("PutClientNotes")
            .WithSummary("Write the shop's private notes on the client")
            .WithDescription("Replaces the notes (up to 2000 characters; empty clears them). Only this shop's staff read them, never the client. 422 when too long.")
            .WithRequestExample(ClientsApiExamples.Notes)
            .WithResponseExample(StatusCodes.Status200OK, ClientsApiExamples.Client);

        clients.MapPut("/clients/{customerId}/online-block", PutOnlineBlock)
            .WithName("PutClientOnlineBlock")
            .WithSummary("Block or let again the client booking online")
            .WithDescription("`blocked: true`: the client may no longer book this shop online (a booking, a series, a seat or the waitlist answer 422 " +
                "`booking.blocked_online`: they must call); the shop's staff still book for them. `blocked: false` lets them again.")
            .WithRequestExample(new ClientOnlineBlockRequest(true))
            .WithResponseExample(StatusCodes.Status200OK, ClientsApiExamples.Client);

        clients.MapPost("/clients/{customerId}/merge", Merge)
            .WithName("MergeClients")
            .WithSummary("Merge two entries of the same person")
            .WithDescription("Typically a walk-in the staff created and the account the person registered later. The entry with an account is kept " +
                "(whichever id is in the path); the other leaves the book, and its bookings, series, waitlist entries and messages at this shop, " +
                "the shop's notes on it (appended) and its patient details move to the kept one, in one transaction. Two entries that both have " +
                "an account are refused (422 `client.merge_two_accounts`), and so is an entry merged with itself (`client.merge_same`). Answers the kept client.")
            .WithRequestExample(new ClientMergeRequest(ClientsApiExamples.WalkInId))
            .WithResponseExample(StatusCodes.Status200OK, ClientsApiExamples.Client)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, ClientsApiExamples.TwoAccounts);
        return app;
    }

    /// <param name="shopId">The shop.</param>
    /// <param name="q">A name, or a phone as people type it.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="limit">Clients a page, 1–100 (20 by default).</param>
    public static async Task<Results<Ok<ClientListResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>> List(
        Guid shopId, string? q, int? page, int? limit, ClaimsPrincipal user, ClientBook book, CancellationToken ct)
    {
        var query = new ClientQuery(shopId, q, page ?? 1, limit ?? ClientBook.DefaultPageSize);
        var result = await ClientsActors.AsStaffAsync(ApiActors.All(user), actor => book.ListAsync(query, actor, ct));
        if (result.IsNotFound)
            return ApiProblems.NotFound(NotFoundDetail);
        if (result.Error is { } error)
            return error == ClientBook.StaffOnly ? ApiProblems.Forbidden(error) : ApiProblems.Invalid(error);
        var p = result.Value!;
        var next = p.Page * p.PageSize < p.Total
            ? $"/api/v1/shops/{shopId}/clients?{(p.Search is { } s ? "q=" + Uri.EscapeDataString(s) + "&" : "")}page={p.Page + 1}&limit={p.PageSize}"
            : null;
        return TypedResults.Ok(new ClientListResponse(shopId, p.Search, p.Page, p.PageSize, p.Total,
            p.Items.Select(c => ClientResponse.Of(c, p.Shop.Zone)).ToList(), next));
    }

    public static async Task<Results<Ok<ClientDetailResponse>, ForbiddenProblem, NotFoundProblem>> Get(
        Guid shopId, Guid customerId, ClaimsPrincipal user, ClientBook book, CancellationToken ct)
    {
        var result = await ClientsActors.AsStaffAsync(ApiActors.All(user), actor => book.GetAsync(shopId, customerId, actor, ct));
        if (result.Error is { } error && error == ClientBook.StaffOnly)
            return ApiProblems.Forbidden(error);
        return result.Succeeded ? TypedResults.Ok(ClientDetailResponse.Of(result.Value!)) : ApiProblems.NotFound(NotFoundDetail);
    }

    public static Task<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>> PutNotes(
        Guid shopId, Guid customerId, ClientNotesRequest request, ClaimsPrincipal user, ClientBook book, CancellationToken ct) =>
        request.Notes is null
            ? Task.FromResult<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>>(
                ApiProblems.Invalid(ApiMapping.Required("notes", "el texto de las notas (notes; vacío las borra)")))
            : ChangeAsync(shopId, user, actor => book.ChangeNotesAsync(shopId, customerId, request.Notes, actor, ct), book, ct);

    public static Task<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>> PutOnlineBlock(
        Guid shopId, Guid customerId, ClientOnlineBlockRequest request, ClaimsPrincipal user, ClientBook book, CancellationToken ct) =>
        request.Blocked is not { } blocked
            ? Task.FromResult<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>>(
                ApiProblems.Invalid(ApiMapping.Required("blocked", "si la reserva online queda bloqueada (blocked: true o false)")))
            : ChangeAsync(shopId, user, actor => book.SetOnlineBlockAsync(shopId, customerId, blocked, actor, ct), book, ct);

    public static Task<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>> Merge(
        Guid shopId, Guid customerId, ClientMergeRequest request, ClaimsPrincipal user, ClientBook book, CancellationToken ct) =>
        request.MergeFromId is not { } from
            ? Task.FromResult<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>>(
                ApiProblems.Invalid(ApiMapping.Required("mergeFromId", "el cliente a unir (mergeFromId)")))
            : ChangeAsync(shopId, user, actor => book.MergeAsync(shopId, customerId, from, actor, ct), book, ct);

    private static async Task<Results<Ok<ClientResponse>, InvalidProblem, ForbiddenProblem, NotFoundProblem>> ChangeAsync(
        Guid shopId, ClaimsPrincipal user, Func<Actor, Task<Result<ClientSummary>>> change, ClientBook book, CancellationToken ct)
    {
        var result = await ClientsActors.AsStaffAsync(ApiActors.All(user), change);
        if (result.IsNotFound)
            return ApiProblems.NotFound(NotFoundDetail);
        if (result.Error is { } error)
            return error == ClientBook.StaffOnly ? ApiProblems.Forbidden(error) : ApiProblems.Invalid(error);
        return TypedResults.Ok(ClientResponse.Of(result.Value!, await book.ZoneOfAsync(shopId, ct)));
    }

    public static async Task<IResult> Csv(Guid shopId, string? formato, ClaimsPrincipal user, ClientBook book, NodaTime.IClock clock, CancellationToken ct) =>
        await ClientsExport.CsvAsync(shopId, ApiActors.All(user), formato, book, clock, ct);
}

/// <summary>Who acts on the book: each of the user's roles in turn, most privileged first (an owner who also books as a customer).</summary>
public static class ClientsActors
{
    /// <summary>
    /// The first answer that is neither "not found" nor <see cref="ClientBook.StaffOnly"/>; else "not found" when any staff
    /// role was tried (the staff of another shop), else the refusal (only a customer).
    /// </summary>
    public static async Task<Result<T>> AsStaffAsync<T>(IEnumerable<Actor> actors, Func<Actor, Task<Result<T>>> operation)
    {
        Result<T>? refused = null;
        var notFound = false;
        foreach (var actor in actors)
        {
            var result = await operation(actor);
            if (result.IsNotFound)
                notFound = true;
            else if (result.Error == ClientBook.StaffOnly)
                refused ??= result;
            else
                return result;
        }
        return notFound || refused is null ? Result<T>.NotFound() : refused;
    }
}

/// <summary>
/// The client book as CSV, written as <see cref="AnalyticsCsv"/> writes the bookings (the same separators, culture,
/// encoding, injection escaping and <c>formato=simple</c>): GET /clientes/exportar?local={shopId} for the pages (the
/// sign-in cookie) and GET /api/v1/shops/{shopId}/clients.csv (a token). The file is
/// <c>clientes-{yyyy-MM-dd}.csv</c> (the shop's today; <c>-simple</c> for the plain format).
/// </summary>
public static class ClientsExport
{
    public const string Path = "/clientes/exportar";

    public static string Href(Guid shopId) => $"{Path}?local={shopId}";

    public static readonly IReadOnlyList<string> ArgentineHeaders =
    [
        "Cliente", "Teléfono", "Email", "Con cuenta", "Cliente desde", "Visitas", "Última visita", "Próximo turno", "Total gastado", "Ausentes",
        "Cancelaciones tardías", "Reserva online bloqueada", "Notas",
    ];

    public static readonly IReadOnlyList<string> PlainHeaders =
    [
        "customerId", "name", "phone", "email", "hasAccount", "since", "visits", "lastVisit", "nextVisit", "spent", "noShows",
        "lateCancellations", "blockedOnline", "notes",
    ];

    public static IEndpointRouteBuilder MapClientsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext http, ClaimsPrincipal user, ClientBook book, NodaTime.IClock clock, CancellationToken ct) =>
                Guid.TryParse(http.Request.Query["local"], out var shopId)
                    ? CsvAsync(shopId, Components.CurrentUser.ActorsOf(user), http.Request.Query["formato"], book, clock, ct)
                    : Task.FromResult(Results.NotFound()))
            .RequireAuthorization(p => p.RequireRole(Roles.Provider, Roles.Owner, Roles.Admin));
        return endpoints;
    }

    internal static async Task<IResult> CsvAsync(Guid shopId, IEnumerable<Actor> actors, string? formatKey, ClientBook book, NodaTime.IClock clock,
        CancellationToken ct)
    {
        var result = await ClientsActors.AsStaffAsync(actors, actor => book.ExportAsync(shopId, actor, ct));
        if (result.Error is { } error && error == ClientBook.StaffOnly)
            return ApiProblems.Forbidden(error);
        if (!result.Succeeded)
            return ApiProblems.NotFound("No encontramos ese local, o no tenés acceso a su fichero de clientes.");
        var (shop, clients) = result.Value;
        var format = AnalyticsCsv.FormatOf(formatKey);
        var today = clock.GetCurrentInstant().InZone(shop.Zone).Date;
        var name = $"clientes-{ApiTime.Out(today)}{(format == CsvFormat.Plain ? "-simple" : "")}.csv";
        return Results.Stream(stream => WriteAsync(stream, clients, shop.Zone, format, ct), AnalyticsCsv.ContentType, name);
    }

    /// <summary>Writes the header and every client as they come.</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ClientSummary> clients, NodaTime.DateTimeZone zone, CsvFormat format, CancellationToken ct)
    {
        await using var csv = CsvHelper.CsvWriter.Create(output, AnalyticsCsv.Options(format), leaveOpen: true);
        var ar = format == CsvFormat.Argentine;
        csv.WriteHeader(ar ? [.. ArgentineHeaders] : [.. PlainHeaders]);
        var culture = ar ? CultureInfo.GetCultureInfo("es-AR") : CultureInfo.InvariantCulture;
        string Date(NodaTime.Instant? at) => at is { } i ? (ar ? ArDate : IsoDate).Format(i.InZone(zone).Date) : "";
        string DateTime(NodaTime.Instant? at) => at is { } i ? (ar ? ArDateTime : IsoDateTime).Format(i.InZone(zone).LocalDateTime) : "";
        string Yes(bool value) => ar ? (value ? "Sí" : "No") : (value ? "true" : "false");
        await foreach (var c in clients.WithCancellation(ct))
        {
            if (!ar)
                csv.WriteField(c.CustomerId.ToString());
            csv.WriteField(c.Name);
            csv.WriteField(c.Phone ?? "");
            csv.WriteField(c.Email ?? "");
            csv.WriteField(Yes(c.HasAccount));
            csv.WriteField(Date(c.Since));
            csv.WriteField(c.Visits.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Date(c.LastVisit));
            csv.WriteField(DateTime(c.NextVisit));
            csv.WriteField(c.Spent.ToString("0.00", culture));
            csv.WriteField(c.NoShows.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.LateCancellations.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Yes(c.BlockedOnline));
            csv.WriteField(c.Notes ?? "");
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static readonly NodaTime.Text.LocalDatePattern ArDate = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu");
    private static readonly NodaTime.Text.LocalDatePattern IsoDate = NodaTime.Text.LocalDatePattern.Iso;
    private static readonly NodaTime.Text.LocalDateTimePattern ArDateTime = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("dd'/'MM'/'uuuu HH':'mm");
    private static readonly NodaTime.Text.LocalDateTimePattern IsoDateTime = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
}

/// <summary>The client book's examples in the OpenAPI document and at /docs.</summary>
public static class ClientsApiExamples
{
    public static readonly Guid WalkInId = Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static readonly TimeSpan Ar = TimeSpan.FromHours(-3);

    public static readonly ClientNotesRequest Notes = new("Le gusta el degradé bajo. Prefiere los sábados a la mañana.");

    public static readonly ClientResponse Client = new(ApiExamples.CustomerId, "Ana Suárez", "+5491123456789", "ana@example.com", true,
        new DateTimeOffset(2026, 3, 14, 10, 0, 0, Ar), 7, new DateTimeOffset(2026, 11, 28, 11, 0, 0, Ar), new DateTimeOffset(2026, 12, 12, 10, 0, 0, Ar),
        84000m, "ARS", 1, 0, Notes.Notes, false, null, "https://wa.me/5491123456789");

    public static readonly ClientListResponse List = new(ApiExamples.ShopId, "11 2345", 1, 20, 1, [Client], null);

    public static readonly ClientDetailResponse Detail = new(Client,
        [new ClientVisitResponse(ApiExamples.BookingId, new DateTimeOffset(2026, 11, 28, 11, 0, 0, Ar), "Corte", "Diego", BookingStatus.Completed, 12000m, false)], 9);

    public static readonly ProblemDetails Forbidden = ApiProblems.Problem(403, "Acción no permitida", ClientBook.StaffOnly.Message, ClientBook.StaffOnly.Code);

    public static readonly HttpValidationProblemDetails TwoAccounts = new(new Dictionary<string, string[]> { ["mergeFromId"] = [ClientBook.TwoAccounts.Message] })
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Datos inválidos",
        Detail = ClientBook.TwoAccounts.Message,
        Extensions = { [ApiProblems.CodeKey] = ClientBook.TwoAccounts.Code },
    };
}
