"""Floor 4: renderer-ready views (report, timeline, lineage, listings) computed from evaluations."""
