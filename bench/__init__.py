"""`make bench`: newsprism's speed measured side by side with the tools a user would otherwise pick.

Run as `python -m bench`; see `bench/__main__.py` for what is measured and `docs/performance.md` for
the last table it wrote.
"""
