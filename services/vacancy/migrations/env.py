"""Alembic's entry point for this service's revisions: everything is in shared.migrations."""

from shared.migrations import run_env

run_env()
