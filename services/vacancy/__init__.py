"""Vacancy service: employers post, update and close vacancies; events go to the vacancies topic."""
