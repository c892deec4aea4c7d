"""The web dashboard: aiohttp with server-rendered Jinja2 templates (`quizbot web`)."""
