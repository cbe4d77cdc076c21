"""Finding pages: list, detail, actions, export, saved views, samples, audit log, preferences."""
