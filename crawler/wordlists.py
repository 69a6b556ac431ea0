"""The word lists the extractor's libraries build on first use, built once in the workers' server.

trafilatura's jusText fallback gathers the stop words of every language jusText knows (154,000) and
jusText lower-cases them into a set; htmldate gathers the month names of every dateparser locale,
importing each locale's data. Each is built on the first page that needs it (a page trafilatura's
fast pass reads too little of; a date that only a month name can tell), in every extraction worker:
0.26 CPU s a worker, and, built after the worker froze what its server loaded (`start_worker`),
rescanned by each of its garbage collections after. The server imports this module
(`newsprism.crawler.workers.EXTRACTION_MODULES`) while the crawling process makes its own imports,
so every worker it forks has them built. Nothing else imports it: building them is its import.
"""

from __future__ import annotations

from htmldate.extractors import month_words
from justext.core import define_stoplist  # type: ignore[import-untyped]  # jusText ships no types
from trafilatura.external import jt_stoplist_init


def build_word_lists() -> None:
    """Build (or find built) trafilatura's stop list of all languages, jusText's set of it and
    htmldate's month names of all locales, each kept by its library for the calls after."""
    # try_justext reads the module's JT_STOPLIST, which jt_stoplist_init sets; classify_paragraphs
    # hands that same tuple to define_stoplist, whose cache then has it.
    define_stoplist(jt_stoplist_init())
    month_words()


build_word_lists()
