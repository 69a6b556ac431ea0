"""How an article changed between two of its versions, as a reader-friendly unified diff.

News pages are edited after publication (a figure corrected, a quote softened); storage keeps every
distinct text as an ArticleVersion, and this module shows what changed, sentence by sentence.
"""

from __future__ import annotations

import difflib
import re

from sqlalchemy.orm import Session

from newsprism.errors import NotFoundError
from newsprism.storage.reading import get_article

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")


def _sentences(text: str) -> list[str]:
    # Sentences, not lines: a changed figure shows as one changed sentence, not a re-wrapped paragraph.
    return [
        sentence
        for paragraph in text.splitlines()
        for sentence in _SENTENCE_END.split(paragraph.strip())
        if sentence
    ]


def version_diff(old: str, new: str, *, old_label: str = "previous", new_label: str = "current") -> str:
    """A unified diff of two article texts, one sentence a line; "" when they say the same.

    >>> print(version_diff("Five died. Police said so.", "Six died. Police said so."))
    --- previous
    +++ current
    @@ -1,2 +1,2 @@
    -Five died.
    +Six died.
     Police said so.
    """
    lines = difflib.unified_diff(
        _sentences(old), _sentences(new), fromfile=old_label, tofile=new_label, lineterm="", n=1
    )
    return "\n".join(lines)


def article_diff(session: Session, article_id: int, number: int | None = None) -> str:
    """The diff of version `number` (the latest by default) of an article against the one before it.

    NotFoundError when the article or version does not exist; "" for a first version. Read-only.
    """
    versions = get_article(session, article_id).versions
    if not versions:
        raise NotFoundError(f"article {article_id} has no versions")
    chosen = next((v for v in versions if v.number == number), None) if number else versions[-1]
    if chosen is None:
        raise NotFoundError(f"article {article_id} has no version {number}")
    earlier = [v for v in versions if v.number < chosen.number]
    if not earlier:
        return ""
    before = earlier[-1]
    return version_diff(
        before.text, chosen.text, old_label=f"version {before.number}", new_label=f"version {chosen.number}"
    )
