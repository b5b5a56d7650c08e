using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "thread_key",
                table: "messages",
                type: "character varying(998)",
                maxLength: 998,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_record_id = table.Column<long>(type: "bigint", nullable: false),
                    organisation_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_attachments_messages_message_record_id",
                        column: x => x.message_record_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_attachments_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_messages_organisation_id_client_id_received_at",
                table: "messages",
                columns: new[] { "organisation_id", "client_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_organisation_id_thread_key_received_at",
                table: "messages",
                columns: new[] { "organisation_id", "thread_key", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_attachments_message_record_id",
                table: "attachments",
                column: "message_record_id");

            migrationBuilder.CreateIndex(
                name: "IX_attachments_organisation_id",
                table: "attachments",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropIndex(
                name: "IX_messages_organisation_id_client_id_received_at",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "IX_messages_organisation_id_thread_key_received_at",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "thread_key",
                table: "messages");
        }
    }
}
