using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Domain.Common;

/// <summary>
/// Every text an entity keeps has a limit, checked by the entity with a coded error, and names lose control
/// characters, bidirectional overrides and zero-width characters (issue 8: a 25 MB service description was stored).
/// </summary>
public sealed class TextLimitsTests
{
    private static readonly Guid ShopId = Guid.NewGuid();

    private static string Text(int length) => new('a', length);

    private static DomainError Refused(Action act) => Assert.Throws<DomainException>(act).Error;

    private static Offering Haircut(string? description = null, string name = "Corte") =>
        new(ShopId, name, Duration.FromMinutes(30), 1000m, description: description);

    // ---- limits: the longest allowed is kept, one more is refused with the entity's code ----

    [Fact]
    public void ShopName_Upto120()
    {
        Assert.Equal(120, new Shop(Text(120), "ok").Name.Length);
        Assert.Equal("shop.name", Refused(() => new Shop(Text(121), "ok")).Code);
    }

    [Fact]
    public void ShopAddress_Upto200_AndPhone_Upto32()
    {
        var shop = new Shop("Barbería", "ok");
        shop.ChangeContact(Text(200), "+54 11 4777-1234");
        Assert.Equal(200, shop.Address!.Length);

        Assert.Equal("shop.address", Refused(() => shop.ChangeContact(Text(201), null)).Code);
        Assert.Equal("shop.phone", Refused(() => shop.ChangeContact(null, new string('1', 33))).Code);
        Assert.Equal(200, shop.Address!.Length); // a refused change changes nothing
    }

    [Fact]
    public void OfferingName_Upto100_AndDescription_Upto1000()
    {
        Assert.Equal(1000, Haircut(Text(1000)).Description!.Length);
        Assert.Equal("offering.description", Refused(() => Haircut(Text(1001))).Code);
        Assert.Equal("offering.description", Refused(() => Haircut(Text(25 * 1024 * 1024))).Code);
        Assert.Equal("offering.name", Refused(() => Haircut(name: Text(101))).Code);
        var offering = Haircut();
        Assert.Equal("offering.description", Refused(() =>
            offering.Update("Corte", Duration.FromMinutes(30), 1000m, Duration.Zero, Duration.Zero, 1, Text(1001))).Code);
    }

    [Fact]
    public void ProviderName_Upto80()
    {
        Assert.Equal(80, new Provider(ShopId, Text(80)).DisplayName.Length);
        Assert.Equal("provider.name", Refused(() => new Provider(ShopId, Text(81))).Code);
    }

    [Fact]
    public void TimeOffReason_AndSpecialDateNote_Upto200()
    {
        var provider = new Provider(ShopId, "Diego");
        var start = new LocalDateTime(2026, 12, 8, 10, 0);

        Assert.Equal(200, provider.AddTimeOff(start, start.PlusHours(1), Text(200)).Reason!.Length);
        Assert.Equal("provider.time_off_reason", Refused(() => provider.AddTimeOff(start, start.PlusHours(1), Text(201))).Code);
        provider.SetOverride(start.Date, [], Text(200));
        Assert.Equal(200, provider.Overrides.Single().Note!.Length);
        Assert.Equal("provider.override_note", Refused(() => provider.SetOverride(start.Date, [], Text(201))).Code);
    }

    [Fact]
    public void CustomerName_Upto120_Email_Upto256_PhoneTyped_Upto40()
    {
        var email = Text(256 - "@mail.com".Length) + "@mail.com";
        Assert.Equal(256, new Customer(Text(120), "11 2345-6789", email).Email!.Length);
        Assert.Equal("customer.name", Refused(() => new Customer(Text(121), "11 2345-6789")).Code);
        Assert.Equal("customer.email", Refused(() => new Customer("Ana Pérez", "11 2345-6789", "a" + email)).Code);
        Assert.Equal("customer.walk_in_name", Refused(() => Customer.WalkIn(Text(121), null)).Code);
        Assert.Equal("phone.invalid", Refused(() => new Customer("Ana Pérez", "11 2345-6789" + new string('-', 30))).Code);
    }

    [Fact]
    public void ShopClosureNote_Upto100()
    {
        var shop = new Shop("Barbería", "ok");
        var today = new LocalDate(2026, 12, 7);

        Assert.Equal(100, shop.CloseOn(today.PlusDays(1), Text(100), today).Note!.Length);
        Assert.Equal("shop.closure_note", Refused(() => shop.CloseOn(today.PlusDays(2), Text(101), today)).Code);
    }

    [Fact]
    public async Task BookingNotes_AndCancellationReason_Upto500_WithoutBidiCharacters()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var agenda = await TestAgenda.SeedAsync(db);
        var customer = Actor.Customer(TestAgenda.CustomerUserId);
        NewBooking At(int hour, string? notes) => new(agenda.Barber.Id, agenda.Haircut.Id, TestAgenda.TuesdayAt(hour), notes);

        var tooLong = await db.Bookings.BookAsync(At(10, Text(501)), customer);
        var booked = Assert.IsType<BookingOutcome.Succeeded>(await db.Bookings.BookAsync(At(11, "\u202E" + Text(500) + "\u200B"), customer)).Booking;
        var reasonTooLong = await db.Bookings.ApplyAsync(booked.Id, BookingAction.Cancel, customer, Text(501));
        var cancelled = await db.Bookings.ApplyAsync(booked.Id, BookingAction.Cancel, customer, "Me \u202Eenfermé");

        Assert.Equal("booking.notes_too_long", Assert.IsType<BookingOutcome.Rejected>(tooLong).Error.Code);
        Assert.Equal(Text(500), booked.Notes);
        Assert.Equal("booking.notes_too_long", Assert.IsType<BookingOutcome.Rejected>(reasonTooLong).Error.Code);
        Assert.Equal("Me enfermé", Assert.IsType<BookingOutcome.Succeeded>(cancelled).Booking.CancellationReason);
    }

    // ---- names lose what cannot be seen ----

    public static TheoryData<string, string> DirtyNames => new()
    {
        { "\u202EAnA", "AnA" },                         // right-to-left override
        { "Juan\u202D Pérez\u202C", "Juan Pérez" },      // left-to-right override … pop
        { "\u2066Diego\u2069", "Diego" },                // isolates
        { "Fe\u200Bde", "Fede" },                        // zero-width space
        { "Na\u200Dcho\u200C\u2060\uFEFF", "Nacho" },    // joiner, non-joiner, word joiner, BOM
        { "\u200EMarta\u200F\u061C", "Marta" },          // direction marks
        { "Ana\u0000\u0007 Gómez\u001B[31m", "Ana Gómez[31m" }, // NUL, bell, escape
        { "  Ana \t\r\n  María\u0085 ", "Ana María" },   // any white space is one space
    };

    [Theory]
    [MemberData(nameof(DirtyNames))]
    public void Names_LoseControlAndInvisibleCharacters_InEveryEntity(string typed, string kept)
    {
        Assert.Equal(kept, PlainText.Name(typed));
        Assert.Equal(kept, new Shop(typed, "ok").Name);
        Assert.Equal(kept, Haircut(name: typed).Name);
        Assert.Equal(kept, new Provider(ShopId, typed).DisplayName);
        Assert.Equal(kept, new Customer(typed, "11 2345-6789").FullName);
        Assert.Equal(kept, Customer.WalkIn(typed, null).FullName);
    }

    [Fact]
    public void Names_MadeOnlyOfInvisibleCharacters_AreEmpty_AndRefused()
    {
        const string invisible = "\u202E\u200B\u200D\u2066\u0000 \u200F";

        Assert.Equal("", PlainText.Name(invisible));
        Assert.Equal("shop.name", Refused(() => new Shop(invisible, "ok")).Code);
        Assert.Equal("customer.walk_in_name", Refused(() => Customer.WalkIn("\u202E" + "J" + "\u200B", null)).Code);
    }

    [Fact]
    public void Texts_KeepLineBreaks_ButLoseControlAndBidiCharacters()
    {
        Assert.Equal("Con navaja.\nIncluye lavado.", PlainText.Text("  Con navaja. \r\n\u202EIncluye\u0000 lavado.\u200B  "));
        Assert.Equal("Uno\n\nDos", PlainText.Text("Uno\n\n\n\n\nDos"));
        Assert.Null(PlainText.Text(" \u200B\r\n "));
        Assert.Equal("Con navaja.\nIncluye lavado.", Haircut("Con navaja.\r\n\u202EIncluye lavado.").Description);
        var shop = new Shop("Barbería", "ok");
        shop.ChangeContact("Av. \u202ESanta Fe 1234", "\u200E011 4777-1234");
        Assert.Equal("Av. Santa Fe 1234", shop.Address);
        Assert.Equal("011 4777-1234", shop.Phone);
    }

    [Fact]
    public void Limits_CountWhatIsKept_NotTheInvisibleCharacters()
    {
        var name = string.Concat(Enumerable.Repeat("a\u200B", 100));

        Assert.Equal(100, new Offering(ShopId, name, Duration.FromMinutes(30), 1000m).Name.Length);
    }

    [Fact]
    public void EmojiAndAccents_AreKept()
    {
        Assert.Equal("Peña 💈 Ñandú", PlainText.Name("Peña 💈 Ñandú"));
    }
}
