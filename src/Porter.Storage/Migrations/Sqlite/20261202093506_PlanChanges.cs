using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    organisation_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    professional_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    refers = table.Column<long>(type: "INTEGER", nullable: true),
                    what = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    asked_by = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    asked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    moves = table.Column<string>(type: "TEXT", nullable: false),
                    message_record_id = table.Column<long>(type: "INTEGER", nullable: true),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_plan_changes_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_changes_message_record_id",
                table: "plan_changes",
                column: "message_record_id",
                unique: true,
                filter: "\"message_record_id\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_plan_changes_organisation_id_client_id",
                table: "plan_changes",
                columns: new[] { "organisation_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_changes_organisation_id_sequence",
                table: "plan_changes",
                columns: new[] { "organisation_id", "sequence" },
                unique: true);
            migrationBuilder.Sql("CREATE TRIGGER plan_changes_no_update BEFORE UPDATE ON plan_changes BEGIN SELECT RAISE(ABORT, 'plan_changes is append-only: an entry of the change log is never edited'); END;");
            migrationBuilder.Sql("CREATE TRIGGER plan_changes_no_delete BEFORE DELETE ON plan_changes BEGIN SELECT RAISE(ABORT, 'plan_changes is append-only: an entry of the change log is never deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_changes_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_changes_no_delete;");
            migrationBuilder.DropTable(
                name: "plan_changes");
        }
    }
}
