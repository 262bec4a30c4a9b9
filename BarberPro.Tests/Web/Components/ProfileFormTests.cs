using BarberPro.Domain.Accounts;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Profile;
using Bunit;

namespace BarberPro.Tests.Web.Components;

/// <summary>The profile form: the domain's field errors under their fields, the optional phone for staff, the saved and unconfirmed notes.</summary>
public sealed class ProfileFormTests : BunitTestBase
{
    [Fact]
    public void ShowsTheDomainsErrors_UnderTheirFields()
    {
        var input = new ProfileInput { FullName = "A", Phone = "1234", Email = "no-es-un-email" };
        var errors = AccountProfile.FieldErrors(new ProfileChange(input.FullName, input.Phone, input.Email), phoneRequired: true);

        var form = Render<ProfileForm>(p => p.Add(f => f.Input, input).Add(f => f.Errors, errors).Add(f => f.IsCustomer, true));

        Assert.Equal(3, errors.Count);
        Assert.NotNull(form.Find("[data-testid=profile-errors]"));
        var messages = form.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("nombre y apellido"));
        Assert.Contains(messages, m => m.Contains("número"));
        Assert.Contains(messages, m => m.Contains("email válido"));
        Assert.Equal("1234", form.Find("#phone").GetAttribute("value"));
        Assert.DoesNotContain(Texts["Profile.Optional"].Value, form.Find("label[for=phone]").TextContent);
    }

    [Fact]
    public void Staff_SeeThePhoneAsOptional_AndAnEmptyPhoneIsNoError()
    {
        var input = new ProfileInput { FullName = "Diego Pérez", Phone = "", Email = "diego@example.com" };
        var errors = AccountProfile.FieldErrors(new ProfileChange(input.FullName, input.Phone, input.Email), phoneRequired: false);

        var form = Render<ProfileForm>(p => p.Add(f => f.Input, input).Add(f => f.Errors, errors).Add(f => f.IsCustomer, false));

        Assert.Empty(errors);
        Assert.Contains(Texts["Profile.Optional"].Value, form.Find("label[for=phone]").TextContent);
        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void AfterSavingANewEmail_SaysToConfirmIt()
    {
        var input = new ProfileInput { FullName = "Ana Suárez", Phone = "+54 9 11 4444-5555", Email = "nueva@example.com" };

        var form = Render<ProfileForm>(p => p.Add(f => f.Input, input).Add(f => f.IsCustomer, true).Add(f => f.Saved, true)
            .Add(f => f.EmailChanged, true).Add(f => f.EmailConfirmed, false));

        Assert.Contains(Texts["Profile.ConfirmNewEmail"].Value, form.Find("[data-testid=profile-saved]").TextContent);
        Assert.NotNull(form.Find("[data-testid=email-unconfirmed]"));
    }
}
