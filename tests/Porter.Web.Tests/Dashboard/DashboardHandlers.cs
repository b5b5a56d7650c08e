using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Porter.Web.Tests.Dashboard;

/// <summary>Every handler of every dashboard page, found by reflection ("Settings.PostWeekly"), for the tests that must cover each one.</summary>
internal static partial class DashboardHandlers
{
    /// <summary>The handlers as page and handler names: "Index.Get", "Message.PostReply", …</summary>
    public static string[] All() => [.. typeof(Porter.Web.Pages.Dashboard.SettingsModel).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(Porter.Web.Pages.Dashboard.SettingsModel).Namespace && t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => HandlerName().Match(m.Name))
            .Where(m => m.Success)
            .Select(m => $"{t.Name[..^"Model".Length]}.{m.Groups[1].Value}{m.Groups[2].Value}"))];

    [GeneratedRegex("^On(Get|Post)(\\w*?)(?:Async)?$")]
    private static partial Regex HandlerName();
}
