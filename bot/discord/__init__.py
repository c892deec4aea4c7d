"""The Discord adapter (discord.py 2.x): slash commands, persistent buttons and menus, embeds, the channel
poster and the runner. `bot.discord.runner.run(settings)` and `invite_url(application_id)` serve the CLI."""
