"""One router per resource: events, documents, stats, coding (code and ingest), the dashboard."""
