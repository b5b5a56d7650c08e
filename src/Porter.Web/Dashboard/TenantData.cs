using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Porter.Application.Access;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Application.Changes;

namespace Porter.Web.Dashboard;

/// <summary>
/// What the signed-in person may see: a database context that sees their organisation's rows only, and of those only
/// their professional's messages when their role sees one professional's work (the data layer filters every query by
/// both); the practice when their organisation is the one this instance serves, with the clients they may see. The
/// dashboard reaches data through this and nothing else, so another organisation's id, or another professional's
/// message, reads like a missing one.
/// </summary>
public sealed class TenantData : IAsyncDisposable
{
    /// <summary>Opens the signed-in person's view; throws when nobody is signed in (pages require it first).</summary>
    public TenantData(IHttpContextAccessor http, IDbContextFactory<PorterDb> contexts, PracticeState practice)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(practice);
        Viewer = Accounts.Accounts.ViewerOf(http.HttpContext?.User)
            ?? throw new InvalidOperationException("Tenant data needs a signed-in person.");
        Db = contexts.CreateDbContext();
        Corrections = new Porter.Storage.Understanding.EfCorrectionStore(contexts, db =>
        {
            db.Tenant = OrganisationId;
            db.Desk = Viewer.Desk;
        });
        Db.Tenant = OrganisationId;
        Organisation = OrganisationId == OrganisationRecord.InstanceId ? practice.Current : null;
        Db.Desk = Viewer.Desk;
        Db.DeskTakesUnassigned = Viewer.Desk is { } desk && Organisation?.First.Professional.Id == desk;
        Practice = Organisation is null ? null
            : Viewer.ProfessionalId is { } id && Organisation.Find(id) is { } own ? own
            : Viewer.SeesAll ? Organisation.First
            : null;
        Clients = Organisation is null ? [] : [.. Organisation.Clients.Where(c => Viewer.Sees(c.ProfessionalId))];
    }

    /// <summary>Who is asking, and what their role lets them do.</summary>
    public Viewer Viewer { get; }

    /// <summary>The person's organisation.</summary>
    public long OrganisationId => Viewer.OrganisationId;

    /// <summary>A context that sees this organisation's rows only (and one professional's messages, for their role).</summary>
    public PorterDb Db { get; }

    /// <summary>The corrections the person may see and make (their professional's, or all for an owner).</summary>
    public Porter.Application.Understanding.ICorrectionStore Corrections { get; }

    /// <summary>Every professional's practice, when this instance serves the person's organisation.</summary>
    public Organisation? Organisation { get; }

    /// <summary>
    /// The person's own practice (their professional's; the first professional's for an owner who is none), when this
    /// instance serves their organisation; null for a professional or assistant whose professional is not in it.
    /// </summary>
    public Practice? Practice { get; }

    /// <summary>The clients the person may see (all, for an owner; their professional's, for the others).</summary>
    public ImmutableArray<Client> Clients { get; }

    /// <summary>Whether the person may do <paramref name="deed"/> on the work of the professional with that id.</summary>
    public bool May(Deed deed, string? professionalId) => Viewer.May(deed, professionalId);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
