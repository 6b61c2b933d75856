using InstaIntel.Node;

// `InstaIntel.Node migrate` applies the schema migrations and exits, `api-key ...` manages API keys; anything else runs the node.
if (args.Length > 0 && args[0] == "migrate")
    return await NodeCommands.MigrateAsync(args[1..]);
if (args.Length > 0 && args[0] == "api-key")
    return await NodeCommands.ApiKeyAsync(args[1..]);

var app = NodeApplication.Build(args);
await app.RunAsync();
return 0;
