using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SeveralProfessionals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_organisation_id_start",
                table: "bookings");

            migrationBuilder.AddColumn<string>(
                name: "professional_id",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "owner"); // people made before roles are owners

            migrationBuilder.AddColumn<string>(
                name: "draft",
                table: "messages",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_by",
                table: "messages",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "professional_id",
                table: "messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "professional_id",
                table: "bookings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_organisation_id_professional_id_start",
                table: "bookings",
                columns: new[] { "organisation_id", "professional_id", "start" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_organisation_id_professional_id_start",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "professional_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "role",
                table: "users");

            migrationBuilder.DropColumn(
                name: "draft",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "draft_by",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "professional_id",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "professional_id",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_organisation_id_start",
                table: "bookings",
                columns: new[] { "organisation_id", "start" },
                unique: true);
        }
    }
}
