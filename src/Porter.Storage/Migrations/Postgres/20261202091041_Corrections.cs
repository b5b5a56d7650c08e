using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Corrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "corrections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation_id = table.Column<long>(type: "bigint", nullable: false),
                    professional_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message_record_id = table.Column<long>(type: "bigint", nullable: true),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    labels = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_corrections", x => x.id);
                    table.ForeignKey(
                        name: "FK_corrections_messages_message_record_id",
                        column: x => x.message_record_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_corrections_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_corrections_message_record_id",
                table: "corrections",
                column: "message_record_id");

            migrationBuilder.CreateIndex(
                name: "IX_corrections_organisation_id",
                table: "corrections",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "corrections");
        }
    }
}
