"""The landing page: a summary of the findings a user may see, every number a link to the
finding list it counts (queries.py counts, links.py builds the links, chart.py draws)."""
