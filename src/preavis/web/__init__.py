"""The web application: the admin API now, the public site and feeds next (FastAPI)."""
