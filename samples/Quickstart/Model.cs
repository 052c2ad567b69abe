namespace Quickstart;

/// <summary>Stands in for the HTTP request of a real web app.</summary>
public sealed record RequestInfo(string IpAddress, string UserAgent);

/// <summary>Stands in for the application's user type.</summary>
public sealed record User(int Id, string Email, bool HasMfa);
