using System;

namespace AuthSample.Mail;

/// <summary>A message the development mail sink received instead of sending it.</summary>
public sealed class SentEmail
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>When it was "sent".</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The recipient.</summary>
    public string To { get; set; } = "";

    /// <summary>The subject line.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The text of the message.</summary>
    public string Body { get; set; } = "";

    /// <summary>The link the message carries (confirmation or reset), if any.</summary>
    public string? Link { get; set; }
}
