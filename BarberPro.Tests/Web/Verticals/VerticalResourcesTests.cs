using System.Globalization;
using System.Xml.Linq;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Verticals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BarberPro.Tests.Web.Verticals;

/// <summary>
/// The vertical resource files: each says in English whatever it says in Spanish (else an English page would get a
/// vertical's Spanish word instead of the shared English one), and overrides only keys that exist.
/// </summary>
public sealed class VerticalResourcesTests
{
    private static readonly string Resources = Repository.PathOf("BarberPro.Web", "Resources");

    public static TheoryData<string> Verticals => new(Enum.GetValues<Vertical>().Where(v => v != Vertical.Barber).Select(v => v.ToString()));

    [Theory]
    [MemberData(nameof(Verticals))]
    public void SpanishAndEnglish_HaveTheSameKeys(string vertical)
    {
        var spanish = Keys(Path.Combine(Resources, "Verticals", vertical + ".resx"));
        var english = Keys(Path.Combine(Resources, "Verticals", vertical + ".en.resx"));

        Assert.NotEmpty(spanish);
        Assert.Equal(spanish.Order(), english.Order());
    }

    [Theory]
    [MemberData(nameof(Verticals))]
    public void EveryKey_OverridesASharedOrOwnerText_InBothLanguages(string vertical)
    {
        var known = Keys(Path.Combine(Resources, "SharedResource.resx")).Concat(Keys(Path.Combine(Resources, "OwnerText.resx"))).ToHashSet();
        var knownEnglish = Keys(Path.Combine(Resources, "SharedResource.en.resx")).Concat(Keys(Path.Combine(Resources, "OwnerText.en.resx"))).ToHashSet();
        var inBoth = Keys(Path.Combine(Resources, "SharedResource.resx")).Intersect(Keys(Path.Combine(Resources, "OwnerText.resx"))).ToHashSet();

        foreach (var key in Keys(Path.Combine(Resources, "Verticals", vertical + ".resx")))
        {
            Assert.True(known.Contains(key), $"{vertical}.resx overrides {key}, which no shared or owner text has.");
            Assert.True(knownEnglish.Contains(key), $"{key} has no shared English text to fall back to for a barber shop.");
            Assert.False(inBoth.Contains(key), $"{key} is both a shared and an owner text: a vertical cannot tell which one it overrides.");
        }
    }

    [Fact]
    public void ShopWords_FallsBackToTheSharedText_AndTheBarberHasTheSharedWords()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<IVerticalText, ShopWords>();
        using var provider = services.BuildServiceProvider();
        var words = provider.GetRequiredService<IVerticalText>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-AR");
            Assert.Equal(new Vocabulary("barbería", "barbero", "barberos", "servicio", "servicios", "cliente", "clientes", "turno"),
                Vocabulary.Of(words.For(Vertical.Barber)));
            Assert.Equal(new Vocabulary("consultorio", "profesional", "profesionales", "sesión", "sesiones", "paciente", "pacientes", "turno"),
                Vocabulary.Of(words.For(Vertical.Psychologist)));
            Assert.Equal(new Vocabulary("centro médico", "médico", "médicos", "consulta", "consultas", "paciente", "pacientes", "turno"),
                Vocabulary.Of(words.For(Vertical.Doctor)));
            var doctor = words.For(Vertical.Doctor);
            Assert.Equal("Horarios", doctor["Shop.Hours"]);   // not the vertical's: shared
            Assert.False(doctor["Shop.Hours"].ResourceNotFound);
            Assert.True(doctor["No.Such.Key"].ResourceNotFound);

            var owner = words.For(Vertical.Doctor, provider.GetRequiredService<IStringLocalizer<BarberPro.Web.OwnerText>>());
            Assert.Equal("Consultas", owner["Offerings.Title"]);
            Assert.Equal("Datos del local", owner["Settings.Shop"]);   // owner text, not overridden

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("patient", words.For(Vertical.Doctor)["Vocab.Customer"]);
            Assert.Equal("client", words.For(Vertical.Barber)["Vocab.Customer"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static List<string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
}
