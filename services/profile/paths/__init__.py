"""Service paths, handovers, service-voucher pilots and satisfaction ratings: the jobseeker's way
through the employment ecosystem's organisations. Owned by the profile service because the path
belongs to the person (target group and work ability are special-category data that stay here).

``domain`` (paths, handovers, who must act), ``vouchers`` (pilots, eligibility, results) and
``ratings`` are pure; ``calendar`` (Finnish working days), ``repository``, ``handlers``, ``schemas``,
``api`` and ``web`` are the edges.
"""
