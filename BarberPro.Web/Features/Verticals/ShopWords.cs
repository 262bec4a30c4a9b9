using BarberPro.Domain.Shops;
using Microsoft.Extensions.Localization;

namespace BarberPro.Web.Features.Verticals;

/// <summary>
/// The words of a shop's vertical: "consultorio", "sesión", "paciente" where a barber shop says "barbería", "servicio",
/// "cliente". Pages that show a shop read their texts from <see cref="For(Vertical)"/> with the shop's vertical; no page
/// tests the vertical itself.
/// </summary>
public interface IVerticalText
{
    /// <summary>
    /// Texts in the request's language: the vertical's own file first (Resources/Verticals/&lt;Vertical&gt;.resx and
    /// .en.resx), then the shared texts (SharedResource). Barber words are the shared ones.
    /// </summary>
    IStringLocalizer For(Vertical vertical);

    /// <summary>Like <see cref="For(Vertical)"/>, falling back to <paramref name="fallback"/> (e.g. the owner pages' OwnerText).</summary>
    IStringLocalizer For(Vertical vertical, IStringLocalizer fallback);
}

/// <summary>
/// <see cref="IVerticalText"/> over the app's resource files. A vertical's file holds only what it says differently:
/// the <c>Vocab.*</c> words (also in SharedResource, with the barber's) and overrides of shared or owner keys, with
/// the same key. Every key a vertical's Spanish file has is in its English file too (a test checks it), so an English
/// page never gets a vertical's Spanish word instead of the shared English one.
/// </summary>
public sealed class ShopWords : IVerticalText
{
    private readonly IStringLocalizer _shared;
    private readonly Dictionary<Vertical, IStringLocalizer> _own;

    public ShopWords(IStringLocalizerFactory factory)
    {
        _shared = factory.Create(typeof(SharedResource));
        var assembly = typeof(SharedResource).Assembly.GetName().Name!;
        _own = Enum.GetValues<Vertical>()
            .Where(v => v != Vertical.Barber)
            .ToDictionary(v => v, v => factory.Create("Verticals." + v, assembly));
    }

    public IStringLocalizer For(Vertical vertical) => For(vertical, _shared);

    public IStringLocalizer For(Vertical vertical, IStringLocalizer fallback) =>
        _own.TryGetValue(vertical, out var own) ? new Layered(own, fallback) : fallback;

    /// <summary>The first of two localizers that has the key.</summary>
    private sealed class Layered(IStringLocalizer first, IStringLocalizer then) : IStringLocalizer
    {
        public LocalizedString this[string name] => first[name] is { ResourceNotFound: false } found ? found : then[name];

        public LocalizedString this[string name, params object[] arguments] =>
            first[name, arguments] is { ResourceNotFound: false } found ? found : then[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
        {
            var own = first.GetAllStrings(includeParentCultures).ToList();
            var names = own.Select(s => s.Name).ToHashSet();
            return own.Concat(then.GetAllStrings(includeParentCultures).Where(s => !names.Contains(s.Name)));
        }
    }
}
