using System;

namespace AuthSample.Data;

/// <summary>Created when the user signs up (usage example: signup IP, referral from the session).</summary>
public sealed class Profile
{
    /// <summary>The user's id (one profile per user).</summary>
    public string UserId { get; set; } = "";

    /// <summary>When the user signed up.</summary>
    public DateTimeOffset SignedUpAt { get; set; }

    /// <summary>The client address the signup came from.</summary>
    public string? SignupIp { get; set; }

    /// <summary>The referral code the visitor arrived with (<c>?ref=</c>), kept in the session until signup.</summary>
    public string? Referral { get; set; }

    /// <summary>When the 30-day premium trial ends; set when a primary address is confirmed.</summary>
    public DateTimeOffset? PremiumTrialEndsAt { get; set; }
}

/// <summary>One login (usage example: IP address and user agent).</summary>
public sealed class LoginActivity
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The user who logged in.</summary>
    public string UserId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The client address.</summary>
    public string? IpAddress { get; set; }

    /// <summary>The browser's User-Agent header.</summary>
    public string? UserAgent { get; set; }
}

/// <summary>One authentication step with a second factor.</summary>
public sealed class MfaUse
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The user.</summary>
    public string UserId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The factor's type: totp, recovery_codes, webauthn.</summary>
    public string Type { get; set; } = "";
}

/// <summary>One entry of the user's security log: what happened to the account.</summary>
public sealed class SecurityLogEntry
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The user.</summary>
    public string UserId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The signal's name, e.g. <c>EmailAdded</c>.</summary>
    public string Event { get; set; } = "";

    /// <summary>What it concerned, e.g. the address added; shown to the user only.</summary>
    public string? Detail { get; set; }

    /// <summary>The client address of the request.</summary>
    public string? IpAddress { get; set; }
}
