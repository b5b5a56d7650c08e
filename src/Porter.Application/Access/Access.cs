namespace Porter.Application.Access;

/// <summary>What a person who logs in to the dashboard may do in their organisation.</summary>
public enum PersonRole
{
    /// <summary>Sees the whole organisation, changes the practice (policy, professionals, every agreement) and every status.</summary>
    Owner,

    /// <summary>Sees their own clients and mail only; answers it, edits their clients' agreements, sets their own status.</summary>
    Professional,

    /// <summary>Helps one professional: reads their clients and mail and drafts replies; sends nothing, changes no agreement or status.</summary>
    Assistant,
}

/// <summary>Something a person may try to do in the dashboard or the API (what each role may: <see cref="Viewer.May"/>).</summary>
public enum Deed
{
    /// <summary>Read messages, the queue, clients and reports (within what <see cref="Viewer.SeesAll"/> allows).</summary>
    Read,

    /// <summary>Write a draft reply for someone else to send.</summary>
    Draft,

    /// <summary>Send a reply, mark a message answered or waiting.</summary>
    Answer,

    /// <summary>Correct what Porter read in a message (the correction teaches the model for the professional's next decisions).</summary>
    Correct,

    /// <summary>Set a professional's status (available, focus, off, vacation).</summary>
    SetStatus,

    /// <summary>Change a client's agreement (channels, promises, scope, hours, contacts).</summary>
    ChangeAgreement,

    /// <summary>Change the practice as a whole: organisation policy, professionals and their hours, templates, rules, booking.</summary>
    ChangePractice,
}

/// <summary>
/// Who is asking: their organisation, their role, and the professional whose work they do or help with. Every rule
/// about who may see and do what is here, in one place without I/O, and every page and endpoint asks it.
/// </summary>
/// <param name="OrganisationId">The person's organisation.</param>
/// <param name="Role">Their role.</param>
/// <param name="ProfessionalId">The professional whose work they do or help with; null for an owner who is not one.</param>
public sealed record Viewer(long OrganisationId, PersonRole Role, string? ProfessionalId)
{
    /// <summary>Whether they see every professional's clients and mail (owners do; the others see one professional's).</summary>
    public bool SeesAll => Role == PersonRole.Owner;

    /// <summary>The professional whose clients and mail they see, or null when they see the whole organisation.</summary>
    public string? Desk => SeesAll ? null : ProfessionalId ?? "";

    /// <summary>Whether they see the work of the professional with that id (a client's, a message's).</summary>
    public bool Sees(string? professionalId) => SeesAll || (ProfessionalId is not null && string.Equals(professionalId, ProfessionalId, StringComparison.Ordinal));

    /// <summary>Whether they may do <paramref name="deed"/> on the work of the professional with that id.</summary>
    public bool May(Deed deed, string? professionalId) => deed switch
    {
        Deed.Read => Sees(professionalId),
        Deed.Draft => Sees(professionalId),
        Deed.Answer or Deed.Correct or Deed.SetStatus or Deed.ChangeAgreement => Role != PersonRole.Assistant && Sees(professionalId),
        Deed.ChangePractice => Role == PersonRole.Owner,
        _ => false,
    };

    /// <summary>Reads a role's name (owner, professional, assistant; any case); false for anything else.</summary>
    public static bool TryParseRole(string? text, out PersonRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _);
}
