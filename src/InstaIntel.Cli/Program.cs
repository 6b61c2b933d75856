using InstaIntel.Cli;

return await InstaIntelCli.RunAsync(args, CliEnvironment.FromProcess());
