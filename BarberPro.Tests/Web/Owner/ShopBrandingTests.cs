using System.Net;
using System.Net.Http.Headers;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace BarberPro.Tests.Web.Owner;

/// <summary>
/// A shop's branding through <see cref="ShopBrandingService"/> in the running app (real SQLite file) and its pictures
/// over real HTTP at /media/shops/…: real PNG and JPEG files made with SkiaSharp, decoded and resized by the server.
/// </summary>
public sealed class ShopBrandingTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    [Fact]
    public async Task APlacePhoto_IsShrunkTo1600_ReEncodedAsWebP_AndServedWithLongCacheAndAnETag()
    {
        var (shopId, owner) = await NewShopAsync();
        var png = Picture(2400, 1200, SKEncodedImageFormat.Png);

        var added = await Branding.AddImageAsync(shopId, ShopImageKind.Place, new MemoryStream(png), "La entrada", owner);

        Assert.True(added.Succeeded, added.Error?.Message);
        Assert.Equal((1600, 800), (added.Value!.Width, added.Value.Height));
        using var client = app.Client();
        var response = await client.GetAsync(ShopMedia.Url(shopId, added.Value.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl!.MaxAge);
        Assert.True(response.Headers.CacheControl.Public);
        var etag = response.Headers.ETag!;
        using var decoded = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((1600, 800), (decoded.Width, decoded.Height));
        // The re-encoded file keeps the picture: the left half red, the right half blue.
        Assert.InRange(decoded.GetPixel(100, 400).Red, 200, 255);
        Assert.InRange(decoded.GetPixel(1500, 400).Blue, 200, 255);

        using var again = new HttpRequestMessage(HttpMethod.Get, ShopMedia.Url(shopId, added.Value.Id));
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ShopMedia.Url(Guid.NewGuid(), added.Value.Id))).StatusCode);
    }

    [Fact]
    public void APhoneJpegSavedSideways_IsTurnedUpright_ByItsExifOrientation_AndTheExifIsDropped()
    {
        // 400×200, left half red, right half blue, with EXIF orientation 6 ("turn 90° clockwise to view").
        var jpeg = WithExifOrientation(Picture(400, 200, SKEncodedImageFormat.Jpeg), 6);
        using (var codec = SKCodec.Create(new MemoryStream(jpeg)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);

        var processed = ShopImageProcessor.Process(jpeg, ShopImageKind.Place);

        Assert.Equal((200, 400), (processed.Value!.Width, processed.Value.Height));
        using var codecOut = SKCodec.Create(new MemoryStream(processed.Value.Data));
        Assert.Equal(SKEncodedImageFormat.Webp, codecOut.EncodedFormat);
        Assert.Equal(SKEncodedOrigin.TopLeft, codecOut.EncodedOrigin);
        using var upright = SKBitmap.Decode(processed.Value.Data);
        // Turned clockwise, what was on the left is now on top.
        Assert.InRange(upright.GetPixel(100, 50).Red, 200, 255);
        Assert.InRange(upright.GetPixel(100, 350).Blue, 200, 255);
    }

    /// <summary>The JPEG with an APP1 EXIF segment holding only an orientation tag, right after its start marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8, .. tiff];
        var length = exif.Length + 2;
        return [jpeg[0], jpeg[1], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, .. jpeg[2..]];
    }

    [Fact]
    public async Task ALogo_IsAtMost256_AndANewOneReplacesIt()
    {
        var (shopId, owner) = await NewShopAsync();

        var first = await Branding.AddImageAsync(shopId, ShopImageKind.Logo, new MemoryStream(Picture(1000, 500, SKEncodedImageFormat.Jpeg)), null, owner);
        var second = await Branding.AddImageAsync(shopId, ShopImageKind.Logo, new MemoryStream(Picture(300, 600, SKEncodedImageFormat.Png)), null, owner);

        Assert.Equal((256, 128), (first.Value!.Width, first.Value.Height));
        Assert.Equal((128, 256), (second.Value!.Width, second.Value.Height));
        var brand = (await Branding.BrandAsync(shopId))!;
        Assert.Equal(second.Value.Id, brand.Logo!.Id);
        Assert.Equal(1, await CountAsync(shopId));
    }

    [Fact]
    public async Task ANonImage_NamedLikeOne_IsRefusedInSpanish_AndNothingIsStored()
    {
        var (shopId, owner) = await NewShopAsync();
        var text = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray();
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

        var refused = await Branding.AddImageAsync(shopId, ShopImageKind.Place, new MemoryStream(text), "foto.png", owner);
        var gifRefused = await Branding.AddImageAsync(shopId, ShopImageKind.Place, new MemoryStream(gif), null, owner);
        var truncated = await Branding.AddImageAsync(shopId, ShopImageKind.Place, new MemoryStream(Picture(400, 300, SKEncodedImageFormat.Png)[..40]), null, owner);

        Assert.Equal(ShopImageProcessor.NotAnImageCode, refused.Error!.Code);
        Assert.Equal("El archivo no es una imagen JPEG, PNG o WebP.", refused.Error.Message);
        Assert.Equal(ShopImageProcessor.NotAnImageCode, gifRefused.Error!.Code);
        Assert.Equal(ShopImageProcessor.NotAnImageCode, truncated.Error!.Code);
        Assert.Equal(0, await CountAsync(shopId));
    }

    [Fact]
    public async Task AnUploadOver8MB_IsRefused_AndNothingIsStored()
    {
        var (shopId, owner) = await NewShopAsync();
        var png = Picture(64, 64, SKEncodedImageFormat.Png);
        var padded = new byte[ShopImageProcessor.MaxUploadBytes + 1];
        png.CopyTo(padded, 0);

        var refused = await Branding.AddImageAsync(shopId, ShopImageKind.Team, new MemoryStream(padded), null, owner);

        Assert.Equal(ShopImageProcessor.TooLargeCode, refused.Error!.Code);
        Assert.Equal("La imagen pesa más de 8 MB. Subí una más liviana.", refused.Error.Message);
        Assert.Equal(0, await CountAsync(shopId));
    }

    [Fact]
    public async Task AnotherShopsOwner_OrACustomer_ChangeNothing()
    {
        var (shopId, owner) = await NewShopAsync();
        var (_, otherOwner) = await NewShopAsync();
        var photo = await Branding.AddImageAsync(shopId, ShopImageKind.Place, new MemoryStream(Picture(800, 600, SKEncodedImageFormat.Png)), null, owner);
        Assert.True(photo.Succeeded);
        var customer = Actor.Customer((await app.NewCustomerAsync("curioso")).UserId);

        foreach (var intruder in new[] { otherOwner, customer, Actor.Provider(owner.UserId) })
        {
            Assert.True((await Branding.AddImageAsync(shopId, ShopImageKind.Place, new MemoryStream(Picture(800, 600, SKEncodedImageFormat.Png)), null, intruder)).IsNotFound);
            Assert.True((await Branding.RemoveImageAsync(shopId, photo.Value!.Id, intruder)).IsNotFound);
            Assert.True((await Branding.MoveImageAsync(shopId, photo.Value.Id, false, intruder)).IsNotFound);
            Assert.True((await Branding.ChangeAccentColorAsync(shopId, "#ff0000", intruder)).IsNotFound);
        }

        var brand = (await Branding.BrandAsync(shopId))!;
        Assert.Null(brand.AccentColor);
        Assert.Equal([photo.Value!.Id], brand.Place.Select(p => p.Id));
        // An admin may.
        Assert.True((await Branding.ChangeAccentColorAsync(shopId, "#00897B", Actor.Admin("admin"))).Succeeded);
    }

    [Fact]
    public async Task Photos_AreReordered_Removed_AndCappedPerKind()
    {
        var (shopId, owner) = await NewShopAsync();
        var small = Picture(40, 30, SKEncodedImageFormat.Png);
        var ids = new List<Guid>();
        for (var i = 0; i < ShopImage.MaxPerKind; i++)
            ids.Add((await Branding.AddImageAsync(shopId, ShopImageKind.Team, new MemoryStream(small), null, owner)).Value!.Id);

        var thirteenth = await Branding.AddImageAsync(shopId, ShopImageKind.Team, new MemoryStream(small), null, owner);
        var moved = await Branding.MoveImageAsync(shopId, ids[2], earlier: true, owner);
        var removed = await Branding.RemoveImageAsync(shopId, ids[0], owner);

        Assert.Equal(ShopBrandingService.TooManyCode, thirteenth.Error!.Code);
        Assert.Equal([ids[0], ids[2], ids[1]], moved.Value!.Take(3).Select(i => i.Id));
        Assert.True(removed.Succeeded);
        var team = (await Branding.BrandAsync(shopId))!.Team.Select(t => t.Id).ToList();
        Assert.Equal([ids[2], ids[1], .. ids.Skip(3)], team);
        Assert.True((await Branding.AddImageAsync(shopId, ShopImageKind.Team, new MemoryStream(small), null, owner)).Succeeded);
    }

    [Fact]
    public async Task AccentColour_MustBeHex_AndThePublicPageUsesIt_WithTheLogoAndAMapsLink()
    {
        var (shopId, owner) = await NewShopAsync();
        var bad = await Branding.ChangeAccentColorAsync(shopId, "rojo", owner);
        var good = await Branding.ChangeAccentColorAsync(shopId, "#8E24AA", owner);
        var logo = await Branding.AddImageAsync(shopId, ShopImageKind.Logo, new MemoryStream(Picture(512, 512, SKEncodedImageFormat.Png)), null, owner);

        Assert.Equal("shop.accent_color", bad.Error!.Code);
        Assert.Equal("#8e24aa", good.Value!.AccentColor);
        string slug;
        await using (var scope = app.Services.CreateAsyncScope())
            slug = (await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().Shops.SingleAsync(s => s.Id == shopId)).Slug;
        using var client = app.Client();
        var html = await client.GetStringAsync($"/local/{slug}");
        Assert.Contains("--mud-palette-primary:#8e24aa;", html);
        Assert.Contains(ShopMedia.Url(shopId, logo.Value!.Id), html);
        Assert.Contains("https://www.google.com/maps/search/?api=1&amp;query=Av.%20Santa%20Fe%203000%2C%20CABA", html);
    }

    [Theory]
    [InlineData("owner@barberpro.local")]
    [InlineData("cliente@barberpro.local")]
    [InlineData("barbero1@barberpro.local")]
    public async Task TheAdminShopsPage_IsDeniedToAnyoneButAnAdmin(string email)
    {
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(browser, email, ApiWebApp.DemoPassword)).StatusCode);

        var response = await browser.GetAsync("/admin/locales");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/admin/locales", response.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.DoesNotContain("Abrir un local", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOwnersSettingsPage_PrerendersTheBrandingCard()
    {
        using var browser = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(browser, "owner@barberpro.local", ApiWebApp.DemoPassword)).StatusCode);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/local"));

        Assert.Contains("Imagen del local", html);
        Assert.Contains("Agregar foto del lugar", html);
    }

    private ShopBrandingService Branding => app.Services.GetRequiredService<ShopBrandingService>();

    /// <summary>A picture: the left half red, the right half blue.</summary>
    internal static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Red);
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A shop of its own with an owner account (one per test: the tests share the app).</summary>
    private async Task<(Guid ShopId, Actor Owner)> NewShopAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"duena-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, FullName = "Dueña" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Owner)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var shop = new Shop("Local con Imagen", $"imagen-{Guid.NewGuid():N}"[..30]);
        shop.ChangeContact("Av. Santa Fe 3000, CABA", null);
        shop.AssignOwner(user.Id);
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return (shop.Id, Actor.Owner(user.Id));
    }

    private async Task<int> CountAsync(Guid shopId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().ShopImages.CountAsync(i => i.ShopId == shopId);
    }
}
