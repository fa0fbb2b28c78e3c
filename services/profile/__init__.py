"""Profile service: employment coaches push, update and withdraw jobseekers' profiles.

Personal data (name, contact) stays here; the candidates topic carries a pseudonymous id and only what
ranking needs.
"""
