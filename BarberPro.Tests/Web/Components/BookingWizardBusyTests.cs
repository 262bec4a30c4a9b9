using System.Security.Claims;
using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Components;
using BarberPro.Web.Features.Book;
using BarberPro.Web.Features.Shops;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Components;

/// <summary>
/// The wizard's last step while another connection holds the SQLite write lock (busy timeout 1 s): the customer reads
/// "Estamos con mucha demanda, probá de nuevo", nothing is booked, and confirming again after the lock is released books.
/// </summary>
public sealed class BookingWizardBusyTests : BunitDatabaseTestBase
{
    public BookingWizardBusyTests() => SignInAs(Roles.Customer, TestAgenda.CustomerUserId, "Cliente Uno");

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings => new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "1" };

    [Fact]
    public async Task Confirm_WhileTheDatabaseIsLocked_SaysWeAreBusy_BooksNothing_ThenBooksOnRetry()
    {
        var wizard = Render<BookingWizard>(p => p.Add(w => w.Slug, "test-barber"));
        wizard.WaitForElement(".choice[data-offering]");
        wizard.Find($".choice[data-offering='{Agenda.Haircut.Id}']").Click();
        wizard.Find($".choice[data-provider='{Agenda.Barber.Id}']").Click();
        wizard.WaitForAssertion(() => wizard.Find(".day[data-date='2026-12-08']").Click());
        wizard.WaitForAssertion(() => wizard.FindAll(".slot").First(s => s.TextContent.Trim() == "10:00").Click());

        await using (var other = new SqliteConnection($"Data Source={Db.FilePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.BeginTransaction();   // BEGIN IMMEDIATE: the write lock

            wizard.Find("#confirm-booking").Click();

            // The wait is the configured 1 s busy timeout; this only bounds how long the test waits for the render.
            wizard.WaitForAssertion(() => Assert.Equal("Estamos con mucha demanda, probá de nuevo.", wizard.Find("#booking-error").TextContent.Trim()),
                TimeSpan.FromSeconds(30));
            Assert.Empty(wizard.FindAll("#conflict"));
        }
        await using (var db = Db.NewContext())
            Assert.Equal(0, await db.Bookings.CountAsync());

        wizard.Find("#confirm-booking").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        wizard.WaitForAssertion(() => Assert.Matches("/mis-turnos/[0-9a-f-]{36}\\?nuevo=1$", navigation.Uri), TimeSpan.FromSeconds(30));
        await using (var db = Db.NewContext())
            Assert.Equal(TestAgenda.TuesdayAt(10), (await db.Bookings.SingleAsync()).Start);
    }
}
