"""Préavis: planned service interruptions, announced and answered in French and English."""

__version__ = "0.1.0.dev0"
