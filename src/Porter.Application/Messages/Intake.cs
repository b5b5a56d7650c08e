using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Application.Messages;

/// <summary>A decision, the version of the practice it was made against (null when the practice has none, as in <c>porter import</c>), and whose it is.</summary>
/// <param name="Decision">The decision.</param>
/// <param name="PracticeVersion">The practice's version (the id of its change record).</param>
/// <param name="ProfessionalId">The professional the message is for (whose practice decided it).</param>
public readonly record struct Decided(Decision Decision, long? PracticeVersion, string? ProfessionalId = null);

/// <summary>Decides a message, given when the automatic reply's recipient last had one.</summary>
public delegate Decided Decide(IncomingMessage message, Instant now, Instant? lastAutoReplyToRecipient);

/// <summary>
/// The first half of "accept a message": which professional it is for (<see cref="Organisation.PracticeFor"/>) and
/// what their practice decides. No I/O; the message store (a port the storage adapter implements) calls it for each
/// new message, inside the transaction that stores it, so a repeat is never decided twice.
/// </summary>
public static class Intake
{
    /// <summary>A <see cref="Decide"/> over the practice <paramref name="current"/> gives at each call (with its version).</summary>
    public static Decide Over(Func<(Organisation Organisation, long? Version)> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return (message, now, last) =>
        {
            (Organisation organisation, long? version) = current();
            return DecideFor(organisation, version, message, now, last);
        };
    }

    /// <summary>Decides <paramref name="message"/> by the practice of the professional it is for.</summary>
    public static Decided DecideFor(Organisation organisation, long? version, IncomingMessage message, Instant now, Instant? lastAutoReplyToRecipient)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        Practice practice = organisation.PracticeFor(message);
        return new Decided(DecisionCore.Decide(practice, message, now, lastAutoReplyToRecipient), version, practice.Professional.Id);
    }
}
