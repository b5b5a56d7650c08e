using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over subjects, senders and bodies: a stored generated tsvector (English stemming; a sender's
            // address whole and split into its words, so "jordan" finds jordan@northwind.example; the
            // body's first 100,000 characters, since a tsvector holds at most 1 MB and a message may be 10 MB) and a GIN index.
            migrationBuilder.Sql("""
                ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('english', coalesce(subject, '')), 'A') ||
                  setweight(to_tsvector('simple', coalesce("from", '')), 'A') ||
                  setweight(to_tsvector('simple', translate(coalesce("from", ''), '@.+_-', '     ')), 'A') ||
                  setweight(to_tsvector('english', left(coalesce(body, ''), 100000)), 'B')) STORED;
                CREATE INDEX "IX_messages_search" ON messages USING gin (search);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_messages_search";
                ALTER TABLE messages DROP COLUMN IF EXISTS search;
                """);
        }
    }
}
