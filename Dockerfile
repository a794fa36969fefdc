# Consentry service image: the API, the projector worker and the CLI share it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CONSENTRY_DATA_DIR=/var/lib/consentry CONSENTRY_HOST=0.0.0.0 CONSENTRY_PORT=8000

RUN useradd --system --home-dir /var/lib/consentry --create-home consentry
WORKDIR /opt/consentry
COPY pyproject.toml README.md ./
COPY consentry ./consentry
COPY registry ./registry
COPY knowledge ./knowledge
COPY assistant ./assistant
RUN pip install --no-cache-dir .

USER consentry
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --retries=5 \
    CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)" || exit 1
CMD ["consentry", "serve"]
