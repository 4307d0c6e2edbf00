# syntax=docker/dockerfile:1
# Les Bases, production image: gunicorn serving the app (static files by WhiteNoise),
# the same image running the task worker (docker-compose.production.yml).
#   docker build -t lesbases .                       (media on disk)
#   docker build --build-arg REQUIREMENTS=requirements-s3.txt -t lesbases .   (S3 media)

# --- Stage 1: the virtualenv with the pinned requirements ------------------------------
FROM python:3.11.14-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ARG REQUIREMENTS=requirements.txt
# Requirements before the code: the dependency layer is rebuilt only when they change.
COPY requirements.txt requirements-s3.txt /tmp/requirements/
RUN /opt/venv/bin/pip install --no-compile -r /tmp/requirements/${REQUIREMENTS}

# --- Stage 2: the runtime, without build tools, as a non-root user ---------------------
FROM python:3.11.14-slim-bookworm AS runtime
# Pango and HarfBuzz for WeasyPrint's PDF exports (opendata/exports.py), as .ci/run installs them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 lesbases \
    && useradd --system --uid 10001 --gid lesbases --home-dir /app --shell /usr/sbin/nologin lesbases
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=bases.settings.production \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/media \
    VAR_DIR=/app/var \
    PORT=8000
WORKDIR /app
COPY --chown=lesbases:lesbases . /app
# Static files collected at build time (hashed names, gzip copies). collectstatic needs
# settings to load, not a database nor the real key: throwaway values, for this step only.
RUN SECRET_KEY=collectstatic-build-step-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
        python manage.py collectstatic --no-input -v 0 \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media /app/var \
    && chown lesbases:lesbases /app/media /app/var
USER lesbases
EXPOSE 8000
VOLUME ["/app/media"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
# The app server; the worker overrides it with: python manage.py db_worker
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
