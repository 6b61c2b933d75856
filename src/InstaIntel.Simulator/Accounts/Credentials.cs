using System.Security.Cryptography;
using System.Text;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Accounts;

/// <summary>Checks logins: the configured accounts, and every generated profile with the documented password pattern
/// (so a load run can log in as many accounts as it likes).</summary>
public sealed class Credentials(IReadOnlyList<SimulatorAccount> accounts, string? generatedPasswordPattern, SimulatedNetwork network)
{
    public IReadOnlyList<SimulatorAccount> Accounts => accounts;

    /// <summary>The password a generated profile logs in with, or null when generated profiles cannot log in.</summary>
    public string? PasswordOf(string username)
    {
        var account = accounts.FirstOrDefault(a => a.Username == username);
        if (account is not null)
            return account.Password;
        return generatedPasswordPattern is not null && network.TryFind(username) is not null
            ? generatedPasswordPattern.Replace("{username}", username, StringComparison.Ordinal)
            : null;
    }

    public bool CheckpointOnLogin(string username) => accounts.Any(a => a.Username == username && a.CheckpointOnLogin);

    public bool Matches(string username, string password) =>
        PasswordOf(username) is { } expected &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(password));
}
