"""The profile service's schema migrations (Alembic; see shared/migrations.py and deploy/migrate.py)."""
