"""The services ring: the use cases every front end shares (practice and stats, daily questions, the mock
exam, competition, the study guide), the display models they return, their errors, the scheduler and the
poster port. Nothing here imports a chat SDK or an adapter; adapters live beside this package in bot/."""
