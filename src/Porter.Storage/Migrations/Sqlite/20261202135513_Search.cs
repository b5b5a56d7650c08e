using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search (FTS5, Porter stemming) over subjects, bodies and senders, kept in step with the messages
            // by triggers; an external-content table, so the text is stored once (in messages).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE messages_fts USING fts5(subject, body, "from", content='messages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
                INSERT INTO messages_fts(rowid, subject, body, "from") SELECT id, subject, body, "from" FROM messages;
                CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                  INSERT INTO messages_fts(rowid, subject, body, "from") VALUES (new.id, new.subject, new.body, new."from");
                END;
                CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                  INSERT INTO messages_fts(messages_fts, rowid, subject, body, "from") VALUES ('delete', old.id, old.subject, old.body, old."from");
                END;
                CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, body, "from" ON messages BEGIN
                  INSERT INTO messages_fts(messages_fts, rowid, subject, body, "from") VALUES ('delete', old.id, old.subject, old.body, old."from");
                  INSERT INTO messages_fts(rowid, subject, body, "from") VALUES (new.id, new.subject, new.body, new."from");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS messages_fts_insert;
                DROP TRIGGER IF EXISTS messages_fts_delete;
                DROP TRIGGER IF EXISTS messages_fts_update;
                DROP TABLE IF EXISTS messages_fts;
                """);
        }
    }
}
