using NodaTime;

namespace BarberPro.Domain.Shops;

/// <summary>What a shop's image shows.</summary>
public enum ShopImageKind
{
    /// <summary>The shop's logo: at most one (a new one replaces it).</summary>
    Logo = 0,
    /// <summary>The place: the chairs, the waiting room, the front.</summary>
    Place = 1,
    /// <summary>The team: a barber, a professional.</summary>
    Team = 2,
}

/// <summary>
/// One of a shop's pictures (logo, the place, the team), stored in the database already resized and re-encoded by the
/// server (never the uploaded bytes), so that every server of a cluster serves it and a backup holds it.
/// </summary>
public sealed class ShopImage
{
    public const int MaxCaptionLength = 120;
    /// <summary>The most images of each kind a shop keeps (a logo is one).</summary>
    public const int MaxPerKind = 12;

    private ShopImage() { }

    public ShopImage(Guid shopId, ShopImageKind kind, string contentType, byte[] data, int width, int height, string? caption, int sortOrder, Instant createdAt)
    {
        Id = Guid.NewGuid();
        ShopId = shopId;
        Kind = kind;
        ContentType = contentType;
        Data = data;
        Width = width;
        Height = height;
        Caption = string.IsNullOrWhiteSpace(caption) ? null : Common.PlainText.Name(caption);
        if (Caption is { Length: > MaxCaptionLength })
            throw new Common.DomainException(new("shop_image.caption", $"El epígrafe puede tener hasta {MaxCaptionLength} caracteres.", nameof(Caption)));
        SortOrder = sortOrder;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    public ShopImageKind Kind { get; private set; }
    /// <summary>The served type, e.g. "image/webp" or "image/png".</summary>
    public string ContentType { get; private set; } = "";
    public byte[] Data { get; private set; } = [];
    public int Width { get; private set; }
    public int Height { get; private set; }
    public string? Caption { get; private set; }
    public int SortOrder { get; private set; }
    public Instant CreatedAt { get; private set; }
}
