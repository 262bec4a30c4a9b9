using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Agenda;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// A psychologist's private note in the staff pages (bUnit over a real SQLite file): the booking's professional reads
/// and edits it in the agenda's booking dialog; the practice's owner, an admin and another professional open the same
/// booking and the page never carries the note — not its text, not its box.
/// </summary>
public sealed class PrivateNotePagesTests : BunitDatabaseTestBase
{
    private const string Note = "Sesión 4: duelo por la mudanza. Retomar el tema del padre.";
    private TestPractice _practice = null!;
    private Guid _bookingId;

    protected override async Task ChangeSeedAsync(BarberProDbContext db) =>
        _practice = await TestPractice.SeedAsync(db, Vertical.Psychologist);

    protected override void Initialized()
    {
        Services.AddSingleton(new ConnectionEvents());
        Render<MudDialogProvider>();
    }

    private async Task BookWithNoteAsync()
    {
        var outcome = await Db.Bookings.BookAsync(new NewBooking(_practice.Professional.Id, _practice.Service.Id, TestAgenda.TuesdayAt(10)),
            Actor.Customer(TestPractice.PatientUserId));
        _bookingId = Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
        var saved = await Services.GetRequiredService<PrivateNotes>().SaveAsync(_bookingId, Note, Actor.Provider(TestPractice.ProfessionalUserId));
        Assert.True(saved.Succeeded);
    }

    private AgendaQueries.Item Item() => new(_bookingId, AgendaQueries.ItemKind.Booking, _practice.Professional.Id,
        new LocalDateTime(2026, 12, 8, 10, 0), new LocalDateTime(2026, 12, 8, 10, 50), TestAgenda.TuesdayAt(10),
        "Paciente Uno", "Sesión individual", null, BookingStatus.Pending, _practice.Service.Id, null);

    private IRenderedComponent<MudDialogProvider> OpenDialog(Actor actor)
    {
        var provider = Render<MudDialogProvider>();
        Render<BookingActionsDialog>(p => p
            .Add(d => d.Item, Item())
            .Add(d => d.Actor, actor)
            .Add(d => d.ShopId, _practice.Shop.Id)
            .Add(d => d.Zone, TestAgenda.BuenosAires));
        return provider;
    }

    [Fact]
    public async Task TheProfessional_ReadsTheNote_AndEditsIt()
    {
        await BookWithNoteAsync();

        var dialog = OpenDialog(Actor.Provider(TestPractice.ProfessionalUserId));

        dialog.WaitForAssertion(() => Assert.Equal(Note, dialog.Find("textarea#private-note-text").GetAttribute("value") ?? dialog.Find("textarea#private-note-text").TextContent));
        Assert.Contains("Solo vos la ves", dialog.Find("#private-note").TextContent);
        dialog.Find("textarea#private-note-text").Input("Sesión 4: duelo. Próxima: el padre.");
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#private-note-save").HasAttribute("disabled")));
        dialog.Find("#private-note-save").Click();

        dialog.WaitForAssertion(() =>
        {
            using var check = Db.NewContext();
            Assert.Equal("Sesión 4: duelo. Próxima: el padre.", check.BookingPrivateNotes.Single(n => n.BookingId == _bookingId).Text);
        });
    }

    public static TheoryData<string, ActorRole> NotTheProfessional => new()
    {
        { TestPractice.OwnerUserId, ActorRole.Owner },
        { "any-admin", ActorRole.Admin },
        { TestPractice.OtherProfessionalUserId, ActorRole.Provider },
    };

    [Theory]
    [MemberData(nameof(NotTheProfessional))]
    public async Task TheOwner_AnAdmin_AndAnotherProfessional_OpenTheBooking_AndSeeNoNote(string userId, ActorRole role)
    {
        await BookWithNoteAsync();

        var dialog = OpenDialog(new Actor(userId, role));

        if (role != ActorRole.Provider)
            dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll("#action-confirm")));    // the booking is open for them…
        else
            dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll(".facts")));
        Assert.Empty(dialog.FindAll("#private-note"));                                           // …but not its note
        Assert.DoesNotContain("duelo", dialog.Markup);
        Assert.DoesNotContain(Note, dialog.Markup);
    }

    [Fact]
    public async Task TheOwnersAgendaPage_OpeningTheProfessionalsBooking_NeverShowsTheNote()
    {
        await BookWithNoteAsync();
        SignInAs(Roles.Owner, TestPractice.OwnerUserId, "Dueña");
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"/agenda/{_practice.Professional.Id}?dia=2026-12-08");
        var dialogs = Render<MudDialogProvider>();

        var page = Render<AgendaPage>(p => p.Add(a => a.ProviderId, _practice.Professional.Id));
        page.WaitForAssertion(() => page.Find($"[data-booking='{_bookingId}']").Click());

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("#action-confirm")));
        Assert.Empty(dialogs.FindAll("#private-note"));
        Assert.DoesNotContain("duelo", page.Markup + dialogs.Markup);
    }

    [Fact]
    public async Task TheProfessionalsAgendaPage_OpeningTheBooking_ShowsTheNote()
    {
        await BookWithNoteAsync();
        SignInAs(Roles.Provider, TestPractice.ProfessionalUserId, "Lic. Uno");
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/agenda?dia=2026-12-08");
        var dialogs = Render<MudDialogProvider>();

        var page = Render<AgendaPage>();
        page.WaitForAssertion(() => page.Find($"[data-booking='{_bookingId}']").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("duelo", dialogs.Find("#private-note").InnerHtml));
        Assert.DoesNotContain("duelo", page.Find(".column, .list-day").OuterHtml);
    }
}
