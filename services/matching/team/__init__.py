"""The joint recruitment team's work: shortage lists, outcomes, the weekly meeting (API, pages, CLI)
and matching's database. Uses the index (``index/``) for vacancies and shortlists."""
