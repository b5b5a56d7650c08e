using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Accounts;

namespace Porter.Web.Tests.Dashboard;

/// <summary>Accounts and a browser-like client (cookies, antiforgery tokens read from the forms) for the dashboard tests.</summary>
internal static partial class Signed
{
    public const string Password = "correct horse battery staple";

    /// <summary>Makes an account through Identity, in the instance's organisation or a named other one.</summary>
    public static async Task CreateUserAsync(PorterFactory factory, string email, string? organisation = null, string password = Password,
        Porter.Application.Access.PersonRole role = Porter.Application.Access.PersonRole.Owner, string? professional = null)
    {
        await using AsyncServiceScope scope = factory.Services.CreateAsyncScope();
        IReadOnlyList<string> errors = await Porter.Web.Accounts.Accounts.CreateAsync(
            scope.ServiceProvider.GetRequiredService<UserManager<PorterUser>>(), scope.ServiceProvider.GetRequiredService<PorterDb>(), email, password, organisation, role, professional);
        Assert.Empty(errors);
    }

    /// <summary>A client over https://localhost that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Browser(PorterFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Logs in; asserts it worked.</summary>
    public static async Task<HttpClient> InAsync(PorterFactory factory, string email, string password = Password)
    {
        HttpClient client = Browser(factory);
        HttpResponseMessage response = await LogInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.ToString());
        return client;
    }

    /// <summary>Posts the login form (with the token from the form).</summary>
    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, "/login", "/login", ("email", email), ("password", password));

    /// <summary>Reads the antiforgery token from the form on <paramref name="page"/> and posts <paramref name="fields"/> with it to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        string token = Token(await client.GetStringAsync(page));
        using var content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);
        return await client.PostAsync(action, content);
    }

    /// <summary>Posts a file as a form upload (multipart), with the token from the form on <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string action, string field, string fileName, string text)
    {
        string token = Token(await client.GetStringAsync(page));
        using var form = new MultipartFormDataContent();
        using var tokenPart = new StringContent(token);
        using var filePart = new StringContent(text);
        form.Add(tokenPart, "__RequestVerificationToken");
        form.Add(filePart, field, fileName);
        return await client.PostAsync(action, form);
    }

    /// <summary>The antiforgery token of the (first) form in a page.</summary>
    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The page has no form token.");

    /// <summary>The fields of a form on a page as a browser would send them (inputs, checked boxes, selects, text areas).</summary>
    public static async Task<List<KeyValuePair<string, string>>> FormAsync(HttpClient client, string page, string selector)
    {
        AngleSharp.Html.Dom.IHtmlDocument document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(page));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement?)document.QuerySelector(selector) ?? throw new InvalidOperationException($"{page} has no {selector}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (AngleSharp.Dom.IElement element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            string name = element.GetAttribute("name")!;
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        return fields;
    }

    /// <summary>Sets a field (replacing its value) in a form's fields.</summary>
    public static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        int i = fields.FindIndex(f => f.Key == name);
        if (i < 0)
        {
            fields.Add(new(name, value));
        }
        else
        {
            fields[i] = new(name, value);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
