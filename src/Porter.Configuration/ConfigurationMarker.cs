namespace Porter.Configuration;

/// <summary>Reads Porter configuration files.</summary>
public static class ConfigurationMarker;
