using BarberPro.Domain.Common;
using BarberPro.Web.Features.Api;

namespace BarberPro.Web.Features.Accounts;

/// <summary>How POST /api/v1/auth/token answers a second factor that is missing, wrong or not set up.</summary>
public static class TwoFactorApiProblems
{
    /// <summary>The mobile app asks for a code when it sees this one.</summary>
    public const string CodeRequiredCode = "auth.two_factor_required";
    public const string CodeInvalidCode = "auth.two_factor_invalid";
    public const string EnrolmentRequiredCode = "auth.two_factor_enrolment_required";

    /// <summary>401 for a missing or wrong code, the lockout answer once wrong codes locked the account; null when the check passed or the answer is a 403.</summary>
    public static UnauthorizedProblem? Unauthorized(TwoFactorCheck check) => check switch
    {
        TwoFactorCheck.CodeRequired => ApiProblems.Unauthorized(
            "Tu cuenta usa verificación en dos pasos: enviá en \"code\" el código de 6 dígitos de tu app de autenticación o un código de recuperación.",
            CodeRequiredCode),
        TwoFactorCheck.CodeInvalid => ApiProblems.Unauthorized("El código de verificación no es correcto o ya venció.", CodeInvalidCode),
        TwoFactorCheck.LockedOut => ApiProblems.Unauthorized(
            "La cuenta está bloqueada por demasiados intentos fallidos. Probá de nuevo en 15 minutos.", "auth.locked_out"),
        _ => null,
    };

    /// <summary>403 for staff who must use two-factor sign-in and have not set it up (they do it on the web, under Cuenta › Seguridad).</summary>
    public static ForbiddenProblem? Forbidden(TwoFactorCheck check) => check == TwoFactorCheck.EnrolmentRequired
        ? ApiProblems.Forbidden(new DomainError(EnrolmentRequiredCode,
            $"Tu cuenta tiene que usar verificación en dos pasos. Activala en la web ({TwoFactorEnrolment.SecurityPath}) y volvé a pedir el token."))
        : null;
}
