using Porter.Storage.Model;

namespace Porter.Storage.Bookings;

/// <summary>Queries over bookings that more than one reader needs.</summary>
public static class BookingQueries
{
    /// <summary>
    /// One professional's bookings: theirs, and, for the first professional of the practice, those made before several
    /// professionals (no professional on record), the same rule as <see cref="PorterDb.DeskTakesUnassigned"/> for messages.
    /// </summary>
    public static IQueryable<BookingRecord> OfProfessional(this IQueryable<BookingRecord> bookings, string professionalId, bool takesUnassigned)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        return bookings.Where(b => b.ProfessionalId == professionalId || (takesUnassigned && b.ProfessionalId == null));
    }
}
