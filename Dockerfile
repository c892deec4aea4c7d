FROM python:3.11-slim

RUN useradd --create-home --uid 10001 quizbot \
    && mkdir /data && chown quizbot:quizbot /data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY questions questions
COPY storage storage
COPY bot bot
RUN pip install --no-cache-dir .

USER quizbot
ENV QUIZBOT_DB_PATH=/data/quizbot.db
VOLUME ["/data"]
# The bot stops gracefully on SIGTERM: requests in flight finish, the scheduler stops, the DB closes.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["quizbot", "health"]
# With no platform settings this exits with a message naming them; `quizbot play` needs none.
CMD ["quizbot", "run"]
