using System.Security.Claims;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BarberPro.Web.Features.Api;

/// <summary>
/// A booking's private note over HTTP, through <see cref="PrivateNotes"/> (the one rule of who may read it): the only
/// endpoints that carry a note. Anyone the rule leaves out gets 404, as for a booking that does not exist.
/// </summary>
public static class PrivateNotesApi
{
    private const string NotFoundDetail = "No encontramos ese turno.";

    public static IEndpointRouteBuilder MapPrivateNotesApi(this IEndpointRouteBuilder app)
    {
        var notes = app.MapSignedInGroup("/api/v1/bookings/{id}/private-note", "Bookings");

        notes.MapGet("/", GetNote)
            .WithName("GetPrivateNote")
            .WithSummary("The booking's private note")
            .WithDescription("In a psychologist's practice or a medical office, the booking's professional only: never the owner, an admin, another professional or the customer. In a barber shop the barber and whoever runs the shop. Everyone else gets 404. text is empty when no note was written.")
            .WithResponseExample(StatusCodes.Status200OK, PrivateNotesApiExamples.Note);

        notes.MapPut("/", PutNote)
            .WithName("PutPrivateNote")
            .WithSummary("Write the booking's private note")
            .WithDescription("Replaces the note (up to 4000 characters; empty deletes it). Who may is as for GET; everyone else gets 404 and nothing changes. 422 when the text is missing or too long.")
            .WithRequestExample(PrivateNotesApiExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, PrivateNotesApiExamples.Note)
            .WithResponseExample(StatusCodes.Status422UnprocessableEntity, PrivateNotesApiExamples.TooLong);
        return app;
    }

    public static async Task<Results<Ok<PrivateNoteResponse>, NotFoundProblem>> GetNote(Guid id, ClaimsPrincipal user, PrivateNotes notes, CancellationToken ct)
    {
        var result = await ApiActors.FirstFoundAsync(user, actor => notes.GetAsync(id, actor, ct), r => r.IsNotFound);
        return result is { Succeeded: true } ? TypedResults.Ok(ToResponse(result.Value!)) : ApiProblems.NotFound(NotFoundDetail);
    }

    public static async Task<Results<Ok<PrivateNoteResponse>, NotFoundProblem, InvalidProblem>> PutNote(
        Guid id, PrivateNoteRequest request, ClaimsPrincipal user, PrivateNotes notes, CancellationToken ct)
    {
        if (request.Text is null)
            return ApiProblems.Invalid(ApiMapping.Required("text", "el texto de la nota (text; vacío la borra)"));
        var result = await ApiActors.FirstFoundAsync(user, actor => notes.SaveAsync(id, request.Text, actor, ct), r => r.IsNotFound);
        return result switch
        {
            { Succeeded: true } => TypedResults.Ok(ToResponse(result.Value!)),
            { Error: { } error } => ApiProblems.Invalid(error),
            _ => ApiProblems.NotFound(NotFoundDetail),
        };
    }

    private static PrivateNoteResponse ToResponse(PrivateNoteView note) =>
        new(note.BookingId, note.Text, note.UpdatedAt is { } at ? ApiTime.Out(at, ApiTime.DefaultZone) : null);
}

/// <summary>The private note's examples in the OpenAPI document and at /docs.</summary>
public static class PrivateNotesApiExamples
{
    public static readonly PrivateNoteRequest Request = new("Sesión 4: trabajamos la ansiedad antes de los exámenes. Retomar la semana próxima.");
    public static readonly PrivateNoteResponse Note = new(ApiExamples.BookingId, Request.Text!, new DateTimeOffset(2026, 12, 8, 11, 5, 0, TimeSpan.FromHours(-3)));
    public static readonly Microsoft.AspNetCore.Http.HttpValidationProblemDetails TooLong = new(new Dictionary<string, string[]> { ["text"] = ["La nota puede tener hasta 4000 caracteres."] })
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Datos inválidos",
        Detail = "La nota puede tener hasta 4000 caracteres.",
        Extensions = { [ApiProblems.CodeKey] = "private_note.too_long" },
    };
}
