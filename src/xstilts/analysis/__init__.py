"""Claims check, report tables and plots, and the domain-similarity analysis (reads files only;
never trains). Entry point: `xstilts report` (cli.py); the pieces are pure functions:

    grid.py          the results grid (scores/<inter>[/seed-<n>]/<split>.json)
    tables.py        scores, gains, best intermediate model per target
    claims.yaml      every claim and reference number of the paper, with source and status
    claims.py        parse claims.yaml;  computations.py  named computations;  verdict.py  verdicts
    vocabulary.py, embedding_distance.py, similarity.py   domain-similarity measures
    stats.py, correlation.py, selection.py                 does similarity predict the gain?
    plots.py, markdown.py, report.py                       results/
"""
