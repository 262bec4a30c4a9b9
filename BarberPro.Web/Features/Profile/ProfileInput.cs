namespace BarberPro.Web.Features.Profile;

/// <summary>The profile form's fields, as typed.</summary>
public sealed class ProfileInput
{
    public string FullName { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
}
