"""Quantities: the numbers in a text with their unit, what they count and how they move.

`five kamikaze drones` -> 5, drone, `kamikaze drones`; `$2 billion` -> 2e9, dollar; `about 35 miles`
-> 35, mile, approx; `tens of thousands of people` -> 10,000 to 100,000, people; `rose by 3%` -> up.
One compiled pattern finds every candidate; the filters below drop what only looks like a quantity:
years, dates, clock times, scores of identifiers (`COVID-19`, `iPhone 11`).
"""

# Currency signs and typographic dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from newsprism.compare.article.gazetteer import NATIONALITIES
from newsprism.compare.article.lexicon import prefix_tree
from newsprism.compare.article.numbers import DIGITS, SCALES, VAGUE, WORD_NUMBER, parse_digits, parse_words
from newsprism.compare.article.sentences import Span, whitespace_bounded
from newsprism.compare.findings import Quantity, QuantityChange

_CURRENCY_SIGNS = {
    "us$": "dollar",
    "u.s.$": "dollar",
    "$": "dollar",
    "a$": "australian dollar",
    "$a": "australian dollar",
    "au$": "australian dollar",
    "c$": "canadian dollar",
    "ca$": "canadian dollar",
    "hk$": "hong kong dollar",
    "nz$": "new zealand dollar",
    "s$": "singapore dollar",
    "r$": "brazilian real",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₹": "rupee",
    "₩": "won",
    "rs": "rupee",
    "rs.": "rupee",
    "rm": "malaysian ringgit",
    "usd": "dollar",
    "eur": "euro",
    "gbp": "pound",
    "jpy": "yen",
    "inr": "rupee",
    "$us": "dollar",
    "ps": "pound",
    "chf": "swiss franc",
    "cny": "yuan",
}
_CURRENCY = (
    r"(?:US\s?\$|U\.S\.\s?\$|\$US|A\$|\$A|AU\$|C\$|CA\$|HK\s?\$|NZ\$|S\$|R\$|\$|€|£|¥|₹|₩|Rs\.?\s?|RM\s?|"
    r"PS(?=\d)|(?:USD|EUR|GBP|JPY|INR)\s?)"
)
_NUMBER = rf"(?:{DIGITS}|(?i:{WORD_NUMBER}))"
_SCALE = (
    r"(?:(?:\s?(?i:hundred|thousand|million|billion|trillion)\b){1,2}|(?:bn|mn|mln|bln|m|k|b|tn|trn|M|K|B)\b)"
)
_APPROX_WORDS = (
    r"about|around|approximately|roughly|nearly|almost|some|an estimated|close to|just under|just over|"
    r"more than|less than|fewer than|over|under|at least|at most|up to|as many as|as much as|upwards of|"
    r"in excess of|below|above|~"
)
_VAGUE = (
    r"(?P<vague>(?i:(?:tens|hundreds) of (?:thousands|millions|billions)|"
    r"dozens|hundreds|thousands|millions|billions))(?=\s+of\b)"
)
QUANTITY = re.compile(
    rf"(?<![\w$€£¥.,/-])(?:(?P<approx>(?i:{_APPROX_WORDS}))\s+)?"
    rf"(?:{_VAGUE}|"
    rf"(?P<neg>(?i:minus)[\s-]|-(?=\d))?(?P<cur>{_CURRENCY})?(?P<neg2>-)?(?P<num>{_NUMBER})(?P<scale>{_SCALE})?"
    rf"(?:\s*(?P<sep>-|–|—|\bto\b|\band\b|\bor\b)\s*(?P<cur2>{_CURRENCY})?(?P<num2>{_NUMBER})(?P<scale2>{_SCALE})?)?)"
    rf"(?![\d]|[.,]\d)"
)
SINGLE_QUANTITY = re.compile(
    rf"(?<![\w$€£¥.,/-])(?:(?P<approx>(?i:{_APPROX_WORDS}))\s+)?(?P<vague>(?!))?(?P<neg>(?i:minus)[\s-]|-(?=\d))?"
    rf"(?P<cur>{_CURRENCY})?(?P<neg2>-)?(?P<num>{_NUMBER})(?P<scale>{_SCALE})?(?P<sep>(?!))?(?P<cur2>(?!))?(?P<num2>(?!))?"
    rf"(?P<scale2>(?!))?(?![\d]|[.,]\d)"
)
_ONE_OF_THE_BEST = re.compile(r"\b[Oo]ne of the (?:(?:most|least)\s+\w+|best|worst|\w+est)\b")
_NUMBER_STARTS = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety a an
    dozens hundreds thousands millions billions tens minus""".split()
_CURRENCY_WORDS = "US U HK A C CA AU NZ S R Rs RM USD EUR GBP JPY INR PS".split()


# Where a number may begin: a digit or currency sign, `.5` (not `x.5`), or a whole word (a maximal run
# of ASCII letters) that is a number word in any case or a currency code as written. Signs and words
# are two scans: the sign scan is a plain character set the engine skips along, and the word scan
# matches the character before a word, so it too starts from a character set (not-a-letter). Words
# are looked for in the lower-case text, where one prefix tree holds them all; a text whose lower
# case does not keep every ASCII letter in place (see `_lower_case_stands_in`) is scanned as written.
_SIGN_START = re.compile(r"[\d$€£¥₹₩.](?:(?<=\.)(?<![\w.]\.)\d|(?<!\.))")
_NUMBER_WORDS = frozenset(_NUMBER_STARTS)
_CURRENCY_CODES = frozenset(_CURRENCY_WORDS)
_LOWER_WORD_START = re.compile(
    rf"[^a-z]{prefix_tree(_NUMBER_WORDS | {code.lower() for code in _CURRENCY_CODES})}(?![a-z])"
)
_NUMBER_WORD = rf"(?:(?ai:{'|'.join(_NUMBER_STARTS)})|{'|'.join(_CURRENCY_WORDS)})(?![A-Za-z])"
_WORD_START = re.compile(rf"[^A-Za-z]{_NUMBER_WORD}")
_FIRST_WORD_START = re.compile(_NUMBER_WORD)
_APPROX_PHRASES = (
    *(f"{phrase} " for phrase in sorted(_APPROX_WORDS.split("|"), key=len, reverse=True) if phrase != "~"),
    "~",
)
_RANGE_GAP = re.compile(r"\s*(?:to|-|–|and)\s*")
_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+(?:up to\s+)?$", re.IGNORECASE)
_PHRASAL_VERB = re.compile(
    r"\b(?:handed|handing|hand|hands|took|take|takes|taking|turned|turning|turn|"
    r"turns|passed|pass|signed|sign|went|go|goes|fought)\s+(?:over|under)\s+$"
)
_BY_BEFORE = re.compile(r"\bby\s+$")
# Units written right after a number: `%`, `per cent`, `km/h`, `mph`, `kg`, `GB`, `degrees Celsius`.
_UNIT = re.compile(
    r"\s?(?P<unit>%|(?i:per\s?cent(?:age points?)?|percent(?:age points?)?|percentage points?|"
    r"basis points?|pc\b|"
    r"bps\b|pts?\b|points?\b)|km/h|kph|mph|mpg|rpm|ppb|ppm|kWh|mAh|MWh|GWh|GHz|MHz|Hz|GPa|kW|MW|GW|W|V|"
    r"bhp|hp|Nm|lb-ft|mL|ml|L|m2|km2|sq\s?m|km|cm|mm|μm|nm|kg|mg|g|lbs?|oz|ft|sq\s?ft|GB|MB|TB|min|hrs?|sec|"
    r"°[CF]?|p(?=[\s,.;)]|$)|€|PS\b|JPY\b|USD\b|EUR\b|GBP\b|CHF\b|CNY\b|″|"
    r"(?i:(?:square |cubic )?(?:miles?|(?:kilo|centi|milli|nano|micro)?met(?:er|re)s?|feet|foot|inch(?:es)?|"
    r"yards?)"
    r"(?: per (?:hour|gallon|second))?|degrees?(?: (?:Celsius|Fahrenheit|C|F))?|Celsius|Fahrenheit|"
    r"tonnes?|tons?|kilograms?|grams?|pounds?|ounces?|litres?|liters?|gallons?|barrels?|nanomet(?:er|re)s?|"
    r"gigawatts?|megawatts?|kilowatts?|watts?|volts?|gigapascals?|"
    r"dollars?|euros?|yen|yuan|rupees?|won|roubles?|rubles?|shekels?|ringgit|pesos?|francs?|cents?|pence|"
    r"times|seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries))(?![\w])"
)
_YEAR_OLD = re.compile(r"-?(?P<unit>years?-old|year old|years old)\b", re.IGNORECASE)
_HYPHEN_NOUN = re.compile(r"-(?P<unit>(?!thirds?\b|quarters?\b|fifths?\b|halves\b|tenths?\b)[a-z]{3,})\b")
_NOUN_WORD = re.compile(r"\s+(?P<word>[A-Za-z][a-z’'-]*[a-z])\b")
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH_WORDS = re.compile(rf"(?:{_MONTHS})\.?")
_DATE_AFTER = re.compile(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|(?:st|nd|rd|th)\b")
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?m\.?(?![a-z])|:\d\d|GMT|UTC|[AP]M\b|hrs\b)", re.IGNORECASE)
_IDENTIFIER_BEFORE = re.compile(
    r"(?:[A-Za-z]-|[A-Za-z]|No\.\s?|#|\b[A-Za-z][a-z]*[A-Z]\w*\s|:"
    r"|\b(?:category|phase|stage|grade|type|class|page|chapter|article|section|version|season|episode)\s)$"
)
# Words before a number that make it a change (`rose by 3%`, `fell to $2`), read from the end.
_UP_WORDS = frozenset(
    """rise rises rising rose risen increase increased increases increasing climb climbed climbs climbing
    jump jumped jumps jumping gain gained gains grew grow grows growing grown surge surged surges surging
    soar soared soars soaring up higher boost boosted boosts added raise raised""".split()
)
_DOWN_WORDS = frozenset(
    """fall falls fell fallen falling drop dropped drops dropping decline declined declines declining
    decrease decreased decreases decreasing slid slipped slump slumped plunge plunged plunges plunging
    tumble tumbled tumbles tumbling lost lose loses losing shed down lower cut slash slashed sank sunk
    dip dipped dips reduce reduced reduces reducing""".split()
)
_CHANGE_FILLERS = frozenset({"by", "to", "from", "of", "nearly", "almost", "about", "more", "than", "some"})
# Words that end the noun phrase a number counts (`22 goals in all`, `two sides have`).
_STOP_WORDS = frozenset(
    """of to in on at for by with from and or but nor the a an than that which who whom whose is are was
    were be been being has have had will would can could should may might must shall do does did said
    says say per each every more less most least this these those it its their his her our my your as
    so if when while since after before until ago last next this into onto over under about around
    between through during against among without within not no yes also just only even still yet then
    there here where how what why all both some any many much few other another such same own up down out
    off away back again further once i you he she we they me him us them""".split()
)
_PRONOUN_AFTER_ONE = frozenset({"of", "another", "day", "time", "way", "thing", "point", "side", "hand"})
_NOT_ONE_BEFORE = re.compile(
    r"\b(?:no|any|every|each|this|that|which|the|last|only|same|little|big)\s+$", re.I
)
_IRREGULAR = {
    "people": "people",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "police": "police",
    "news": "news",
    "series": "series",
    "species": "species",
    "times": "times",
}


def find_quantities(text: str, spans: list[Span]) -> list[Quantity]:
    """Quantities in the text, sentence by sentence, in order.

    >>> [(q.value, q.unit) for q in find_quantities("He got five kamikaze drones.", [Span(0, 28, 0)])]
    [(5.0, 'drone')]
    """
    found: list[Quantity] = []
    lowered = text.lower()
    starts = _number_starts(text, 0, len(text), lowered if _lower_case_stands_in(text, lowered) else None)
    shares = _may_hold_shares(lowered)
    for span in spans:
        fractions = _fractions(text, span) if shares else []
        for match in _candidates(text, span, _starts_in(text, span, starts)):
            if any(f.start < match.end() and match.start() < f.end for f in fractions):
                continue
            quantity = _quantity(text, match, span)
            if quantity is not None:
                found.append(quantity)
        found.extend(fractions)
        found.extend(_one_of_the_best(text, span))
    found.sort(key=lambda q: q.start)
    return _merge_ranges(text, found)


def _number_starts(text: str, start: int, end: int, lowered: str | None = None) -> list[int]:
    """Where a number may begin in `text[start:end]`, in order; `lowered` is the text in lower case
    when it keeps every ASCII letter in place."""
    signs = [m.start() for m in _SIGN_START.finditer(text, start, end)]
    if lowered is None:
        words = [m.start() + 1 for m in _WORD_START.finditer(text, start, end)]
    else:
        scan = _LOWER_WORD_START.finditer(lowered, start, end)
        words = [m.start() + 1 for m in scan if _is_number_word(text, lowered, m.start() + 1, m.end())]
    if _FIRST_WORD_START.match(text, start, end):  # a scan from `start` reads a word there whole
        words.insert(0, start)
    return sorted(signs + words)


def _is_number_word(text: str, lowered: str, start: int, end: int) -> bool:
    """A number word in any case, or a currency code as written (`US`, not the `us` of `told us`)."""
    return lowered[start:end] in _NUMBER_WORDS or text[start:end] in _CURRENCY_CODES


def _lower_case_stands_in(text: str, lowered: str) -> bool:
    """Whether `lowered` has an ASCII letter exactly where `text` has one: only the dotted capital I
    (which lowers to two characters) and the Kelvin sign (which lowers to `k`) break that."""
    return len(lowered) == len(text) and "\u212a" not in text


def _starts_in(text: str, span: Span, starts: list[int]) -> list[int]:
    """The number starts of the whole text that lie in the span.

    They are the span's own when whitespace bounds it (as sentences are): no word runs across its
    edges then. A span cut inside a word is scanned on its own.
    """
    if not whitespace_bounded(text, span.start, span.end):
        return _number_starts(text, span.start, span.end)
    return starts[bisect_left(starts, span.start) : bisect_left(starts, span.end)]


def _candidates(text: str, span: Span, starts: list[int]) -> list[re.Match[str]]:
    """QUANTITY matches of a sentence, left to right, none overlapping.

    Trying the full pattern at every word is the slowest part of analysis, so one regex scan picks
    the few places that can begin a number (a digit, a sign, a number word) and the pattern is tried
    there, from the approximation before it (`about`, `more than`) when there is one. The scan is
    one regex rather than a Python test of every word because most words of a sentence are not
    numbers.
    """
    matches: list[re.Match[str]] = []
    done = span.start
    for token in starts:
        if token < done:
            continue
        match = None
        for start in _approximation_starts(text, span.start, token):
            match = QUANTITY.match(text, max(start, done), span.end)
            if match is not None:
                break
        if match is not None:
            match = _change_then_level(text, span, match)
            if _year_then_number(match):
                # `from 20 mpg in 2008 to 29 mpg`: the year ends a phrase, the range is elsewhere.
                done = match.start("num2")
                continue
            matches.append(match)
            done = match.end()
    return matches


def _change_then_level(text: str, span: Span, match: re.Match[str]) -> re.Match[str]:
    """`increased by $43.6 billion to $419.2 billion`: a change and a level, not a range."""
    if (
        match.group("sep")
        and (match.group("cur") or match.group("scale"))
        and _BY_BEFORE.search(text, span.start, match.start())
    ):
        return SINGLE_QUANTITY.match(text, match.start(), match.start("sep")) or match
    return match


def _year_then_number(match: re.Match[str]) -> bool:
    """`2008 to 29`: a year cannot be the low end of a range whose top is not a year."""
    low, high = match.group("num"), match.group("num2")
    return (
        high is not None
        and match.group("cur") is None
        and _is_year(low)
        and not (high.isdigit() and _is_year(high))
    )


def _approximation_starts(text: str, lo: int, pos: int) -> list[int]:
    """Where a quantity ending in the number at `pos` may begin: an approximation, else `pos`."""
    window = text[max(lo, pos - 16) : pos].lower()
    if not window.endswith(_APPROX_PHRASES):
        return [pos]  # most numbers have none: one test of all phrases before finding which
    for phrase in _APPROX_PHRASES:
        if window.endswith(phrase):
            if phrase in {"over ", "under "} and _PHRASAL_VERB.search(text, max(lo, pos - 30), pos):
                return [pos]  # `handed over five drones`: a verb particle, not an approximation
            return [pos - len(phrase), pos]
    return [pos]


_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
_SMALL_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
# `two-thirds of`, `a third of the population`, `almost half of which`, `one out of three Germans`,
# `one in five voters`: a share, read as a fraction of one.
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<approx>(?i:{_APPROX_WORDS}))\s+)?"
    rf"(?:(?P<part>(?i:a|an|one|two|three|four|five|seven|nine))[\s-]"
    rf"(?P<den>(?i:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?))|(?P<half>(?i:half)))\s+of\b"
    rf"|(?<![\w-])(?P<n1>(?i:{_SMALL_WORDS})|\d+)\s+(?:out\s+of|in)\s+(?:every\s+)?"
    rf"(?P<n2>(?i:{_SMALL_WORDS})|\d+)(?=\s+[A-Za-z])"
)
_SHARE_HINTS = ("half", "third", "quarter", "fifth", "sixth", "eighth", "tenth", " out of ")
_SHARE_IN = re.compile(rf" in (?:every )?(?:\d|(?:{_SMALL_WORDS})\b)")
# `the first half of`, `this half of the season`: a part of time, not a share.
_NOT_A_SHARE_BEFORE = re.compile(r"\b(?:the|this|that|first|second|latter|former|back|front|other)\s+$", re.I)


# `_SHARE_IN` without its closing `\b`, so that it holds wherever `_SHARE_IN` holds in a sentence.
_SHARE_IN_TEXT = re.compile(rf" in (?:every )?(?:\d|{_SMALL_WORDS})")


def _may_hold_shares(lowered: str) -> bool:
    """Whether any sentence can pass the hint test of `_fractions`: one look at the whole text,
    `lowered` being its lower case.

    The hints are ASCII, and lower-casing maps each character on its own (only a Greek capital
    sigma looks at its neighbours, and it lowers to a non-ASCII letter), so a hint in a sentence's
    lower case is a hint in the text's.
    """
    return any(word in lowered for word in _SHARE_HINTS) or _SHARE_IN_TEXT.search(lowered) is not None


def _fractions(text: str, span: Span) -> list[Quantity]:
    # A full scan of every sentence costs as much as all other quantity rules; few hold a share.
    lowered = text[span.start : span.end].lower()
    if not any(word in lowered for word in _SHARE_HINTS) and _SHARE_IN.search(lowered) is None:
        return []
    result: list[Quantity] = []
    for match in _FRACTION.finditer(text, span.start, span.end):
        value = _fraction_value(match)
        before = text[max(span.start, match.start() - 10) : match.start()]
        if value is None or _NOT_A_SHARE_BEFORE.search(before):
            continue
        bare_end = match.end()
        if text[bare_end - 2 : bare_end].lower() == "of":  # nothing counted: `half`, not `half of`
            bare_end = len(text[: bare_end - 2].rstrip())
        after = _SHARE_OF.match(text, match.end(), span.end)
        end, unit, concept = _noun_phrase(text, after.end() if after else match.end(), span.end, bare_end)
        start = match.start()
        change = _change(text, span.start, start, match.group("approx"))
        result.append(Quantity(text[start:end], start, end, value, unit, concept, change))
    return result


_SHARE_OF = re.compile(r"\s+(?:of\s+)?(?:the|all|its|their|his|her|our|those|these)\b")


def _fraction_value(match: re.Match[str]) -> float | None:
    if match.group("half"):
        return 0.5
    if match.group("den"):
        part = match.group("part").lower()
        count = 1.0 if part in {"a", "an"} else parse_words(part)
        return None if count is None else count / _DENOMINATORS[match.group("den").lower()]
    low, high = (_number(match.group(g), None) for g in ("n1", "n2"))
    return low / high if low is not None and high and low < high else None


def _one_of_the_best(text: str, span: Span) -> list[Quantity]:
    """`one of the best wireless speakers`: one item singled out of a ranked set."""
    result: list[Quantity] = []
    if text.find("ne of the ", span.start, span.end) < 0:
        return result  # every match holds these words; a substring search is far cheaper than the scan
    for match in _ONE_OF_THE_BEST.finditer(text, span.start, span.end):
        end, unit, concept = _noun_phrase(text, match.end(), span.end, match.end())
        if unit is not None:
            result.append(Quantity(text[match.start() : end], match.start(), end, 1.0, unit, concept))
    return result


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """`from 1 per cent to 1.5 per cent`, `15 per cent to 20 per cent`, `from $75 a barrel in October
    to $45.88`: two numbers, one range."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        if previous is not None and _one_range(text, previous, quantity):
            start, end = previous.start, quantity.end
            merged[-1] = Quantity(
                text[start:end],
                start,
                end,
                previous.value,
                previous.unit,
                previous.concept,
                previous.change,
                quantity.value,
            )
            continue
        merged.append(quantity)
    return merged


def _one_range(text: str, low: Quantity, high: Quantity) -> bool:
    if low.value_high is not None or high.value_high is not None or high.unit not in {None, low.unit}:
        return False
    after_from = _FROM_BEFORE.search(text, max(0, low.start - 20), low.start) is not None
    if _RANGE_GAP.fullmatch(text, low.end, high.start):
        # Without `from`, only two measures of one unit (`15 per cent to 20 per cent`), never after
        # `by` (`rose by 5% to 20%` is a change, then a level).
        return after_from or (
            high.unit is not None
            and text[high.start - 4 : high.start] == " to "
            and not _BY_BEFORE.search(text, max(0, low.start - 6), low.start)
        )
    gap = _FAR_RANGE_GAP.fullmatch(text, low.end, high.start)
    return after_from and gap is not None and high.start - low.end <= _MAX_RANGE_GAP


# `from $36,040 at 10.45pm last night to $34,935`: a few words without a number between the ends.
_FAR_RANGE_GAP = re.compile(r"\s[^;:]*?\sto\s+")
_MAX_RANGE_GAP = 40


def _quantity(text: str, match: re.Match[str], span: Span) -> Quantity | None:
    if _excluded(text, match, span):
        return None
    values = _values(match)
    if values is None:
        return None
    value, high = values
    if (
        match.group("cur") is None
        and _looks_like_year(match)
        and not _UNIT.match(text, match.end(), span.end)
    ):
        return None
    if _letter_attached(text, match) and not _UNIT.match(text, match.end(), span.end):
        return None  # `5G`, `4K`, `S22`: a name, not a count
    end, unit, concept = _unit_after(text, match, span.end)
    if unit is None and _capitalised_after(text, match.end(), span.end):
        return None  # `787 Dreamliner`, `49 Zorro Ranch Road`
    if (
        unit is None
        and match.group("num")
        and not match.group("num")[0].isdigit()
        and not match.group("scale")
    ):
        return None  # a spelled-out number with nothing counted: `the bottom three`
    start = match.start()
    change = _change(text, span.start, start, match.group("approx"))
    return _with_structure(
        text, span.start, Quantity(text[start:end], start, end, value, unit, concept, change, high)
    )


def _values(match: re.Match[str]) -> tuple[float, float | None] | None:
    if match.group("vague"):
        words = match.group("vague").lower().split()
        low, top = VAGUE[words[-1]]
        if words[0] in {"tens", "hundreds"} and len(words) > 1:
            factor = VAGUE[words[0]][0]
            return low * factor, top * factor
        return low, top
    value = _number(match.group("num"), match.group("scale"))
    if value is None:
        return None
    if match.group("neg") or match.group("neg2"):
        value = -value
    if match.group("num2") is None:
        return value, None
    high = _number(match.group("num2"), match.group("scale2"))
    if high is None or (high == value and match.group("sep") in {"-", "–", "—"}):
        return None  # `tied at 89-89` is a score
    raw_high = _number(match.group("num2"), None) or 0.0
    if match.group("scale2") and not match.group("scale") and value < min(1000.0, raw_high):
        value *= _scale(match.group("scale2"))  # `$89 to $93 billion`
    return value, high


def _number(raw: str, scale: str | None) -> float | None:
    value = parse_digits(raw) if raw[0].isdigit() or raw[0] == "." else parse_words(raw)
    if value is None:
        return None
    return value * _scale(scale)


def _scale(scale: str | None) -> float:
    """`million` -> 1e6; `hundred million` -> 1e8; `bn` -> 1e9."""
    factor = 1.0
    for word in (scale or "").split():
        factor *= SCALES.get(word, SCALES.get(word.lower(), 1.0))
    return factor


def _excluded(text: str, match: re.Match[str], span: Span) -> bool:
    """Years in dates, clock times, identifiers and the pronoun `one` are not quantities."""
    if match.group("vague"):
        return False
    num_start = match.start("num")
    before = text[max(span.start, num_start - 12) : num_start]
    before_match = text[max(span.start, match.start() - 12) : match.start()]
    after = text[match.end() : match.end() + 12]
    if match.group("cur") is None and (_after_month(before) or _DATE_AFTER.match(after)):
        return True
    if _TIME_AFTER.match(after) or text[match.end() : match.end() + 1] == "/" or before.endswith("/"):
        return True
    if match.group("cur") is None and (
        _IDENTIFIER_BEFORE.search(before_match) or _after_name(text, span, match.start())
    ):
        return True
    return _is_pronoun_one(text, match, before)


def _letter_attached(text: str, match: re.Match[str]) -> bool:
    return text[match.end() : match.end() + 1].isalpha()


def _capitalised_after(text: str, pos: int, limit: int) -> bool:
    word = _NOUN_WORD.match(text, pos, limit)
    return word is not None and word.group("word")[0].isupper() and word.group("word") not in NATIONALITIES


def _after_month(before: str) -> bool:
    """`September 8`, `Feb. 21`: the number is a day of the month."""
    words = before.split()
    month = words[-1].lstrip("([") if words else ""
    return before[-1:].isspace() and _MONTH_WORDS.fullmatch(month) is not None


def _after_name(text: str, span: Span, num_start: int) -> bool:
    """`the Big 12`, `Fortune 100`, `Lang 20`: a number right after a capitalised word names a thing."""
    if num_start - 2 <= span.start or text[num_start - 1] != " " or text[num_start - 2].isspace():
        return False
    word_start = text.rfind(" ", span.start, num_start - 1) + 1 or span.start
    word = text[max(word_start, span.start) : num_start - 1]
    if word_start <= span.start or not word[:1].isupper() or not all(c.isalnum() or c == "&" for c in word):
        return False
    if word in _CAPITALISED_BEFORE_NUMBERS:
        return False
    return not _count_after_name(text, span, word_start, num_start)


def _count_after_name(text: str, span: Span, word_start: int, num_start: int) -> bool:
    """`Tylenol 500mg`, `gave Kim six drones`: after a name, a measure or a count of things.

    A unit right after the number measures something; a spelled-out number, or any number after a
    name that follows a verb (`gave Kim 6 drones`, not `the Big 12 schools`), counts the noun after it.
    """
    match = SINGLE_QUANTITY.match(text, num_start, span.end)
    if match is None:
        return False
    if _UNIT.match(text, match.end(), span.end):
        return True
    noun = _NOUN_WORD.match(text, match.end(), span.end)
    if noun is None or not noun.group("word")[0].islower() or noun.group("word") in _STOP_WORDS:
        return False
    if not match.group("num")[0].isdigit():
        return True
    verb = _WORD_BEFORE.search(text, span.start, word_start)
    return verb is not None and verb.group(1).islower() and verb.group(1) not in _NOT_VERBS


_CAPITALISED_BEFORE_NUMBERS = frozenset(
    """About Around Nearly Almost Some Over Under More Less Only Just Approximately Roughly Between From
    To Up By At In Of The And Or With For On After Before Since Than Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
# Lower-case words before a name that make `Name 12` a title (`the Big 12`, `in Fortune 500 firms`).
_NOT_VERBS = _STOP_WORDS | frozenset("whose new old former top big".split())


def _is_pronoun_one(text: str, match: re.Match[str], before: str) -> bool:
    if match.group("num").lower() not in {"one", "a", "an"} or match.group("scale") or match.group("num2"):
        return False
    following = _NOUN_WORD.match(text, match.end())
    word = following.group("word").lower() if following else ""
    return (
        not word or word in _STOP_WORDS or word in _PRONOUN_AFTER_ONE or bool(_NOT_ONE_BEFORE.search(before))
    )


def _looks_like_year(match: re.Match[str]) -> bool:
    raw = match.group("num") or ""
    return _is_year(raw) and not match.group("scale") and not match.group("neg")


def _is_year(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1600 <= int(raw) <= 2100


def _unit_after(text: str, match: re.Match[str], limit: int) -> tuple[int, str | None, str | None]:
    """End of the quantity, its unit and the concept counted, reading after the number."""
    end = match.end()
    currency = match.group("cur") or match.group("cur2")
    if currency:
        unit = _CURRENCY_SIGNS.get(currency.strip().lower().replace(" ", ""), "dollar")
        return end, unit, None
    if match.group("vague"):
        return _noun_phrase(text, end + len(" of"), limit, end)
    unit_match = _UNIT.match(text, end, limit)
    if unit_match:
        return unit_match.end(), _unit_name(unit_match.group("unit")), None
    year_old = _YEAR_OLD.match(text, end, limit)
    if year_old:
        return year_old.end(), "year-old", _modified_noun(text, year_old.end(), limit)
    hyphen = _HYPHEN_NOUN.match(text, end, limit)
    if hyphen:
        return hyphen.end(), singular(hyphen.group("unit")), _modified_noun(text, hyphen.end(), limit)
    return _noun_phrase(text, end, limit, end)


_NEXT_WORD = re.compile(r" (?P<word>[a-z]{2,})\b")


def _modified_noun(text: str, pos: int, limit: int) -> str | None:
    """The noun a compound modifier qualifies: `six-day visit` -> `visit`, `11-year-old boy` -> `boy`."""
    match = _NEXT_WORD.match(text, pos, limit)
    if match is None or match.group("word") in _STOP_WORDS:
        return None
    return match.group("word")


# `three- to four-page`: the low end of a range written with a suspended hyphen.
_SUSPENDED_LOW = re.compile(r"(?P<low>\d+(?:\.\d+)?|[a-z]+)-\s+(?:to|or)\s+$", re.IGNORECASE)
# `Unemployment reached 5.8 percent`: the subject of the verb before a share is what it measures.
_SHARE_SUBJECT = re.compile(
    r"(?:^|[.,;]\s+|\b(?:the|a|an|its|their|his|her)\s+)(?P<np>[A-Za-z][a-z]+(?:\s+[a-z]+)?)"
    r"\s+(?:is|was|are|were|hit|rose|fell|grew|stood\s+at|\w+ed)\s+(?:to\s+|by\s+|at\s+)?$"
)


def _with_structure(text: str, lo: int, quantity: Quantity) -> Quantity:
    """A suspended-hyphen range's low end, and the subject a share measures."""
    low = _SUSPENDED_LOW.search(text, max(lo, quantity.start - 20), quantity.start)
    if low is not None and quantity.value_high is None:
        value = _number(low.group("low"), None)
        if value is not None and value < quantity.value:
            start = low.start()
            return replace(
                quantity, text=text[start : quantity.end], start=start, value=value, value_high=quantity.value
            )
    if quantity.unit == "percent" and quantity.concept is None:
        subject = _SHARE_SUBJECT.search(text, max(lo, quantity.start - 60), quantity.start)
        if subject is not None and subject.group("np").split()[-1].lower() not in _STOP_WORDS:
            words = subject.group("np").lower().split()
            return replace(quantity, concept=" ".join(w for w in words if w not in {"the", "a", "an"}))
    return quantity


def _unit_name(surface: str) -> str:
    lowered = surface.lower()
    if surface == "PS":
        return "PS"  # metric horsepower after a number; before one it is a flattened pound sign
    if lowered in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[lowered]
    if surface == "%" or (lowered.startswith(("percent", "per cent", "pc")) and "point" not in lowered):
        return "percent"
    if lowered.startswith("percentage point"):
        return "percentage point"
    return (
        singular(surface)
        if surface.islower() or (surface[0].isupper() and surface[1:].islower())
        else surface
    )


def _noun_phrase(text: str, pos: int, limit: int, fallback: int) -> tuple[int, str | None, str | None]:
    """Up to three words after a count: `five kamikaze drones` -> (end, drone, kamikaze drones)."""
    words: list[tuple[int, int, str]] = []
    while len(words) < 3:
        match = _NOUN_WORD.match(text, pos, limit)
        if match is None or match.group("word").lower() in _STOP_WORDS:
            break
        words.append((match.start("word"), match.end("word"), match.group("word")))
        pos = match.end()
    words = _cut_at_head(words)
    while words and words[-1][2].endswith(("ed", "ing", "ly")):
        words.pop()
    while words and words[-1][2][0].isupper() and words[-1][2] not in NATIONALITIES:
        words.pop()  # `787 Dreamliner`, `49 Zorro Ranch Road`: a name follows, not a noun counted
    if not words or words[-1][2].endswith("ly"):
        return fallback, None, None
    concept = text[words[0][0] : words[-1][1]]
    return words[-1][1], singular(words[-1][2].lower()), concept


def _cut_at_head(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """End the phrase at its first plural noun: `14 first-team players left` -> `first-team players`."""
    for index, (_, _, word) in enumerate(words):
        if _is_plural(word):
            if (
                index > 0
                and not _is_plural(words[index - 1][2])
                and index == len(words) - 1
                and len(words) > 2
            ):
                return words[:index]
            return words[: index + 1]
    return words


def _is_plural(word: str) -> bool:
    lowered = word.lower()
    return lowered in _IRREGULAR or (lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")))


def singular(word: str) -> str:
    """A plain English singular: `countries` -> `country`, `drones` -> `drone`, `people` stays."""
    lowered = word.lower()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    if lowered.endswith("ies") and len(lowered) > 4:
        return word[:-3] + "y"
    if lowered.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) and len(lowered) > 3:
        return word[:-1]
    return word


def _change(text: str, lo: int, start: int, approx: str | None) -> QuantityChange:
    words = text[max(lo, start - 40) : start].lower().split()[-5:]
    if words[-2:] in (["up", "from"], ["down", "from"]):
        return "approx" if approx else "="  # `up from 6.9 percent`: the earlier level, not the change
    while words and words[-1] in _CHANGE_FILLERS:
        words.pop()
    last = words[-1] if words else ""
    if last in _UP_WORDS:
        return "up"
    if last in _DOWN_WORDS:
        return "down"
    if approx:
        return "approx"
    return "="
