using BarberPro.Domain.Notifications;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.Domain.Notifications;

/// <summary>
/// Each vertical's reminder reads naturally: the appointment is a "turno" everywhere (as the pages say it), the greeting
/// and the mark of the service line are the vertical's, and no barber word reaches a patient.
/// </summary>
public sealed class VerticalTemplatesTests
{
    private static readonly NotificationTemplates Templates = new(new NotificationOptions { PublicBaseUrl = "https://turnos.barberpro.com.ar" });

    private static MessageFacts Facts(Vertical vertical, string shop, string provider, string service) => new()
    {
        Vertical = vertical,
        ShopName = shop,
        ShopAddress = "Av. Cabildo 2040, CABA",
        CustomerName = "Ana",
        ProviderName = provider,
        ServiceName = service,
        When = new LocalDateTime(2026, 12, 9, 17, 30),
        Price = 30000m,
        BookingId = Guid.Parse("0193a4b2-7c1d-7e3f-9a8b-1c2d3e4f5a6b"),
        Dates = [new LocalDateTime(2026, 12, 9, 17, 30), new LocalDateTime(2026, 12, 16, 17, 30)],
    };

    [Fact]
    public void Reminder_Barber_SaysTurno_WithTheBarberMark()
    {
        var reminder = Templates.Render(NotificationKind.Reminder, Facts(Vertical.Barber, "BarberPro Palermo", "Diego", "Corte"));

        Assert.Equal("Recordatorio: tu turno en BarberPro Palermo, miércoles 9 de diciembre, 17:30", reminder.Subject);
        Assert.StartsWith("¡Hola Ana! Te recordamos tu turno en BarberPro Palermo.", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("💈 Corte con Diego", reminder.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reminder_Psychologist_SaysTurno_AndTheSession_WithoutBarberWords()
    {
        var reminder = Templates.Render(NotificationKind.Reminder,
            Facts(Vertical.Psychologist, "Consultorio Belgrano", "Lic. Laura Méndez", "Sesión individual"));

        Assert.Equal("Recordatorio: tu turno en Consultorio Belgrano, miércoles 9 de diciembre, 17:30", reminder.Subject);
        Assert.Equal(
            """
            Hola Ana. Te recordamos tu turno en Consultorio Belgrano.
            📅 miércoles 9 de diciembre, 17:30
            💬 Sesión individual con Lic. Laura Méndez
            📍 Consultorio Belgrano, Av. Cabildo 2040, CABA
            💲 $ 30.000
            Respondé CONFIRMO o CANCELAR.
            Gestioná tu turno: https://turnos.barberpro.com.ar/mis-turnos/0193a4b2-7c1d-7e3f-9a8b-1c2d3e4f5a6b

            Para dejar de recibir estos mensajes, cambiá tus avisos en https://turnos.barberpro.com.ar/cuenta/avisos.
            """.ReplaceLineEndings("\n"), reminder.Text);
    }

    [Fact]
    public void Reminder_Doctor_SaysTurno_AndTheConsultation_WithoutBarberWords()
    {
        var reminder = Templates.Render(NotificationKind.Reminder,
            Facts(Vertical.Doctor, "Centro Médico Caballito", "Dra. Carolina Ríos", "Consulta"));

        Assert.Equal("Recordatorio: tu turno en Centro Médico Caballito, miércoles 9 de diciembre, 17:30", reminder.Subject);
        Assert.StartsWith("Hola Ana. Te recordamos tu turno en Centro Médico Caballito.", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("🩺 Consulta con Dra. Carolina Ríos", reminder.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Vertical.Psychologist)]
    [InlineData(Vertical.Doctor)]
    public void EveryMessage_OfAHealthVertical_HasNoBarberWord(Vertical vertical)
    {
        var facts = Facts(vertical, "Consultorio", "Lic. Paz", "Sesión individual") with
        {
            Deadline = new LocalDateTime(2026, 12, 9, 12, 0),
            PreviousWhen = new LocalDateTime(2026, 12, 8, 10, 0),
            Change = "reservó",
        };
        foreach (var kind in NotificationTemplates.Texts.Keys)
        {
            var message = Templates.Render(kind, facts);
            foreach (var barberWord in new[] { "💈", "barber", "barbería", "¡Hola" })
            {
                Assert.DoesNotContain(barberWord, message.Subject, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(barberWord, message.Text.Replace("barberpro.com.ar", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
