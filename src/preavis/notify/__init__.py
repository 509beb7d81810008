"""Notifications: which events a change causes and what each subscriber is told (plan, pure),
and how messages leave (senders). The outbox rows live in storage; the worker in actions."""
