"""Notices: reading interruption notices (French, English, OCR-damaged, PDF) into maintenances."""
