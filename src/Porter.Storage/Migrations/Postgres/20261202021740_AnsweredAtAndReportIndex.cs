using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnsweredAtAndReportIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_from_auto_reply_at",
                table: "messages");

            migrationBuilder.AddColumn<Instant>(
                name: "answered_at",
                table: "messages",
                type: "timestamp with time zone",
                nullable: true);

            // Messages answered before this column existed: the first reply's send time, else when marked answered.
            migrationBuilder.Sql("UPDATE messages SET answered_at = coalesce((SELECT min(a.due_at) FROM actions a WHERE a.message_record_id = messages.id AND a.kind = 'send_reply'), done_at) WHERE done_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_messages_from_stored_at",
                table: "messages",
                columns: new[] { "from", "stored_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_reports",
                table: "messages",
                columns: new[] { "organisation_id", "received_at", "decision", "client_id", "deadline", "answered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_from_stored_at",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "IX_messages_reports",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "answered_at",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "IX_messages_from_auto_reply_at",
                table: "messages",
                columns: new[] { "from", "auto_reply_at" });
        }
    }
}
