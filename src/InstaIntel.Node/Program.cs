using InstaIntel.Node;

// `InstaIntel.Node migrate` applies the schema migrations and exits; anything else runs the node.
if (args.Length > 0 && args[0] == "migrate")
    return await NodeCommands.MigrateAsync(args[1..]);

var app = NodeApplication.Build(args);
await app.RunAsync();
return 0;
