"""The Discord adapter (discord.py 2.x): slash commands, persistent buttons and menus, embeds, the channel
poster and the runner; the private mock exam (exam_*.py) and the study guide (guide*.py) likewise.
`bot.discord.runner.run(settings)` and `invite_url(application_id)` serve the CLI."""
