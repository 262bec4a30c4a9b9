using BarberPro.Domain.Accounts;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;

namespace BarberPro.Tests.TestSupport;

/// <summary>
/// A health practice written to a test database: an owner who does not see patients, two professionals working Tuesday to
/// Saturday 09:00–13:00 and 14:00–20:00, the vertical's services (<see cref="VerticalProfile"/>) and policy, and one
/// patient who is not yet the practice's customer. Made on the spot; it depends on no demo data.
/// </summary>
public sealed class TestPractice
{
    public const string OwnerUserId = "practice-owner";
    public const string ProfessionalUserId = "professional-1";
    public const string OtherProfessionalUserId = "professional-2";
    public const string PatientUserId = "patient-1";

    public required Shop Shop { get; init; }
    public required Provider Professional { get; init; }
    public required Provider OtherProfessional { get; init; }
    /// <summary>The vertical's first service ("Sesión individual", "Consulta").</summary>
    public required Offering Service { get; init; }
    public required Customer Patient { get; init; }

    /// <summary>The practice with users of the fixed ids above (plain rows, no passwords): for domain and bUnit tests.</summary>
    public static async Task<TestPractice> SeedAsync(BarberProDbContext db, Vertical vertical, bool? requiresPatientDetails = null)
    {
        foreach (var id in new[] { OwnerUserId, ProfessionalUserId, OtherProfessionalUserId, PatientUserId })
            db.Users.Add(new AppUser { Id = id, UserName = id + "@test", Email = id + "@test", FullName = id });
        var patient = new Customer("Paciente Uno", "11 2345-6789", PatientUserId + "@test", PatientUserId);
        db.Customers.Add(patient);
        var practice = Add(db, vertical, "consultorio-test", OwnerUserId, ProfessionalUserId, OtherProfessionalUserId, patient, requiresPatientDetails);
        await db.SaveChangesAsync();
        return practice;
    }

    /// <summary>
    /// Adds the practice for existing users (e.g. accounts with passwords made through Identity) to <paramref name="db"/>,
    /// unsaved. <paramref name="requiresPatientDetails"/> overrides the vertical's default policy.
    /// </summary>
    public static TestPractice Add(BarberProDbContext db, Vertical vertical, string slug, string ownerUserId, string professionalUserId,
        string otherProfessionalUserId, Customer patient, bool? requiresPatientDetails = null)
    {
        var profile = VerticalProfile.For(vertical);
        var policy = requiresPatientDetails is { } required ? profile.DefaultPolicy with { RequiresPatientDetails = required } : profile.DefaultPolicy;
        var shop = new Shop(vertical == Vertical.Doctor ? "Centro Médico Test" : "Consultorio Test", slug, vertical: vertical, policy: policy);
        shop.AssignOwner(ownerUserId);
        var template = profile.Services[0];
        var service = new Offering(shop.Id, template.Name, template.Duration, template.Price, bufferAfter: template.BufferAfter);
        var professional = NewProfessional(shop, "Lic. Uno", professionalUserId, service);
        var other = NewProfessional(shop, "Lic. Dos", otherProfessionalUserId, service);
        db.AddRange(shop, service, professional, other);
        return new TestPractice { Shop = shop, Professional = professional, OtherProfessional = other, Service = service, Patient = patient };
    }

    private static Provider NewProfessional(Shop shop, string name, string userId, Offering service)
    {
        var provider = new Provider(shop.Id, name, userId);
        var days = new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday };
        provider.SetWeeklyHours(days.SelectMany(d => new[]
        {
            (d, new LocalTimeRange(new LocalTime(9, 0), new LocalTime(13, 0))),
            (d, new LocalTimeRange(new LocalTime(14, 0), new LocalTime(20, 0))),
        }));
        provider.Offer(service);
        return provider;
    }
}
