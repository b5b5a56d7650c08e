using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailboxStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mailbox_states",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    uid_validity = table.Column<long>(type: "INTEGER", nullable: false),
                    last_uid = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_states", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mailbox_states");
        }
    }
}
