using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    to = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    headers = table.Column<string>(type: "text", nullable: true),
                    return_path = table.Column<string>(type: "text", nullable: true),
                    message_id = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true),
                    external_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    received_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    stored_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    client_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    priority_rank = table.Column<int>(type: "integer", nullable: false),
                    deadline = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    hold_until = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    signals = table.Column<string>(type: "text", nullable: false),
                    reasons = table.Column<string>(type: "text", nullable: false),
                    auto_reply_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_record_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    due_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    done_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_actions", x => x.id);
                    table.ForeignKey(
                        name: "FK_actions_messages_message_record_id",
                        column: x => x.message_record_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_actions_done_at_due_at",
                table: "actions",
                columns: new[] { "done_at", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_actions_message_record_id",
                table: "actions",
                column: "message_record_id");

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_hash",
                table: "api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_name",
                table: "api_keys",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_channel_external_id",
                table: "messages",
                columns: new[] { "channel", "external_id" },
                unique: true,
                filter: "\"external_id\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_messages_decision_deadline_priority_rank",
                table: "messages",
                columns: new[] { "decision", "deadline", "priority_rank" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_from_auto_reply_at",
                table: "messages",
                columns: new[] { "from", "auto_reply_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_message_id",
                table: "messages",
                column: "message_id",
                unique: true,
                filter: "\"message_id\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actions");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "messages");
        }
    }
}
