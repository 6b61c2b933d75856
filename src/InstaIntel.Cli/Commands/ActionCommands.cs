using System.ComponentModel;
using InstaIntel.Cli.Rendering;
using Spectre.Console.Cli;

namespace InstaIntel.Cli.Commands;

public sealed class ActionSettings : AccountSettings
{
    [CommandArgument(1, "<action>")]
    [Description("sync-follow-graph, sync-stories, run-continuous-processing, enable-continuous-processing, disable-continuous-processing; with --profile: sync-stories, capture-posts, fetch-details, verify-messageability")]
    public string Action { get; set; } = "";

    [CommandOption("--profile <USERNAME>")]
    [Description("The profile a one-profile action is about")]
    public string? Profile { get; set; }

    [CommandOption("--wait")]
    [Description("Wait until the action has finished; exit 1 when it failed")]
    public bool Wait { get; set; }
}

public sealed class ActionStatusSettings : AccountSettings
{
    [CommandArgument(1, "<id>")]
    public long Id { get; set; }
}

public sealed class MessageSettings : AccountSettings
{
    [CommandArgument(1, "<profile>")]
    public string Profile { get; set; } = "";

    [CommandArgument(2, "<text>")]
    public string Text { get; set; } = "";

    [CommandOption("--story <STORY_ID>")]
    [Description("Reply to this story of the profile instead of sending a DM")]
    public string? Story { get; set; }
}

public sealed class MessageStatusSettings : AccountSettings
{
    [CommandArgument(1, "<profile>")]
    public string Profile { get; set; } = "";

    [CommandArgument(2, "<id>")]
    public long Id { get; set; }
}

[Description("Start an action (202 with its action log id; 409 with the reason when the account cannot run it now)")]
public sealed class AccountsActionCommand(CliEnvironment environment) : NodeCommand<ActionSettings>(environment)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    protected override async Task<int> RunAsync(NodeClient node, ActionSettings settings, CancellationToken cancellationToken)
    {
        var action = Uri.EscapeDataString(settings.Action.Trim());
        var path = settings.Profile is { } profile
            ? settings.Route($"/profiles/{Uri.EscapeDataString(profile.Trim())}/actions/{action}?trigger=cli")
            : settings.Route($"/actions/{action}?trigger=cli");
        var accepted = await node.PostAsync<ActionAccepted>(path, null, cancellationToken);
        if (!settings.Wait)
            return Show(settings, accepted, a => Tables.Line($"action {a.Id} ({a.Action}) of {settings.Username}: {a.Status}"));

        var status = await WithSpinner(settings, $"waiting for action {accepted.Value.Id}", async () =>
        {
            while (true)
            {
                var current = await node.GetAsync<ActionStatus>(settings.Route($"/actions/{accepted.Value.Id}"), cancellationToken);
                if (current.Value.Finished) return current;
                await Task.Delay(PollEvery, cancellationToken);
            }
        });
        Show(settings, status, Tables.Action);
        return status.Value.Status == "succeeded" ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

[Description("An action's progress: queued, running, succeeded or failed, with its log or error")]
public sealed class AccountsActionStatusCommand(CliEnvironment environment) : NodeCommand<ActionStatusSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, ActionStatusSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<ActionStatus>(settings.Route($"/actions/{settings.Id}"), cancellationToken), Tables.Action);
}

[Description("Queue a DM (or, with --story, a story reply) to one of the account's profiles")]
public sealed class AccountsMessageCommand(CliEnvironment environment) : NodeCommand<MessageSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, MessageSettings settings, CancellationToken cancellationToken)
    {
        object body = settings.Story is { } story
            ? new { text = settings.Text, kind = "story_reply", storyId = story }
            : new { text = settings.Text };
        var queued = await node.PostAsync<MessageQueued>(settings.Route($"/profiles/{Uri.EscapeDataString(settings.Profile.Trim())}/messages?trigger=cli"), body, cancellationToken);
        return Show(settings, queued, m => Tables.Line($"message {m.Id} to {settings.Profile.Trim()} queued"));
    }
}

[Description("A queued message's state: queued, sent or failed")]
public sealed class AccountsMessageStatusCommand(CliEnvironment environment) : NodeCommand<MessageStatusSettings>(environment)
{
    protected override async Task<int> RunAsync(NodeClient node, MessageStatusSettings settings, CancellationToken cancellationToken) =>
        Show(settings, await node.GetAsync<MessageStatus>(settings.Route($"/profiles/{Uri.EscapeDataString(settings.Profile.Trim())}/messages/{settings.Id}"), cancellationToken),
            m => Tables.Line($"message {m.Id} ({m.Kind}) to {m.Profile}: {m.Status}{(m.SentAt is { } at ? $" at {at:O}" : "")}{(m.Error is { } error ? $": {error}" : "")}"));
}
