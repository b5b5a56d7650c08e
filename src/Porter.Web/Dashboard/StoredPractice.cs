using Porter.Domain.Agreements;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>Which professional's practice a stored message belongs to.</summary>
public static class StoredPractice
{
    /// <summary>The practice of the professional the message was for (its client's, for messages stored before several professionals).</summary>
    public static Practice Of(Organisation organisation, MessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(message);
        return message.ProfessionalId is { } id && organisation.Find(id) is { } practice ? practice : organisation.PracticeOf(message.ClientId);
    }
}
