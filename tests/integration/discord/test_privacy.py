"""/privacy export, delete and delete-server, and leaving a server, through the real discord.py client."""

import asyncio
import io
import sqlite3
import zipfile

import discord

from tests.integration.discord.flows import EPHEMERAL
from tests.integration.discord.gateway import ADA, ALICE, BOB, GUILD_ID, custom_ids, option

BOBS_ATTEMPTS = "SELECT a.* FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.external_id = ?"
DELETE = {"name": "delete", "type": 1, "options": []}


def rows(db_path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


async def practise(bot, gateway, by) -> None:
    payload = gateway.command("quiz", option("scope", "MD"), by=by)
    await gateway.deliver(bot, payload)
    message = gateway.fake.responses[int(payload["id"])]
    answer = next(c for c in custom_ids(message) if c.startswith("quiz:practice:"))
    await gateway.deliver(bot, gateway.button(message, answer, by=by))


async def test_export_replies_privately_with_a_zip_of_the_persons_data(start_bot, gateway, fake_discord):
    bot = await start_bot()
    await practise(bot, gateway, ALICE)

    payload = gateway.command("privacy", {"name": "export", "type": 1, "options": []}, by=ALICE)
    await gateway.deliver(bot, payload)

    [callback] = fake_discord.find("POST", rf"/interactions/{payload['id']}/[^/]+/callback")
    [upload] = callback.files
    assert upload.filename == "my-quiz-data.zip"
    with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
        assert "attempts.csv" in archive.namelist()
    assert callback.body["data"]["flags"] & EPHEMERAL


async def test_delete_asks_first_and_the_button_deletes_only_the_pressers_data(start_bot, gateway, db_path):
    bot = await start_bot()
    await practise(bot, gateway, ALICE)
    await practise(bot, gateway, BOB)
    bob_before = rows(
        db_path, "SELECT a.* FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.external_id = ?", str(BOB.id)
    )

    asked = await gateway.deliver(
        bot, gateway.command("privacy", {"name": "delete", "type": 1, "options": []}, by=ALICE)
    )
    assert asked["data"]["flags"] & EPHEMERAL and custom_ids(asked["data"]) == ["quiz:privacy-delete"]
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(2,)]  # nothing deleted by asking

    message = gateway.fake.responses[max(gateway.fake.responses)]
    done = await gateway.deliver(bot, gateway.button(message, "quiz:privacy-delete", by=ALICE))

    assert done["type"] == 7 and done["data"]["content"].startswith("Deleted your data (1 answers)")
    assert rows(db_path, "SELECT external_id FROM users") == [(str(BOB.id),)]
    assert (
        rows(
            db_path, "SELECT a.* FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.external_id = ?", str(BOB.id)
        )
        == bob_before
    )


async def test_leaving_a_server_marks_it_removed_and_rejoining_brings_it_back(start_bot, gateway, db_path):
    bot = await start_bot()
    await practise(bot, gateway, ALICE)

    bot.dispatch("guild_remove", discord.Object(id=GUILD_ID))  # as discord.py dispatches GUILD_DELETE
    await asyncio.sleep(0.05)
    assert rows(db_path, "SELECT removed_at IS NOT NULL FROM workspaces") == [(1,)]
    assert not await bot.app.posters.by_platform["discord"].still_installed(str(GUILD_ID))

    bot.dispatch("guild_join", discord.Object(id=GUILD_ID))
    await asyncio.sleep(0.05)
    assert rows(db_path, "SELECT removed_at FROM workspaces") == [(None,)]


async def test_only_a_quiz_admin_can_delete_the_servers_data(start_bot, gateway, db_path):
    bot = await start_bot()
    await practise(bot, gateway, ALICE)
    server = {"name": "delete-server", "type": 1, "options": []}

    refused = await gateway.deliver(bot, gateway.command("privacy", server, by=ALICE))
    asked = await gateway.deliver(bot, gateway.command("privacy", server, by=ADA))
    assert "Manage Server" in refused["data"]["content"]
    assert custom_ids(asked["data"]) == ["quiz:privacy-delete-server"]

    message = gateway.fake.responses[max(gateway.fake.responses)]
    by_member = await gateway.deliver(bot, gateway.button(message, "quiz:privacy-delete-server", by=ALICE))
    assert "Manage Server" in by_member["data"]["content"] and rows(db_path, "SELECT COUNT(*) FROM attempts") == [(1,)]
    done = await gateway.deliver(bot, gateway.button(message, "quiz:privacy-delete-server", by=ADA))

    assert done["data"]["content"].startswith("Deleted everything")
    assert rows(db_path, "SELECT COUNT(*) FROM workspaces") == [(0,)]
