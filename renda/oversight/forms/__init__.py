"""Forms for the oversight pages, by stage (same modules as ``actions``)."""
