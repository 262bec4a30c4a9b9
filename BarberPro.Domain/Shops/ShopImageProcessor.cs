using BarberPro.Domain.Common;
using SkiaSharp;

namespace BarberPro.Domain.Shops;

/// <summary>An uploaded picture as the server stores it: re-encoded, resized, without the file's metadata.</summary>
public sealed record ProcessedImage(byte[] Data, string ContentType, int Width, int Height);

/// <summary>
/// Turns an upload into what a shop stores. The bytes are decoded (only JPEG, PNG and WebP: the file's name and declared
/// type are never trusted), turned upright by their EXIF orientation, scaled down so the long side is at most
/// <see cref="MaxSide"/> for the kind, and encoded again as WebP. Nothing of the original file survives the
/// round trip: no EXIF (camera, GPS), no colour profile, no trailing data.
/// </summary>
public static class ShopImageProcessor
{
    /// <summary>The largest upload read, in bytes (8 MB).</summary>
    public const long MaxUploadBytes = 8 * 1024 * 1024;
    /// <summary>Larger pictures (in pixels) are refused before they are decoded: a small file can claim a huge canvas.</summary>
    public const long MaxPixels = 40_000_000;
    public const int LogoMaxSide = 256;
    public const int PhotoMaxSide = 1600;
    public const string ContentType = "image/webp";
    private const int Quality = 82;

    public const string TooLargeCode = "shop_image.too_large";
    public const string NotAnImageCode = "shop_image.not_an_image";

    public static int MaxSide(ShopImageKind kind) => kind == ShopImageKind.Logo ? LogoMaxSide : PhotoMaxSide;

    public static DomainError TooLarge() => new(TooLargeCode, "La imagen pesa más de 8 MB. Subí una más liviana.", "File");

    public static DomainError NotAnImage() => new(NotAnImageCode, "El archivo no es una imagen JPEG, PNG o WebP.", "File");

    /// <summary>Decodes, orients, resizes and re-encodes <paramref name="upload"/>; refused when it is not a JPEG, PNG or WebP picture.</summary>
    public static Result<ProcessedImage> Process(byte[] upload, ShopImageKind kind)
    {
        if (upload.LongLength > MaxUploadBytes)
            return TooLarge();
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
            return NotAnImage();
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            return NotAnImage();

        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var read = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (read is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            return NotAnImage();

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var (width, height) = Fit(upright.Width, upright.Height, MaxSide(kind));
        using var resized = width == upright.Width && height == upright.Height
            ? upright.Copy()
            : upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
            return NotAnImage();
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, Quality);
        if (encoded is null)
            return NotAnImage();
        return Result<ProcessedImage>.Ok(new ProcessedImage(encoded.ToArray(), ContentType, width, height));
    }

    /// <summary>The size that keeps the aspect ratio with the long side at most <paramref name="maxSide"/> (never enlarged).</summary>
    public static (int Width, int Height) Fit(int width, int height, int maxSide)
    {
        var longSide = Math.Max(width, height);
        if (longSide <= maxSide)
            return (width, height);
        var scale = (double)maxSide / longSide;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>A copy drawn upright: phones save portraits sideways with an EXIF orientation.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
            return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        float w = source.Width, h = source.Height;
        // x' = a·x + b·y + c, y' = d·x + e·y + f for each EXIF orientation (2 to 8).
        var (a, b, c, d, e, f) = origin switch
        {
            SKEncodedOrigin.TopRight => (-1f, 0f, w, 0f, 1f, 0f),
            SKEncodedOrigin.BottomRight => (-1f, 0f, w, 0f, -1f, h),
            SKEncodedOrigin.BottomLeft => (1f, 0f, 0f, 0f, -1f, h),
            SKEncodedOrigin.LeftTop => (0f, 1f, 0f, 1f, 0f, 0f),
            SKEncodedOrigin.RightTop => (0f, -1f, h, 1f, 0f, 0f),
            SKEncodedOrigin.RightBottom => (0f, -1f, h, -1f, 0f, w),
            _ => (0f, 1f, 0f, -1f, 0f, w), // LeftBottom
        };
        canvas.SetMatrix(new SKMatrix(a, b, c, d, e, f, 0, 0, 1));
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
