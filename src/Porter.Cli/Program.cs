using Porter.Cli;

return await PorterCommand.Create().Parse(args).InvokeAsync();
