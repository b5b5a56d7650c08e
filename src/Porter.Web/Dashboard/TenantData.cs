using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Accounts;

namespace Porter.Web.Dashboard;

/// <summary>
/// What the signed-in person may see: a database context that sees their organisation's rows only (the data layer
/// filters every query by it), and the practice when their organisation is the one this instance serves. The
/// dashboard reaches data through this and nothing else, so another organisation's id reads like a missing one.
/// </summary>
public sealed class TenantData : IAsyncDisposable
{
    /// <summary>Opens the signed-in person's view; throws when nobody is signed in (pages require it first).</summary>
    public TenantData(IHttpContextAccessor http, IDbContextFactory<PorterDb> contexts, PracticeState practice)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(practice);
        OrganisationId = Accounts.Accounts.OrganisationOf(http.HttpContext?.User)
            ?? throw new InvalidOperationException("Tenant data needs a signed-in person.");
        Db = contexts.CreateDbContext();
        Db.Tenant = OrganisationId;
        Practice = OrganisationId == OrganisationRecord.InstanceId ? practice.Current : null;
    }

    /// <summary>The person's organisation.</summary>
    public long OrganisationId { get; }

    /// <summary>A context that sees this organisation's rows only.</summary>
    public PorterDb Db { get; }

    /// <summary>The practice (professional, availability, clients), when this instance serves the person's organisation.</summary>
    public Practice? Practice { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
