using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Messages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Messages;

/// <summary>The "Mensajes" page over a real SQLite file: owners see their shops' messages, admins all, others nothing.</summary>
public sealed class MessagesPageTests : BunitDatabaseTestBase
{
    private Guid _otherShopId;

    protected override Task ChangeSeedAsync(BarberProDbContext db)
    {
        var other = new Shop("Otro local", $"otro-{Guid.NewGuid():N}"[..20]);
        other.AssignOwner("other-owner");
        db.Shops.Add(other);
        _otherShopId = other.Id;
        var now = Now;
        var sent = new Notification("k:sent", NotificationKind.BookingConfirmed, NotificationChannel.WhatsApp, "+5491123456789", null,
            "Tu turno quedó confirmado", now, now, shopId: Agenda.Shop.Id);
        sent.MarkSent("wamid.1", now + Duration.FromMinutes(1));
        var failed = new Notification("k:failed", NotificationKind.Reminder, NotificationChannel.Email, "juana@example.com", "Recordatorio de tu turno",
            "Mañana 10:00", now, now, shopId: Agenda.Shop.Id);
        failed.MarkFailed("SMTP 550 mailbox unavailable", null, now);
        db.Notifications.AddRange(sent, failed,
            new Notification("k:other", NotificationKind.Reminder, NotificationChannel.Sms, "+5491199998888", null, "Otro local: recordatorio", now, now, shopId: other.Id),
            new Notification("k:account", NotificationKind.AccountPasswordReset, NotificationChannel.Email, "alguien@example.com", "Restablecé tu contraseña de BarberPro", "…", now, now));
        return Task.CompletedTask;
    }

    protected override void Initialized() => Services.AddSingleton<MessagesQueries>();

    [Fact]
    public void Owner_SeesTheirShopsMessages_Masked_WithStatusAttemptsAndError()
    {
        SignInAs("Owner", TestAgenda.OwnerUserId, "Dueña");

        var cut = RenderPage();

        var messages = cut.FindAll(".message");
        Assert.Equal(2, messages.Count);
        Assert.Contains("+54•••6789", cut.Markup);
        Assert.Contains("ju•••@example.com", cut.Markup);
        Assert.DoesNotContain("+5491123456789", cut.Markup);
        Assert.DoesNotContain("juana@example.com", cut.Markup);
        Assert.Contains("Enviado", cut.Markup);
        Assert.Contains("Falló", cut.Markup);
        Assert.Contains("SMTP 550 mailbox unavailable", cut.Markup);
        Assert.Contains("1 intento(s)", cut.Markup);
        // In the shop's zone (Buenos Aires): the test clock is Monday 7 Dec 09:00 there.
        Assert.Contains("7 dic, 09:00", cut.Markup);
        Assert.DoesNotContain("Otro local: recordatorio", cut.Markup);
        Assert.DoesNotContain("Restablecé tu contraseña", cut.Markup);
    }

    [Fact]
    public void Owner_FiltersByStatus()
    {
        SignInAs("Owner", TestAgenda.OwnerUserId, "Dueña");
        var cut = RenderPage();

        cut.Find(".filter-failed").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".message")));
        Assert.Equal("Failed", cut.Find(".message").GetAttribute("data-status"));
        cut.Find(".filter-all").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".message").Count));
    }

    [Fact]
    public void Admin_SeesEveryMessage_AccountEmailsToo()
    {
        SignInAs("Admin", "admin-1", "Admin");

        var cut = RenderPage();

        Assert.Equal(4, cut.FindAll(".message").Count);
        Assert.Contains("Restablecer contraseña", cut.Markup);
        Assert.Contains("Otro local", cut.Markup);
    }

    [Theory]
    [InlineData("Customer", TestAgenda.CustomerUserId)]
    [InlineData("Provider", TestAgenda.BarberUserId)]
    public void CustomerOrBarber_SeesNothing(string role, string userId)
    {
        SignInAs(role, userId, "Alguien");

        var cut = RenderPage();

        Assert.Empty(cut.FindAll(".message"));
        Assert.NotNull(cut.Find("[data-testid=messages-none]"));
    }

    [Fact]
    public void AnOwnerOfAnotherShop_DoesNotSeeThisShopsMessages()
    {
        SignInAs("Owner", "other-owner", "Otro");

        var cut = RenderPage();

        var only = Assert.Single(cut.FindAll(".message"));
        Assert.Contains("+54•••8888", only.TextContent);
        Assert.NotEqual(Guid.Empty, _otherShopId);
    }

    [Theory]
    [InlineData("juana@example.com", "ju•••@example.com")]
    [InlineData("a@b.com", "a•••@b.com")]
    [InlineData("+5491123456789", "+54•••6789")]
    [InlineData("123", "•••")]
    public void Masking(string recipient, string shown) => Assert.Equal(shown, MessagesQueries.MaskRecipient(recipient));

    private IRenderedComponent<MessagesPage> RenderPage()
    {
        var cut = Render<MessagesPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }
}
