"""The REST API and the explorer's web app (FastAPI), thin layers over the store."""
