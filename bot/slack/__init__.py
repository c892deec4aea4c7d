"""The Slack adapter: slash command, Block Kit answers, the poster port, and the Socket/HTTP runner.

slack-bolt and slack_sdk are imported only inside this package."""
