"""The shared kernel: domain rules that more than one service must apply the same way.

A rule belongs here only when it is part of the meaning of an event that one service publishes and
another consumes, so that two copies could drift apart and make the services disagree (today: which
labour-shortage list decides for a region, ``shortages``; which languages a clause of an ad requires,
waives or counts as a plus, ``language_clauses`` with ``negation``; which ad text limits applicants by
age, sex, pregnancy, family plans or the Non-Discrimination Act's other grounds, ``ad_limits``).
Everything here is pure Python (standard library only: no Flask, marshmallow, Kafka, SQL, ``shared``
or any service; import-linter checks it);
it holds rules, never a service's aggregates, tables or schemas. The publishing service owns the rule
(matching owns the shortage lists); a change here is a change of the published event's meaning and
needs a new schema version when consumers would read old events differently.

Besides rules, one marker every domain core uses: ``texts.N_``, which marks a domain's human texts
(reasons, refusals) for the message catalogues without importing the plumbing that translates them.

Why not ``shared/``: ``shared/`` is plumbing every service uses (style.md, practice 4); a domain rule
there would look like plumbing and invite every service to couple to it.
"""
