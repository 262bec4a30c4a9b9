using System.Data.Common;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Customers;

/// <summary>
/// Issue 16, the shop's client book, on every database, against a small history whose answers are known. "Now" is
/// Saturday 12 December 2026 at 09:00 (Buenos Aires).
/// <list type="bullet">
/// <item>Cliente Uno (an account, 11 2345-6789): Thu 3 10:00 completed ($ 12.000); Tue 8 10:00 completed ($ 12.000);
/// Wed 9 10:00 cancelled by the owner at 09:30 (inside the 24-hour window: late). At another shop: Thu 3 15:00 completed
/// ($ 9.000) — never counted here.</item>
/// <item>Cliente Dos (an account): Fri 4 10:00 no-show; Sat 12 10:00 pending (the next visit).</item>
/// <item>Paso Justo (a walk-in, no phone): Tue 8 15:00 with the other barber, Color, completed ($ 30.000).</item>
/// <item>Juan Walkin (a walk-in, 11 5555-4444): nothing booked.</item>
/// </list>
/// Book order: Paso Justo (last visit Tue 8 15:00), Cliente Uno (Tue 8 10:00), then those never served, by name:
/// Cliente Dos, Juan Walkin.
/// </summary>
public abstract class ClientBookTests
{
    private static readonly Actor Owner = Actor.Owner(TestAgenda.OwnerUserId);
    private static readonly Actor Barber = Actor.Provider(TestAgenda.BarberUserId);
    private static readonly Actor Uno = Actor.Customer(TestAgenda.CustomerUserId);
    private static readonly Actor Dos = Actor.Customer(TestAgenda.OtherCustomerUserId);
    private static readonly Actor OtherOwner = Actor.Owner("owner-other");
    private static readonly Actor OtherBarber = Actor.Provider("barber-other");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static readonly Instant BookedAt = TestAgenda.Local(new LocalDateTime(2026, 11, 30, 9, 0));
    private static readonly Instant Now = At(12, 9);

    private static Instant At(int day, int hour, int minute = 0) => TestAgenda.Local(new LocalDateTime(2026, 12, day, hour, minute));

    private sealed record History(TestAgenda Agenda, Guid PasoJusto, Guid JuanWalkin, Shop OtherShop, Guid OtherShopClient, Guid NextVisit);

    private static async Task<History> SeedAsync(TestDatabase db)
    {
        db.Clock.Reset(BookedAt);
        var agenda = await TestAgenda.SeedAsync(db);
        var directory = db.Services.GetRequiredService<CustomerDirectory>();
        var paso = (await directory.FindOrAddWalkInAsync(agenda.Shop.Id, "Paso Justo", null, Owner)).Value!;
        var juan = (await directory.FindOrAddWalkInAsync(agenda.Shop.Id, "Juan Walkin", "11 5555-4444", Owner)).Value!;

        var otherShop = new Shop("Otra Barbería", "otra-barberia");
        otherShop.AssignOwner(OtherOwner.UserId);
        var otherCut = new Offering(otherShop.Id, "Corte", Duration.FromMinutes(30), 9000m);
        var otherBarber = new Provider(otherShop.Id, "Barbero Otro", OtherBarber.UserId);
        otherBarber.SetWeeklyHours(new[] { IsoDayOfWeek.Thursday }.Select(d => (d, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(20, 0)))));
        otherBarber.Offer(otherCut);
        await using (var ctx = db.NewContext())
        {
            foreach (var id in new[] { OtherOwner.UserId, OtherBarber.UserId })
                ctx.Users.Add(new AppUser { Id = id, UserName = id + "@test", Email = id + "@test", FullName = id });
            ctx.AddRange(otherShop, otherCut, otherBarber);
            await ctx.SaveChangesAsync();
        }
        var otherClient = (await directory.FindOrAddWalkInAsync(otherShop.Id, "Cliente de Otra", "11 7777-8888", OtherOwner)).Value!;

        var p1 = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, At(3, 10), Uno);
        var elsewhere = await BookAsync(db, otherBarber.Id, otherCut.Id, At(3, 15), Uno);
        var p2 = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, At(4, 10), Dos);
        var c1 = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, At(8, 10), Uno);
        var c5 = await BookAsync(db, agenda.OtherBarber.Id, agenda.Color.Id, At(8, 15), Owner, paso.Id);
        var c3 = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, At(9, 10), Uno);
        var next = await BookAsync(db, agenda.Barber.Id, agenda.Haircut.Id, At(12, 10), Dos);

        await ApplyAsync(db, At(3, 11), p1, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(3, 16), elsewhere, BookingAction.Complete, OtherOwner);
        await ApplyAsync(db, At(4, 11), p2, BookingAction.MarkNoShow, Owner);
        await ApplyAsync(db, At(8, 12), c1, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(8, 16), c5, BookingAction.Complete, Owner);
        await ApplyAsync(db, At(9, 9, 30), c3, BookingAction.Cancel, Owner);
        db.Clock.Reset(Now);
        return new History(agenda, paso.Id, juan.Id, otherShop, otherClient.Id, next);
    }

    private static async Task<Guid> BookAsync(TestDatabase db, Guid providerId, Guid offeringId, Instant start, Actor who, Guid? customerId = null)
    {
        var outcome = await db.Bookings.BookAsync(new NewBooking(providerId, offeringId, start, CustomerId: customerId), who);
        return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
    }

    private static async Task ApplyAsync(TestDatabase db, Instant at, Guid bookingId, BookingAction action, Actor who)
    {
        db.Clock.Reset(at);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.ApplyAsync(bookingId, action, who, action == BookingAction.Cancel ? "Motivo" : null));
    }

    private static ClientBook Book(TestDatabase db) => db.Services.GetRequiredService<ClientBook>();

    private static async Task<ClientPage> ListAsync(TestDatabase db, History h, string? search = null, int page = 1, int size = ClientBook.DefaultPageSize, Actor? actor = null)
    {
        var result = await Book(db).ListAsync(new ClientQuery(h.Agenda.Shop.Id, search, page, size), actor ?? Owner);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    [Fact]
    public async Task TheBook_ShowsEachClientsFiguresAtThisShopOnly_ByLastVisit_NeverServedLast()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);

        var page = await ListAsync(db, h);

        Assert.Equal(["Paso Justo", "Cliente Uno", "Cliente Dos", "Juan Walkin"], page.Items.Select(c => c.Name));
        Assert.Equal(4, page.Total);
        Assert.Equal(1, page.Pages);
        var paso = page.Items[0];
        Assert.Equal(new ClientSummary(h.PasoJusto, "Paso Justo", null, null, false, BookedAt, 1, At(8, 15), null, 30000m, 0, 0, null, null), paso);
        var uno = page.Items[1];
        Assert.Equal(new ClientSummary(h.Agenda.Customer.Id, "Cliente Uno", "+5491123456789", "customer-1@test", true, TestAgenda.DefaultNow,
            2, At(8, 10), null, 24000m, 0, 1, null, null), uno);
        var dos = page.Items[2];
        Assert.Equal((0, (Instant?)null, (Instant?)At(12, 10), 0m, 1, 0), (dos.Visits, dos.LastVisit, dos.NextVisit, dos.Spent, dos.NoShows, dos.LateCancellations));
        var juan = page.Items[3];
        Assert.Equal((0, (Instant?)null, (Instant?)null, 0m, "+5491155554444"), (juan.Visits, juan.LastVisit, juan.NextVisit, juan.Spent, juan.Phone));

        // A barber of the shop sees the same book. The other shop's book has its own client and Cliente Uno, who booked
        // there too, with that shop's figures and notes only.
        Assert.Equal(page.Items, (await ListAsync(db, h, actor: Barber)).Items);
        await Book(db).ChangeNotesAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, "le gusta el degradé bajo", Owner);
        var other = (await Book(db).ListAsync(new ClientQuery(h.OtherShop.Id), OtherOwner)).Value!;
        Assert.Equal(["Cliente Uno", "Cliente de Otra"], other.Items.Select(c => c.Name));
        Assert.Equal((1, At(3, 15), 9000m, 0, (string?)null), (other.Items[0].Visits, other.Items[0].LastVisit, other.Items[0].Spent,
            other.Items[0].LateCancellations, other.Items[0].Notes));
    }

    [Theory]
    [InlineData("11 2345-6789")]
    [InlineData("+54 9 11 2345 6789")]
    [InlineData("2345 6789")]
    [InlineData("011 15-2345-6789")]
    [InlineData("5491123456789")]
    public async Task Search_FindsAClientByPhone_TypedAsArgentinesTypeIt(string typed)
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);

        var page = await ListAsync(db, h, typed);

        Assert.Equal([h.Agenda.Customer.Id], page.Items.Select(c => c.CustomerId));
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task Search_ByName_IgnoresCase_AndFindsNothingForAStranger()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);

        Assert.Equal(["Cliente Uno", "Cliente Dos"], (await ListAsync(db, h, "cliente")).Items.Select(c => c.Name));
        Assert.Equal(["Juan Walkin"], (await ListAsync(db, h, "  JUAN ")).Items.Select(c => c.Name));
        // With or without accents, in any case.
        await db.Services.GetRequiredService<CustomerDirectory>().FindOrAddWalkInAsync(h.Agenda.Shop.Id, "José Pérez Ñandú", null, Owner);
        Assert.Equal(["José Pérez Ñandú"], (await ListAsync(db, h, "jose perez")).Items.Select(c => c.Name));
        Assert.Equal(["José Pérez Ñandú"], (await ListAsync(db, h, "PÉREZ")).Items.Select(c => c.Name));
        Assert.Equal(["José Pérez Ñandú"], (await ListAsync(db, h, "ñandú")).Items.Select(c => c.Name));
        Assert.Empty((await ListAsync(db, h, "9999 9999")).Items);
        // The other shop's client is not found by name or phone.
        Assert.Empty((await ListAsync(db, h, "Otra")).Items);
        Assert.Empty((await ListAsync(db, h, "11 7777-8888")).Items);
    }

    [Fact]
    public async Task Paging_WalksTheBookInOrder_AndRefusesPagesThatCannotBe()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);

        var first = await ListAsync(db, h, size: 3);
        var second = await ListAsync(db, h, page: 2, size: 3);
        var beyond = await ListAsync(db, h, page: 3, size: 3);

        Assert.Equal(["Paso Justo", "Cliente Uno", "Cliente Dos"], first.Items.Select(c => c.Name));
        Assert.Equal(["Juan Walkin"], second.Items.Select(c => c.Name));
        Assert.Empty(beyond.Items);
        Assert.Equal((4, 2), (first.Total, first.Pages));

        Assert.Equal("client.page", (await Book(db).ListAsync(new ClientQuery(h.Agenda.Shop.Id, null, 0), Owner)).Error?.Code);
        Assert.Equal("client.page", (await Book(db).ListAsync(new ClientQuery(h.Agenda.Shop.Id, null, int.MaxValue), Owner)).Error?.Code);
        Assert.Equal("client.page_size", (await Book(db).ListAsync(new ClientQuery(h.Agenda.Shop.Id, null, 1, ClientBook.MaxPageSize + 1), Owner)).Error?.Code);
        Assert.Equal("client.search", (await Book(db).ListAsync(new ClientQuery(h.Agenda.Shop.Id, new string('a', ClientBook.MaxSearchLength + 1)), Owner)).Error?.Code);
    }

    [Fact]
    public async Task OnlyTheShopsStaff_SeeItsBook_OthersAsIfNothingExisted()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var book = Book(db);
        var shopId = h.Agenda.Shop.Id;

        Assert.Equal(ClientBook.StaffOnly, (await book.ListAsync(new ClientQuery(shopId), Uno)).Error);
        Assert.Equal(ClientBook.StaffOnly, (await book.GetAsync(shopId, h.Agenda.Customer.Id, Uno)).Error);
        Assert.True((await book.ListAsync(new ClientQuery(shopId), OtherOwner)).IsNotFound);
        Assert.True((await book.ListAsync(new ClientQuery(shopId), OtherBarber)).IsNotFound);
        Assert.True((await book.GetAsync(shopId, h.Agenda.Customer.Id, OtherBarber)).IsNotFound);
        Assert.True((await book.GetAsync(shopId, h.OtherShopClient, Owner)).IsNotFound);
        Assert.True((await book.GetAsync(shopId, Guid.NewGuid(), Owner)).IsNotFound);
        Assert.True((await book.ListAsync(new ClientQuery(Guid.NewGuid()), Actor.Admin("admin"))).IsNotFound);
        Assert.True((await book.ChangeNotesAsync(shopId, h.Agenda.Customer.Id, "x", OtherOwner)).IsNotFound);
        Assert.True((await book.SetOnlineBlockAsync(shopId, h.Agenda.Customer.Id, true, OtherBarber)).IsNotFound);
        Assert.True((await book.MergeAsync(shopId, h.Agenda.Customer.Id, h.PasoJusto, OtherOwner)).IsNotFound);
        Assert.True((await book.CustomerAsync(shopId, h.Agenda.Customer.Id, OtherBarber)).IsNotFound);
        await using var ctx = db.NewContext();
        var link = await ctx.ShopCustomers.SingleAsync(l => l.ShopId == shopId && l.CustomerId == h.Agenda.Customer.Id);
        Assert.Null(link.Notes);
        Assert.Null(link.BlockedOnlineAt);

        Assert.Equal(["Test Barber"], (await book.ShopsAsync(Barber)).Select(s => s.Name));
        Assert.Equal(["Otra Barbería"], (await book.ShopsAsync(OtherOwner)).Select(s => s.Name));
        Assert.Empty(await book.ShopsAsync(Uno));
        Assert.Equal(["Otra Barbería", "Test Barber"], (await book.ShopsAsync(Actor.Admin("admin"))).Select(s => s.Name));
    }

    [Fact]
    public async Task AClient_ShowsTheirHistoryAtThisShop_NewestFirst()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);

        var detail = (await Book(db).GetAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, Barber)).Value!;

        Assert.Equal("Cliente Uno", detail.Client.Name);
        Assert.Equal(3, detail.HistoryTotal);
        Assert.Equal([(At(9, 10), BookingStatus.Cancelled, true), (At(8, 10), BookingStatus.Completed, false), (At(3, 10), BookingStatus.Completed, false)],
            detail.History.Select(v => (v.Start, v.Status, v.CancelledLate)));
        Assert.All(detail.History, v => Assert.Equal(("Corte", "Barbero Uno", 12000m), (v.Service, v.Provider, v.Price)));
    }

    [Fact]
    public async Task AVisitOfSeveralServices_ShowsInTheHistoryAsOneVisit_WithEveryServiceAndItsTotal()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var visit = await db.Bookings.BookAsync(NewBooking.ForVisit(h.Agenda.Barber.Id, [h.Agenda.Haircut.Id, h.Agenda.Color.Id], At(15, 10)), Uno);
        Assert.IsType<BookingOutcome.Succeeded>(visit);

        var detail = (await Book(db).GetAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, Owner)).Value!;

        Assert.Equal(("Corte + Color", 42000m), (detail.History[0].Service, detail.History[0].Price));
        Assert.Equal(4, detail.HistoryTotal);
    }

    [Fact]
    public async Task Notes_AreTheShops_TrimmedAndLimited()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var book = Book(db);

        var saved = await book.ChangeNotesAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, "  le gusta el degradé bajo  ", Barber);
        Assert.Equal("le gusta el degradé bajo", saved.Value!.Notes);
        var tooLong = await book.ChangeNotesAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, new string('x', ShopCustomer.MaxNotesLength + 1), Owner);
        Assert.Equal("client.notes_too_long", tooLong.Error?.Code);
        Assert.Equal("le gusta el degradé bajo", (await book.GetAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, Owner)).Value!.Client.Notes);
        Assert.Null((await book.ChangeNotesAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, "   ", Owner)).Value!.Notes);
    }

    [Fact]
    public async Task Blocking_StopsTheClientBookingOnline_StaffStillBook_AndUnblockingLetsThemAgain()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var book = Book(db);

        var blocked = await book.SetOnlineBlockAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, true, Barber);
        Assert.Equal(Now, blocked.Value!.BlockedOnlineAt);
        var own = await db.Bookings.BookAsync(new NewBooking(h.Agenda.Barber.Id, h.Agenda.Haircut.Id, At(15, 10)), Uno);
        Assert.Equal("booking.blocked_online", Assert.IsType<BookingOutcome.Rejected>(own).Error.Code);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(
            new NewBooking(h.Agenda.Barber.Id, h.Agenda.Haircut.Id, At(15, 10), CustomerId: h.Agenda.Customer.Id), Barber));

        var unblocked = await book.SetOnlineBlockAsync(h.Agenda.Shop.Id, h.Agenda.Customer.Id, false, Owner);
        Assert.False(unblocked.Value!.BlockedOnline);
        Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(new NewBooking(h.Agenda.Barber.Id, h.Agenda.Haircut.Id, At(15, 11)), Uno));
    }

    [Fact]
    public async Task Merge_MovesTheWalkInsBookingsNotesAndDetailsToTheAccount_AndTheWalkInLeavesTheBook()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var book = Book(db);
        var shopId = h.Agenda.Shop.Id;
        await book.ChangeNotesAsync(shopId, h.PasoJusto, "Corte con tijera", Owner);
        await book.SetOnlineBlockAsync(shopId, h.PasoJusto, true, Owner);
        await book.ChangeNotesAsync(shopId, h.Agenda.Customer.Id, "le gusta el degradé bajo", Owner);

        // Asked from the walk-in's page: the account is still the entry kept.
        var merged = await book.MergeAsync(shopId, h.PasoJusto, h.Agenda.Customer.Id, Barber);

        var uno = merged.Value!;
        Assert.Equal(h.Agenda.Customer.Id, uno.CustomerId);
        Assert.Equal((3, At(8, 15), 54000m, 1), (uno.Visits, uno.LastVisit, uno.Spent, uno.LateCancellations));
        Assert.Equal("le gusta el degradé bajo\n\nCorte con tijera", uno.Notes);
        Assert.True(uno.BlockedOnline);
        Assert.Equal(["Cliente Uno", "Cliente Dos", "Juan Walkin"], (await ListAsync(db, h)).Items.Select(c => c.Name));
        Assert.True((await book.GetAsync(shopId, h.PasoJusto, Owner)).IsNotFound);
        await using var ctx = db.NewContext();
        Assert.False(await ctx.Customers.AnyAsync(c => c.Id == h.PasoJusto));
        Assert.Equal(4, await ctx.Bookings.CountAsync(b => b.CustomerId == h.Agenda.Customer.Id && b.ShopId == shopId));
        // The account holder sees the visit among their own bookings.
        var mine = await db.Services.GetRequiredService<BookingQueries>().ListAsync([Uno], new Interval(At(1, 0), At(31, 0)));
        Assert.Contains(mine, b => b.Start == At(8, 15));
    }

    [Fact]
    public async Task Merge_RefusesTwoAccounts_ItselfAndAnotherShopsClient_AndChangesNothing()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var book = Book(db);
        var shopId = h.Agenda.Shop.Id;

        var twoAccounts = await book.MergeAsync(shopId, h.Agenda.Customer.Id, h.Agenda.OtherCustomer.Id, Owner);
        Assert.Equal("client.merge_two_accounts", twoAccounts.Error?.Code);
        Assert.Contains("cuenta", twoAccounts.Error!.Message);
        Assert.Equal("client.merge_same", (await book.MergeAsync(shopId, h.PasoJusto, h.PasoJusto, Owner)).Error?.Code);
        Assert.True((await book.MergeAsync(shopId, h.PasoJusto, h.OtherShopClient, Owner)).IsNotFound);
        Assert.Equal(ClientBook.StaffOnly, (await book.MergeAsync(shopId, h.Agenda.Customer.Id, h.PasoJusto, Uno)).Error);

        var page = await ListAsync(db, h);
        Assert.Equal(4, page.Total);
        Assert.Equal(2, page.Items.Single(c => c.Name == "Cliente Uno").Visits);
        await using var ctx = db.NewContext();
        Assert.Equal(1, await ctx.ShopCustomers.CountAsync(l => l.CustomerId == h.OtherShopClient));
    }

    [Fact]
    public async Task Merge_IsOneTransaction_AFailureHalfWayLeavesBothEntriesAsTheyWere()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);
        var shopId = h.Agenda.Shop.Id;
        await Book(db).ChangeNotesAsync(shopId, h.PasoJusto, "Corte con tijera", Owner);
        // The merge fails at its last move (the messages), after the link, the bookings, the series and the waitlist.
        var failing = new ClientBook(new InterceptedFactory(db, new FailOn("UPDATE \"Notifications\"")), db.Clock);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => failing.MergeAsync(shopId, h.Agenda.Customer.Id, h.PasoJusto, Owner));

        var page = await ListAsync(db, h);
        Assert.Equal(4, page.Total);
        var paso = page.Items.Single(c => c.CustomerId == h.PasoJusto);
        Assert.Equal((1, "Corte con tijera"), (paso.Visits, paso.Notes));
        Assert.Equal(2, page.Items.Single(c => c.CustomerId == h.Agenda.Customer.Id).Visits);
    }

    [Fact]
    public async Task CustomerAsync_GivesStaffTheClientToBookFor()
    {
        await using var db = await CreateDatabaseAsync();
        var h = await SeedAsync(db);

        var customer = await Book(db).CustomerAsync(h.Agenda.Shop.Id, h.JuanWalkin, Barber);

        Assert.Equal("Juan Walkin", customer.Value!.FullName);
        Assert.Equal(ClientBook.StaffOnly, (await Book(db).CustomerAsync(h.Agenda.Shop.Id, h.JuanWalkin, Uno)).Error);
    }

    /// <summary>Throws on the first command whose text contains <paramref name="text"/>.</summary>
    private sealed class FailOn(string text) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains(text, StringComparison.Ordinal)
                ? throw new InvalidOperationException("Simulated failure half-way through the merge.")
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class ClientBookOnSqliteTests : ClientBookTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class ClientBookOnPostgreSqlTests : ClientBookTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgreSqlTestDatabase.CreateAsync();
}
