FROM python:3.11-slim

RUN useradd --create-home --uid 10001 quizbot \
    && mkdir /data && chown quizbot:quizbot /data
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
# exact versions from the lock first (reproducible), then the project itself without resolving again
RUN pip install --no-cache-dir -r requirements.lock
COPY questions questions
COPY storage storage
COPY bot bot
RUN pip install --no-cache-dir --no-deps .

USER quizbot
ENV QUIZBOT_DB_PATH=/data/quizbot.db
VOLUME ["/data"]
# The bot stops gracefully on SIGTERM: requests in flight finish, the scheduler stops, the DB closes.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["quizbot", "health"]
# With no platform settings this exits with a message naming them; `quizbot play` needs none.
CMD ["quizbot", "run"]
