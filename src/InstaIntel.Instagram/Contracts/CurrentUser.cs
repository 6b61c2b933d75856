namespace InstaIntel.Instagram.Contracts;

/// <summary>The logged-in account as <c>accounts/current_user</c> describes it.</summary>
public sealed record CurrentUser(string Id, string Username, string? FullName, string? ProfilePicUrl, bool? IsPrivate);
