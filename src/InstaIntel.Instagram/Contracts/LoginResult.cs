namespace InstaIntel.Instagram.Contracts;

/// <summary>The answer of the web login endpoint: <see cref="UserExists"/> with not <see cref="Authenticated"/> is a wrong password.</summary>
public sealed record LoginResult(bool Authenticated, bool UserExists, string? UserId);
