using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    client_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    professional_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    refers = table.Column<long>(type: "bigint", nullable: true),
                    what = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    asked_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    asked_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    recorded_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    moves = table.Column<string>(type: "text", nullable: false),
                    message_record_id = table.Column<long>(type: "bigint", nullable: true),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
            migrationBuilder.Sql("CREATE FUNCTION plan_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'plan_changes is append-only: an entry of the change log is never %', lower(TG_OP); END $$;");
            migrationBuilder.Sql("CREATE TRIGGER plan_changes_append_only BEFORE UPDATE OR DELETE ON plan_changes FOR EACH ROW EXECUTE FUNCTION plan_changes_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS plan_changes_append_only ON plan_changes;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS plan_changes_append_only();");
            migrationBuilder.DropTable(
                name: "plan_changes");
        }
    }
}
