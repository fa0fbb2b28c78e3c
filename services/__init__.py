"""Kohtaanto's three services: vacancy, profile, matching."""
