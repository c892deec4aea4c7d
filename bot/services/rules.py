"""The scoring rules and help text, written once; every adapter shows these, README repeats them."""

SCORING_RULES = (
    "A correct answer to a channel's daily question earns 10 points; a wrong one earns 0. "
    "Practice questions and mock exams never score, so rank cannot be farmed.",
    "One answer per person per daily question; the first answer stands. Answers close at the next post "
    "(at most 24 hours) or after the hours the channel set; the reveal then shows the key, the explanation "
    "and how the channel answered.",
    "Seasons run a week (from Monday 00:00) or a month, in the workspace's time zone (the zone of its "
    "daily schedule). Leaderboards show the current season and all time.",
    "Your points are yours. A team is credited with what its members earned while in it: after a move the "
    "old team keeps what you earned there and the new team counts from the move on.",
    "Teams rank by points per active member (members who answered a daily question for the team in the "
    "period), so team size does not decide the winner. Equal scores share a rank.",
    "A streak is the number of consecutive daily questions in a channel you answered correctly; today's "
    "question, until it closes, does not break it.",
)


def rules_text() -> str:
    return "\n".join(f"- {rule}" for rule in SCORING_RULES)
