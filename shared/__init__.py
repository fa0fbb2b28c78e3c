"""Plumbing shared by every Kohtaanto service: configuration, logging, auth, HTTP errors, messaging.

Never a service's domain model: each service owns its own.
"""
