"""Data read at run time: capability tables, built-in providers, compiled translations.

Read through :mod:`studio.core.resources`; nothing here is imported as code.
"""
