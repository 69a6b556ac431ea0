"""Source typing: is a speaker a news agency, state media, an official, a document, a person …?

The divergence reports count which kinds of source each outlet relies on, so the typing must be
predictable: a maintained lexicon of outlets and agencies first, then patterns for anonymous sources,
documents, officials and organisations, then persons. Matching is on whole words of the speaker phrase.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from functools import lru_cache

from newsprism.compare.findings import SourceType

# Wire services, state-owned ones included: reports name them as agencies (`TASS news agency`).
_AGENCY_NAMES = (
    "AP|Associated Press|Reuters|AFP|Agence France-Presse|TASS|ITAR-TASS|KCNA|Korean Central News Agency|"
    "Yonhap|Xinhua|RIA|RIA Novosti|Interfax|Kyodo|Jiji|DPA|dpa|ANSA|EFE|PTI|Press Trust of India|ANI|IANS|"
    "Anadolu|IRNA|ISNA|Fars|Tasnim|WAFA|SANA|MENA|Bernama|Antara|Ukrinform|UNIAN|BelTA|Bloomberg|"
    "Dow Jones|Sputnik"
)
# One wire under its two names: a dateline's `(AP)` is the `Associated Press` of the text.
_AGENCY_ALIASES = (
    ("AP", "Associated Press"),
    ("AFP", "Agence France-Presse"),
    ("KCNA", "Korean Central News Agency"),
    ("PTI", "Press Trust of India"),
    ("TASS", "ITAR-TASS"),
    ("RIA", "RIA Novosti"),
)
_STATE_MEDIA_NAMES = (
    "CCTV|CGTN|Global Times|People's Daily|People’s Daily|China Daily|RT|Russia Today|Rossiya|Channel One|"
    "Rodong Sinmun|KRT|Korean Central Television|Press TV|IRIB|Al Ekhbariya|NHK"
)
_MEDIA_NAMES = (
    "NDTV|DW|Deutsche Welle|BBC|CNN|MSNBC|Fox News|Fox|NBC|ABC|CBS|NPR|PBS|Al Jazeera|Politico|Axios|"
    "The New York Times|New York Times|The Times|The Washington Post|Washington Post|The Post|"
    "The Wall Street Journal|Wall Street Journal|The Journal|The Guardian|Guardian|The Independent|"
    "Financial Times|The Economist|Le Monde|Der Spiegel|Spiegel|Bild|El País|Haaretz|Kommersant|"
    "Izvestia|Vedomosti|Interfax-Ukraine|Kyiv Independent|Times of India|Hindustan Times|"
    "The Hindu|Dawn|South China Morning Post|SCMP|Nikkei|Asahi|Yomiuri|Chosun Ilbo|JoongAng|"
    "Korea Herald|Korea Times|NK News|Daily NK|Breitbart|HuffPost|Huffington Post|BuzzFeed|"
    "The Hill|USA Today|Los Angeles Times|LA Times|Chicago Tribune|Boston Globe|Newsweek|Time|"
    "The Atlantic|Vox|Slate|Salon|The Daily Beast|Daily Mail|The Telegraph|Telegraph|Sky News|"
    "Bloomberg News|CNBC|Euronews|France 24|Le Figaro|ANSA|Yahoo News|The Intercept|ProPublica"
)
_ANONYMOUS = re.compile(
    r"\b(?:anonymity|anonymously|unnamed|unidentified|not authori[sz]ed to|familiar with|"
    r"(?:a|one|two|three|several|some|other|another|the)\s+(?:\w+\s+)?sources?|^sources?\b|insiders?|"
    r"people close to|person close to|"
    r"(?:a|an)\s+(?:senior\s+|former\s+|top\s+)?(?:\w+\s+)?official\b(?!\s+[A-Z]))",
    re.IGNORECASE,
)
_STATE_MEDIA = re.compile(
    rf"\b(?:state(?:-run|-owned|-controlled)?\s+(?:media|television|TV|news|broadcaster|outlets?|radio)|"
    rf"official\s+media|state\s+news\s+agency|{_STATE_MEDIA_NAMES})\b"
)
_AGENCY = re.compile(rf"(?<![\w-])(?:{_AGENCY_NAMES})(?![\w-])|\bnews\s+agency\b|\bwire\s+service\b")
_MEDIA = re.compile(
    rf"(?<![\w-])(?:{_MEDIA_NAMES})(?![\w-])|\b(?:media|newspaper|the paper|magazine|broadcaster|"
    r"television|channel|outlet|reporters?|journalists?|correspondents?|columnist|editorial|tabloid|"
    r"website|daily)\b"
)
_DOCUMENT = re.compile(
    r"\b(?:report|statement|poll|survey|study|studies|analysis|filing|indictment|letter|memo|"
    r"documents?|data|figures|records|release|transcript|complaint|lawsuit|ruling|order|decree|"
    r"estimates?|research|findings|assessment|audit|census|communiqué|communique|resolution)s?\b",
    re.IGNORECASE,
)
_OFFICIAL = re.compile(
    r"\b(?:officials?|minist(?:er|ry|ries)|president|prime minister|premier|chancellor|spokes(?:man|woman|"
    r"person|people)|secretary|governor|ambassador|envoy|senator|sen\.|representative|rep\.|congress(?:man|"
    r"woman)?|lawmakers?|mayor|deputy|diplomats?|government|administration|Kremlin|White House|Pentagon|"
    r"State Department|Foreign Office|Downing Street|Elysee|Élysée|Blue House|police|military|army|navy|"
    r"commander|general|gen\.|admiral|prosecutors?|attorney general|judge|court|authorities|cabinet|"
    r"parliament|council|agency|department|embassy|consulate|regime|leader|king|queen|sheikh|"
    r"chief of staff)\b",
    re.IGNORECASE,
)
_ORGANIZATION = re.compile(
    r"\b(?:company|corporation|firm|group|organi[sz]ation|association|union|committee|campaign|party|"
    r"foundation|institute|university|bank|fund|charity|coalition|alliance|NATO|UN|United Nations|EU|"
    r"European Union|IMF|World Bank|WHO|IAEA|Red Cross|Amnesty|Human Rights Watch|Inc|Corp|Ltd|LLC|"
    r"spokes(?:man|woman|person)\s+for)\b",
)
_ATTACHED_PHRASE = re.compile(r"\s(?:in|on|at|from|by|with|for|against|over|about|after)\s")
_RELATIVE = re.compile(r",?\s+(?:who|whom|whose|which|that)\s")
_PERSON_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'.-]+)+\b|^[A-Z][a-z’'-]+$")
_PRONOUN = re.compile(r"^(?:he|she|him|her|i|we|you)$", re.IGNORECASE)
_ORG_PRONOUN = re.compile(r"^(?:it|they)$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # pure, and the same speakers recur across an article and a crawl
def source_type(phrase: str) -> SourceType:
    """The kind of source a speaker phrase names.

    >>> source_type("official TASS news agency")
    'agency'
    >>> source_type("officials who spoke on condition of anonymity")
    'anonymous'
    """
    if _ANONYMOUS.search(phrase):
        return "anonymous"
    # The head names the source; a relative clause after it (`officials who had seen the report`,
    # `a study that appeared in a journal`) describes it.
    phrase = _RELATIVE.split(phrase, maxsplit=1)[0]
    # A document speaks only as the head (`a copy of the report`), not from a phrase attached to it
    # (`the losing side in the ruling`, `analysts at the research firm`).
    head = _ATTACHED_PHRASE.split(phrase, maxsplit=1)[0]
    if _document_after_names(head):
        return "document"
    checks: tuple[tuple[re.Pattern[str], SourceType], ...] = (
        (_STATE_MEDIA, "state_media"),
        (_AGENCY, "agency"),
        (_MEDIA, "media"),
        (_DOCUMENT, "document"),
        (_OFFICIAL, "official"),
        (_ORGANIZATION, "organization"),
    )
    for pattern, kind in checks:
        if pattern.search(head if kind == "document" else phrase):
            return kind
    if _PRONOUN.match(phrase) or _PERSON_NAME.search(phrase):
        return "person"
    if _ORG_PRONOUN.match(phrase):
        return "organization"
    return "unknown"


_OUTLETS = (_STATE_MEDIA, _AGENCY, _MEDIA)
# What an outlet publishes besides its reporting: measurements it commissions or makes. An outlet's
# `report` is its journalism, so `a NDTV report` stays media.
_MEASUREMENT = re.compile(
    r"\b(?:polls?|surveys?|study|studies|analys[ie]s|data|figures|estimates?|research|findings|audits?|"
    r"census|count|tally|projections?|forecasts?)\b",
    re.IGNORECASE,
)


def _document_after_names(head: str) -> bool:
    """`a CNN/ORC poll`, `The latest Reuters/Ipsos poll`, `CNN's analysis`: a measurement after an
    outlet's name is the head, and the outlet only says whose document it is."""
    document = _MEASUREMENT.search(head)
    if document is None:
        return False
    outlets = [m for pattern in _OUTLETS for m in pattern.finditer(head)]
    return bool(outlets) and all(m.end() <= document.start() for m in outlets)


def agency_aliases(name: str) -> frozenset[str]:
    """Every name of the wire `name` names, itself included.

    >>> sorted(agency_aliases("AP"))
    ['AP', 'Associated Press']
    """
    for names in _AGENCY_ALIASES:
        if name in names:
            return frozenset(names)
    return frozenset({name})
