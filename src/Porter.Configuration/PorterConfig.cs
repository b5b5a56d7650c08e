using Porter.Domain.Scheduling;

namespace Porter.Configuration;

/// <summary>A loaded, checked Porter configuration. Availability is its first section; more follow.</summary>
/// <param name="Source">Where it was read from.</param>
/// <param name="Availability">When the professional works.</param>
public sealed record PorterConfig(string Source, Availability Availability);
