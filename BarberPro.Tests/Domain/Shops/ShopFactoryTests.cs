using BarberPro.Domain.Common;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Tests.Domain.Shops;

/// <summary><see cref="ShopFactory.CreateAsync"/> over a real SQLite file: a vertical's defaults, and names and slugs kept unique.</summary>
public sealed class ShopFactoryTests
{
    [Theory]
    [InlineData(Vertical.Barber)]
    [InlineData(Vertical.Psychologist)]
    [InlineData(Vertical.Doctor)]
    public async Task CreateAsync_StartsWithTheVerticalsPolicyAndServices(Vertical vertical)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var profile = VerticalProfile.For(vertical);

        Shop created;
        await using (var ctx = db.NewContext())
            created = await ShopFactory.CreateAsync(ctx, "  Local Nuevo ", "Local-Nuevo", vertical, "owner-1", db.Clock.GetCurrentInstant(), default);

        await using var read = db.NewContext();
        var shop = await read.Shops.SingleAsync(s => s.Id == created.Id);
        Assert.Equal("Local Nuevo", shop.Name);
        Assert.Equal("local-nuevo", shop.Slug);
        Assert.Equal(vertical, shop.Vertical);
        Assert.Equal("owner-1", shop.OwnerUserId);
        Assert.Equal(profile.DefaultPolicy, shop.Policy);
        var offerings = await read.Offerings.Where(o => o.ShopId == shop.Id).OrderBy(o => o.Name).ToListAsync();
        Assert.Equal(
            profile.Services.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t.Name, t.Duration, t.Price, t.BufferAfter)),
            offerings.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => (o.Name, o.Duration, o.Price, o.BufferAfter)));
        Assert.All(offerings, o => Assert.True(o.Active));
        Assert.All(offerings, o => Assert.Equal(1, o.Capacity));
    }

    [Fact]
    public async Task CreateAsync_Psychologist_Has50MinuteSessions_AndA48HourWindow()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using var ctx = db.NewContext();

        var shop = await ShopFactory.CreateAsync(ctx, "Consultorio Test", "consultorio-test", Vertical.Psychologist, null, db.Clock.GetCurrentInstant(), default);

        Assert.Equal(Duration.FromHours(48), shop.Policy.CancellationWindow);
        Assert.Null(shop.OwnerUserId);
        var session = await ctx.Offerings.SingleAsync(o => o.ShopId == shop.Id && o.Name == "Sesión individual");
        Assert.Equal(Duration.FromMinutes(50), session.Duration);
        Assert.Equal(Duration.FromMinutes(10), session.BufferAfter);
    }

    [Fact]
    public async Task CreateAsync_SlugTaken_IsRefused_AndNothingIsSaved()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
            await ShopFactory.CreateAsync(ctx, "Primero", "mi-local", Vertical.Barber, null, db.Clock.GetCurrentInstant(), default);

        await using var second = db.NewContext();
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            ShopFactory.CreateAsync(second, "Segundo", " MI-LOCAL ", Vertical.Doctor, null, db.Clock.GetCurrentInstant(), default));

        Assert.Equal("shop.slug_taken", refused.Error.Code);
        Assert.Contains("mi-local", refused.Error.Message);
        await using var read = db.NewContext();
        Assert.Equal(1, await read.Shops.CountAsync());
        Assert.False(await read.Offerings.AnyAsync(o => o.Name == "Consulta"));
    }

    [Fact]
    public async Task CreateAsync_NameTaken_InAnyCase_IsRefused()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
            await ShopFactory.CreateAsync(ctx, "Consultorio Norte", "norte", Vertical.Psychologist, null, db.Clock.GetCurrentInstant(), default);

        await using var second = db.NewContext();
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            ShopFactory.CreateAsync(second, "consultorio NORTE", "norte-2", Vertical.Psychologist, null, db.Clock.GetCurrentInstant(), default));

        Assert.Equal("shop.name_taken", refused.Error.Code);
        await using var read = db.NewContext();
        Assert.Equal(1, await read.Shops.CountAsync());
    }

    [Theory]
    [InlineData("X", "valido", "shop.name")]
    [InlineData("Local válido", "con espacios", "shop.slug")]
    [InlineData("Local válido", "eñe", "shop.slug")]
    public async Task CreateAsync_InvalidNameOrSlug_IsRefused(string name, string slug, string code)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await using var ctx = db.NewContext();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            ShopFactory.CreateAsync(ctx, name, slug, Vertical.Barber, null, db.Clock.GetCurrentInstant(), default));

        Assert.Equal(code, refused.Error.Code);
        Assert.Equal(0, await ctx.Shops.CountAsync());
    }
}
