using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueDone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_decision_deadline_priority_rank",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "IX_messages_organisation_id",
                table: "messages");

            migrationBuilder.AddColumn<Instant>(
                name: "done_at",
                table: "messages",
                type: "timestamp with time zone",
                nullable: true);

            // Messages answered before this column existed: those with a reply queued.
            migrationBuilder.Sql("UPDATE messages SET done_at = stored_at WHERE EXISTS (SELECT 1 FROM actions a WHERE a.message_record_id = messages.id AND a.kind = 'send_reply');");

            migrationBuilder.CreateIndex(
                name: "IX_messages_organisation_id_decision_hold_until",
                table: "messages",
                columns: new[] { "organisation_id", "decision", "hold_until" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_organisation_id_done_at_decision_deadline",
                table: "messages",
                columns: new[] { "organisation_id", "done_at", "decision", "deadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_organisation_id_decision_hold_until",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "IX_messages_organisation_id_done_at_decision_deadline",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "done_at",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "IX_messages_decision_deadline_priority_rank",
                table: "messages",
                columns: new[] { "decision", "deadline", "priority_rank" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_organisation_id",
                table: "messages",
                column: "organisation_id");
        }
    }
}
