"""Adapters from the domain to bytes and back: schedule files, wording, JSON shapes."""
