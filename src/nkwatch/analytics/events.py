"""Reports grouped into events (reports are not events): the expression lives with the event
model in :mod:`nkwatch.sources.grouping`, where ingest builds the ``ev_events`` view from it;
the analytics use it from here."""

from nkwatch.sources.grouping import events

__all__ = ["events"]
