using System.Collections.Immutable;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Operations;
using InstaIntel.Domain.Profiles;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Storage.Profiles;

namespace InstaIntel.Actors.Processing.ProfileSync;

internal abstract record RefreshFinding(ProfileTarget Target);

internal sealed record RefreshStarted(ProfileTarget Target, DateTime At) : RefreshFinding(Target);

internal sealed record DetailsFound(ProfileTarget Target, ProfileDetails Details) : RefreshFinding(Target);

internal sealed record RefreshFailed(ProfileTarget Target, string Error) : RefreshFinding(Target);

/// <summary>
/// The profile refresh: the details of the least recently refreshed profiles (display name, bio, avatar URL and its
/// fingerprint, follower count); a page- or business-like profile is tagged <c>profile_scan_excluded</c>. An action
/// log <c>fetch_details</c> per profile.
/// </summary>
internal static class ProfileRefresh
{
    public static async Task<ImmutableDictionary<string, int>> RunAsync(ProfileSyncRun run, int batchSize)
    {
        var writer = new RefreshWriter(run);
        var targets = new List<ProfileTarget>();
        try
        {
            if (await ActionLogs.TargetOfAsync(run) is { } target)
                targets.Add(target);
            IReadOnlyList<Domain.Profiles.InstagramProfile> due = run.Start.Target is not null ? [] : await run.Stores.Profiles.ListDueForRefreshAsync(run.AccountId, InstagramProfileActionLog.Actions.FetchDetails,
                DateTime.UtcNow - run.Settings.ProfileRefreshMinInterval, batchSize, run.Cancellation);
            foreach (var profile in due)
                targets.Add(new ProfileTarget(profile, await run.Stores.ActionLogs.QueueAsync(run.AccountId, profile.Id,
                    InstagramProfileActionLog.Actions.FetchDetails, run.Start.Trigger, ActionLogs.RunMetadata(run), run.Cancellation)));
            var queue = new Queue<ProfileTarget>(targets);
            await run.RunAsync<RefreshFinding>(async cancellationToken =>
            {
                if (!queue.TryDequeue(out var target)) return CrawlStep<RefreshFinding>.Done;
                var started = new RefreshStarted(target, DateTime.UtcNow);
                try
                {
                    var details = await run.Instagram.GetProfileAsync(run.Account.Session, target.Profile.Username, cancellationToken);
                    return new CrawlStep<RefreshFinding>([started, new DetailsFound(target, details)], queue.Count == 0);
                }
                catch (NotFoundException)
                {
                    return new CrawlStep<RefreshFinding>([started, new RefreshFailed(target, ProfileSyncReasons.ProfileNotFound)], queue.Count == 0);
                }
            }, writer.WriteAsync);
        }
        catch (Exception error)
        {
            await ActionLogs.FailUnfinishedAsync(run, targets, error);
            throw;
        }
        return writer.Stats(targets.Count);
    }

    private sealed class RefreshWriter(ProfileSyncRun run)
    {
        private int _refreshed, _failed, _avatarsChanged, _excluded;

        public async Task WriteAsync(RefreshFinding finding)
        {
            var logs = run.Stores.ActionLogs;
            var logId = finding.Target.LogId;
            var token = run.Cancellation;
            switch (finding)
            {
                case RefreshStarted started:
                    await logs.MarkRunningAsync(logId, started.At, token);
                    break;
                case DetailsFound found:
                    var metadata = await ApplyAsync(finding.Target.Profile, found.Details, token);
                    await logs.MarkSucceededAsync(logId, DateTime.UtcNow, "details refreshed", metadata, token);
                    _refreshed++;
                    break;
                case RefreshFailed failed:
                    await logs.MarkFailedAsync(logId, DateTime.UtcNow, failed.Error, new JsonObject { ["reason_code"] = failed.Error }, token);
                    _failed++;
                    break;
            }
        }

        private async Task<JsonObject> ApplyAsync(InstagramProfile profile, ProfileDetails details, CancellationToken token)
        {
            var profiles = run.Stores.Profiles;
            var fingerprint = AvatarFingerprint.Of(details.ProfilePicUrl);
            var previous = await profiles.ApplyDetailsAsync(profile.Id, new ProfileDetailsUpdate(
                DateTime.UtcNow,
                IgUserId: details.Id,
                // The profile page is authoritative: an empty bio or name is one the owner removed, so it is stored.
                DisplayName: details.FullName,
                Bio: details.Biography,
                FollowersCount: details.FollowerCount is { } count ? (int)Math.Clamp(count, 0, int.MaxValue) : null,
                // A placeholder silhouette is no picture: the stored one stays.
                ProfilePicUrl: fingerprint is null ? null : details.ProfilePicUrl,
                AvatarUrlFingerprint: fingerprint), token);
            var avatarChanged = fingerprint is not null && fingerprint != previous;
            if (avatarChanged) _avatarsChanged++;

            var pageLike = PageLikeProfile.Reason(details.IsBusinessAccount, details.Category, await profiles.TagsOfAsync(profile.Id, token));
            var excludedNow = pageLike is not null && await profiles.AddTagAsync(profile.Id, ProfileTag.WellKnown.ProfileScanExcluded, token);
            if (excludedNow) _excluded++;
            return new JsonObject
            {
                ["avatar_changed"] = avatarChanged,
                ["page_like_reason"] = pageLike,
                ["tagged_profile_scan_excluded"] = excludedNow,
            };
        }

        public ImmutableDictionary<string, int> Stats(int due) => ImmutableDictionary<string, int>.Empty
            .Add("profiles_due", due)
            .Add("profiles_refreshed", _refreshed)
            .Add("profiles_failed", _failed)
            .Add("avatars_changed", _avatarsChanged)
            .Add("profiles_excluded", _excluded);
    }
}
