using Vtr.Cli.Commands;

return await VtrRootCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
