"""Matching's index: the candidate index fed from Kafka, ranking (``domain/``), and the shortlist,
explanation and skill-recognition use cases and API. Knows nothing of the team's work (``team/``)."""
