"""Comparison of news coverage: analysis of one article, events across outlets, divergences, reports.

Analysis of a text is pure (text in, dataclasses out); nothing here opens a database or the network.
"""
