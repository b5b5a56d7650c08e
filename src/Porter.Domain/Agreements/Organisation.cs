using System.Collections.Frozen;
using System.Collections.Immutable;
using Porter.Domain.Messages;

namespace Porter.Domain.Agreements;

/// <summary>
/// An organisation's professionals, each with their own practice (hours, on-call, clients, their rules within the
/// organisation's policy), and which of them a message is for: the professional whose client wrote, else the one it
/// was addressed to, else the first (who takes what nobody else does).
/// </summary>
/// <threadsafety>Immutable after construction; safe to share.</threadsafety>
public sealed class Organisation
{
    private readonly FrozenDictionary<string, Practice> byProfessional;
    private readonly FrozenDictionary<string, Practice> byClient;

    /// <summary>Gathers the practices; the first is the one for mail no other professional's.</summary>
    /// <exception cref="ArgumentException">There is no practice, or two share a professional's id.</exception>
    public Organisation(IEnumerable<Practice> practices)
    {
        ArgumentNullException.ThrowIfNull(practices);
        Practices = [.. practices];
        if (Practices.IsEmpty)
        {
            throw new ArgumentException("An organisation needs at least one professional.", nameof(practices));
        }

        byProfessional = Practices.ToFrozenDictionary(p => p.Professional.Id, StringComparer.Ordinal);
        var clients = new Dictionary<string, Practice>(StringComparer.Ordinal);
        foreach (Practice practice in Practices)
        {
            foreach (Client client in practice.Clients)
            {
                clients.TryAdd(client.Id, practice);
            }
        }

        byClient = clients.ToFrozenDictionary(StringComparer.Ordinal);
        Clients = [.. Practices.SelectMany(p => p.Clients)];
    }

    /// <summary>Every professional's practice, the first taking mail that is nobody else's.</summary>
    public ImmutableArray<Practice> Practices { get; }

    /// <summary>The first professional's practice.</summary>
    public Practice First => Practices[0];

    /// <summary>Every client of the organisation.</summary>
    public ImmutableArray<Client> Clients { get; }

    /// <summary>The practice of the professional with that id, if any.</summary>
    public Practice? Find(string professionalId) =>
        byProfessional.TryGetValue(professionalId ?? "", out Practice? practice) ? practice : null;

    /// <summary>The practice a client belongs to (the first professional's for an unknown id).</summary>
    public Practice PracticeOf(string? clientId) =>
        clientId is not null && byClient.TryGetValue(clientId, out Practice? practice) ? practice : First;

    /// <summary>
    /// Which professional's practice decides a message: the one whose client sent it; else the first professional
    /// one of its recipients belongs to (in the order written); else the first professional.
    /// </summary>
    public Practice PracticeFor(IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Practices.Length == 1)
        {
            return First;
        }

        foreach (Practice practice in Practices)
        {
            if (practice.FindClient(message.From) is not null)
            {
                return practice;
            }
        }

        foreach (string recipient in message.Recipients)
        {
            foreach (Practice practice in Practices)
            {
                if (practice.Professional.OwnsAddress(recipient)
                    || practice.Professional.Identities.Any(i => string.Equals(i, recipient, StringComparison.OrdinalIgnoreCase)))
                {
                    return practice;
                }
            }
        }

        return First;
    }
}
