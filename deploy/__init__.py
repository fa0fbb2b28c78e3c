"""Deployment helpers: the local Kafka broker, the test PostgreSQL, container assets."""
