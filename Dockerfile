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
# With no platform settings this exits with a message naming them; `quizbot play` needs none.
CMD ["quizbot", "run"]
