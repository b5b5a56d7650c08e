using System.Reflection;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Tests;

/// <summary>The domain stays pure: it references the runtime and NodaTime, nothing that does I/O for it.</summary>
public class DomainBoundaryTests
{
    [Fact]
    public void Domain_ReferencesOnlyTheRuntimeAndNodaTime()
    {
        string[] references = [.. typeof(Availability).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.Contains("NodaTime", references);
        Assert.All(references, name => Assert.True(
            name == "NodaTime" || name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard",
            $"Porter.Domain must not reference {name}"));
        Assert.DoesNotContain(references, name => name.StartsWith("System.Net", StringComparison.Ordinal) || name == "System.IO.FileSystem");
    }

    [Fact]
    public void Domain_PublicTypesNeverExposeDateTime()
    {
        Type[] banned = [typeof(DateTime), typeof(DateTimeOffset), Type.GetType("System.TimeZoneInfo", throwOnError: true)!];
        IEnumerable<Type> exposed = typeof(Availability).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m switch
            {
                MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
                PropertyInfo property => [property.PropertyType],
                ConstructorInfo ctor => ctor.GetParameters().Select(p => p.ParameterType),
                _ => [],
            });
        Assert.DoesNotContain(exposed, banned.Contains);
    }
}
