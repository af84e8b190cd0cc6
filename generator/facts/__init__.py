"""The facts: fact files read safely (loader, dates), the model, its validation and
cross-checks, advisories, and the editors' schema. Imports nothing above it."""
