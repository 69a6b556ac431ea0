"""Word lists as regular expressions the regex engine runs fast.

Analysis scans every article for a few hundred cue verbs and number words; written as a plain
`a|b|c` alternation, the engine tries every word at every position. Shared by `newsprism.compare.article.cues`
and `newsprism.compare.article.quantities`, which both scan for word lists.
"""

from __future__ import annotations

import re
from typing import Any


def prefix_tree(words: frozenset[str]) -> str:
    """The words as one alternation shaped as a prefix tree, so the engine follows one branch per
    character instead of trying every word.

    >>> prefix_tree(frozenset({"say", "says", "said"}))
    'sa(?:id|y(?:s)?)'
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    arms = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not arms:
        return ""
    body = arms[0] if len(arms) == 1 else f"(?:{'|'.join(arms)})"
    return f"(?:{body})?" if "" in node else body
