using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "change_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_id = table.Column<long>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: true)
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
            migrationBuilder.Sql("CREATE TRIGGER change_records_no_update BEFORE UPDATE ON change_records BEGIN SELECT RAISE(ABORT, 'change_records is append-only: a change on record is never edited'); END;");
            migrationBuilder.Sql("CREATE TRIGGER change_records_no_delete BEFORE DELETE ON change_records BEGIN SELECT RAISE(ABORT, 'change_records is append-only: a change on record is never deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS change_records_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS change_records_no_delete;");

            migrationBuilder.DropTable(
                name: "change_records");

            migrationBuilder.DropColumn(
                name: "practice_version",
                table: "messages");
        }
    }
}
