using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChangeRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "practice_version",
                table: "messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "change_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation_id = table.Column<long>(type: "bigint", nullable: false),
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false),
                    document = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_records", x => x.id);
                    table.ForeignKey(
                        name: "FK_change_records_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_change_records_organisation_id_subject_id",
                table: "change_records",
                columns: new[] { "organisation_id", "subject", "id" });

            // Append-only, enforced by the database itself: the history can be trusted.
            migrationBuilder.Sql("CREATE FUNCTION change_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'change_records is append-only: a change on record is never %', lower(TG_OP); END $$;");
            migrationBuilder.Sql("CREATE TRIGGER change_records_append_only BEFORE UPDATE OR DELETE ON change_records FOR EACH ROW EXECUTE FUNCTION change_records_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS change_records_append_only ON change_records;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS change_records_append_only();");

            migrationBuilder.DropTable(
                name: "change_records");

            migrationBuilder.DropColumn(
                name: "practice_version",
                table: "messages");
        }
    }
}
