using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Porter.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AutoReplyRecipient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "auto_reply_to",
                table: "messages",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            // Replies planned before this column existed keep counting: their recipient as the window spells it.
            migrationBuilder.Sql("UPDATE messages SET auto_reply_to = lower(trim(coalesce(nullif(trim(return_path, '<> '), ''), \"from\"), '<> ')) WHERE auto_reply_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_messages_auto_reply_to_auto_reply_at",
                table: "messages",
                columns: new[] { "auto_reply_to", "auto_reply_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_auto_reply_to_auto_reply_at",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "auto_reply_to",
                table: "messages");
        }
    }
}
