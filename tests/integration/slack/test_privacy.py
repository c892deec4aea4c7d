"""/quiz privacy export and /quiz privacy delete through the real Bolt app."""

import io
import zipfile

from tests.integration.slack.harness import ADA, ALICE, BOB, elements, reply_text


async def practise(slack, person) -> None:
    question = await slack.reply_to(slack.slash("MD", person))
    button = elements(question, "button")[0]
    await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}, person))


def attempts_of(slack, user: str) -> list[tuple]:
    return slack.services.context.db.execute(
        "SELECT a.* FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.external_id = ?", [user]
    ).fetchall()


async def test_export_sends_the_zip_to_the_persons_dm(slack):
    await practise(slack, ALICE)

    reply = await slack.reply_to(slack.slash("privacy export", ALICE))

    assert "in your DM with me" in reply_text(reply) and reply["response_type"] == "ephemeral"
    [opened] = slack.fake.calls_to("conversations.open")
    assert opened.params["users"] == ALICE.user
    [data] = slack.fake.uploads.values()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"my-quiz-data.json", "attempts.csv"} <= set(archive.namelist())


async def test_delete_asks_first_and_the_button_deletes_only_the_clickers_data(slack):
    await practise(slack, ALICE)
    await practise(slack, BOB)
    bob_before = attempts_of(slack, BOB.user)

    asked = await slack.reply_to(slack.slash("privacy delete", ALICE))
    [button] = elements(asked, "button")
    assert button["style"] == "danger" and "confirm" in button
    assert len(attempts_of(slack, ALICE.user)) == 1  # asking deletes nothing

    done = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}, ALICE))

    assert done["replace_original"] is True and "Deleted your data (1 answers)" in reply_text(done)
    assert attempts_of(slack, ALICE.user) == []
    assert attempts_of(slack, BOB.user) == bob_before
    users = slack.services.context.db.execute("SELECT external_id FROM users").fetchall()
    assert users == [(BOB.user,)]


async def test_only_an_admin_can_delete_the_workspaces_data_and_only_after_confirming(slack):
    await practise(slack, ALICE)
    refused = await slack.reply_to(slack.slash("privacy delete-workspace", ALICE))
    assert "Only workspace admins" in reply_text(refused)

    slack.fake.admins.add(ADA.user)
    asked = await slack.reply_to(slack.slash("privacy delete-workspace", ADA))
    [button] = elements(asked, "button")
    assert slack.count("attempts") == 1  # asking deletes nothing

    pressed_by_member = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": "x"}, ALICE))
    assert "Only workspace admins" in reply_text(pressed_by_member) and slack.count("attempts") == 1
    done = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": "x"}, ADA))

    assert "Deleted everything" in reply_text(done)
    assert slack.count("attempts") == 0 and slack.count("workspaces") == 0
