# GuardDuty Hub application image: the web server, the Celery worker and beat all run from it
# (docker-compose.yml picks the command).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=guardduty_hub.settings \
    GDH_VAR_DIR=/app/var

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir guardduty_hub && touch guardduty_hub/__init__.py \
    && pip install -e . \
    && rm -rf guardduty_hub guardduty_hub.egg-info

COPY . .
# Editable, so settings.py finds templates/ and static/ next to the package in /app.
RUN pip install --no-deps -e . \
    && DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app hub \
    && mkdir -p /app/var \
    && chown hub /app/var

USER hub
EXPOSE 8000
# Workers, threads, keep-alive and the web's statement timeout: gunicorn.conf.py.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "guardduty_hub.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
