"""Settings live in one module per profile: base, development, test and production.

Only these modules read environment variables (docs/operations.md lists them).
"""
