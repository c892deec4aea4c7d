"""The bounds and choices of what people configure, written once: the services enforce them and every
front end's form (Discord's ranges and choices, click's options, the Slack parser) reads them. A small
module on purpose, so the CLI can build its options without importing the services."""

MIN_OPEN_HOURS, MAX_OPEN_HOURS = 1, 24  # how long a daily question takes answers, when not until the next post
DEFAULT_WEEKDAYS = "mon-fri"
FEEDBACK_MODES = ("reveal", "immediate")  # verdicts at the reveal, or privately at once
DEFAULT_FEEDBACK = "reveal"
MIN_REPORT_REASON, MAX_REPORT_REASON = 5, 1000  # characters in the reason of a report on a question
REVIEW_ORDERS = ("newest", "objective")  # mistakes to review: the newest miss first, or by objective
