using NodaTime;
using Porter.Cli;

// The composition root is the one place that may name the system clock; everything else receives an IClock.
#pragma warning disable RS0030
IClock clock = SystemClock.Instance;
#pragma warning restore RS0030

return await PorterCommand.Create(clock).Parse(args).InvokeAsync();
