"""The search relevance set (issue 17): judged French queries, their corpus, and nDCG@10.

- ``judgements.json``: the queries, their graded judgements, the resources and
  synonyms the set adds to the demo content, and how many generated distractors;
- ``judgements.py``: loads and checks that file (no Django needed);
- ``metrics.py``: nDCG@k and recall;
- ``corpus.py``: builds the corpus in the database and indexes it into a backend;
- ``evaluate.py``: runs every query on a backend and scores it.

Used by ``tests/search/test_relevance.py`` (the floor) and ``scripts/relevance.py``
(the figures per query and per backend).
"""
