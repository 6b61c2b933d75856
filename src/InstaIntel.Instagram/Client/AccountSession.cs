using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Instagram.Client;

/// <summary>
/// Who a call acts as: the managed account's username (the browser pool's and request gate's key) and its session
/// bundle. Printing it prints only cookie names (see <see cref="SessionBundle.ToString"/>).
/// </summary>
public sealed record AccountSession(string Account, SessionBundle Bundle);
