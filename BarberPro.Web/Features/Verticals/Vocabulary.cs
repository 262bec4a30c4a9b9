using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Features.Verticals;

/// <summary>
/// The words a shop's vertical uses, in the request's language, lower-case: what a phone app writes where the web app
/// writes "barbería", "barbero", "servicio", "cliente". From the <c>Vocab.*</c> texts of <see cref="IVerticalText"/>.
/// </summary>
/// <param name="Place">The kind of place: "barbería", "consultorio", "centro médico".</param>
/// <param name="Provider">Who serves: "barbero", "profesional", "médico".</param>
/// <param name="Providers">Its plural.</param>
/// <param name="Service">What is booked: "servicio", "sesión", "consulta".</param>
/// <param name="Services">Its plural.</param>
/// <param name="Customer">Who books: "cliente", "paciente".</param>
/// <param name="Customers">Its plural.</param>
/// <param name="Appointment">A booking: "turno" in every vertical.</param>
public sealed record Vocabulary(string Place, string Provider, string Providers, string Service, string Services,
    string Customer, string Customers, string Appointment)
{
    public static Vocabulary Of(IStringLocalizer words) => new(
        words["Vocab.Place"], words["Vocab.Provider"], words["Vocab.Providers"], words["Vocab.Service"], words["Vocab.Services"],
        words["Vocab.Customer"], words["Vocab.Customers"], words["Vocab.Appointment"]);
}
