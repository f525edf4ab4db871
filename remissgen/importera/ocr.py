"""OCR repair of Swedish text: å, ä and ö put back, '1' read for 'i', each change listed.

OCR of Swedish prints å, ä and ö as the letters and signs they resemble (a, o, d, é, &, 6,
i) and reads the word "i" as "1". Each word is compared with variants that undo those
confusions; a variant replaces it when the general Swedish word list of the `wordfreq`
package (never the document's own texts) knows the variant and finds it much more common.
Compounds the list lacks are accepted when they split into words it knows.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..errors import ExternalFailure, Location, problem
from ..messages import text

# What OCR prints for a Swedish letter, per printed sign: the letters it may stand for.
_SIGNS: dict[str, str] = {
    "a": "åä", "o": "ö", "A": "ÅÄ", "O": "Ö", "d": "äöå", "é": "äåö", "i": "äå", "6": "ö",
    "&": "ä", "I": "l",
}
# Two printed signs for one letter.
_PAIRS: dict[str, str] = {"aé": "ä", "éi": "ä", "da": "ä", "di": "ä", "o6": "ö", "éd": "ä",
                          "é6": "ö"}
_INSERT = "äåö"
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü0-9&]+")
_MAX_CHANGES = 3
_RATIO = 8.0  # a known word gives way only to a variant this many times more common
_RARE = 1e-5  # a listed word this rare may still be a word with a letter lost
_PART = 1e-7  # a part of a compound must be at least this common


@cache
def _frequencies() -> dict[str, float]:
    """Return the Swedish word list: word → frequency (wordfreq's 'large' list)."""
    try:
        wordfreq: Any = importlib.import_module("wordfreq")
    except ImportError:
        raise ExternalFailure(problem(Location("remissgen importera", 0, 0),
                                      "importera_ocr_saknas")) from None
    found: dict[str, float] = wordfreq.get_frequency_dict("sv", wordlist="large")
    return found


def repair(source: str, shown: str) -> tuple[str, list[str]]:
    """Return `source` with OCR errors repaired, and one line per change ('rad N: a → b')."""
    words = _frequencies()
    changes: list[str] = []
    out_lines = []
    lines = source.split("\n")
    for number, current in enumerate(lines, start=1):
        following = next((x for x in lines[number:] if x.strip()), "")
        fixed = _repair_line(current, following, words)
        for old, new in _changed(current, fixed):
            changes.append(text("importera_ocr_ändring", line=number, old=old, new=new))
        out_lines.append(fixed)
    return "\n".join(out_lines), changes


def _repair_line(current: str, following: str, words: dict[str, float]) -> str:
    tokens = list(re.finditer(r"\S+", current))
    out = []
    pos = 0
    for k, token in enumerate(tokens):
        out.append(current[pos:token.start()])
        before = tokens[k - 1].group() if k else ""
        after = tokens[k + 1].group() if k + 1 < len(tokens) else following.split(" ")[0]
        out.append(_repair_token(token.group(), before, after, words))
        pos = token.end()
    out.append(current[pos:])
    return "".join(out)


def _is_word(token: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]+[,.;:)]?", token))


def _repair_token(token: str, before: str, after: str, words: dict[str, float]) -> str:
    """Return the repaired token: a lone '1' or '|' between words is 'i' or 'I'."""
    if token in ("1", "|") and _is_word(after.strip()) and (before == "" or _is_word(before)):
        sentence_start = before == "" or before.endswith((".", "!", "?"))
        return "I" if token == "|" or sentence_start else "i"
    return _WORD.sub(lambda m: repair_word(m.group(), words), token)


def repair_word(word: str, words: dict[str, float]) -> str:
    """Return `word`, or the variant of it the word list finds much more likely."""
    if len(word) < 2 or word.isdigit() or sum(c.isupper() for c in word) > 1:
        return word
    original = _score(word, words)
    best, best_score = word, original
    for candidate in _variants(word):
        score = _score(candidate, words)
        if score > best_score:
            best, best_score = candidate, score
    if best == word and original < (3, _RARE):
        for candidate in _insertions(word):
            score = _score(candidate, words)
            if score > best_score and (original[0] == 0 or score[1] > _RATIO * original[1]):
                best, best_score = candidate, score
    if best != word and (best_score[0] > original[0] or best_score[1] > _RATIO * original[1]):
        return best
    return word


def _score(word: str, words: dict[str, float]) -> tuple[int, float]:
    """Return (how the word is known, its frequency): 3 listed, 2 or 1 a compound, 0 unknown.

    A listed word beats any compound, and a compound of two words one of three.
    """
    lower = word.lower()
    if lower in words:
        return 3, words[lower]
    if any(c.isdigit() or c == "&" for c in lower):
        return 0, 0.0
    two = _compound(lower, words, 1)
    if two > 0:
        return 2, two
    three = _compound(lower, words, 2)
    return (1, three) if three > 0 else (0, 0.0)


def _compound(word: str, words: dict[str, float], depth: int) -> float:
    """Return the product of the parts' frequencies when `word` splits into known words, else 0.

    A first part may be a word's compound form: 'samhälls' (samhälle), 'arbets' (arbete).
    """
    best = 0.0
    for i in range(4, len(word) - 2):
        left, right = word[:i], word[i:]
        head = max(words.get(left, 0.0), words.get(left + "e", 0.0),
                   words.get(left[:-1], 0.0) if left.endswith("s") else 0.0,
                   words.get(left[:-1] + "e", 0.0) if left.endswith("s") else 0.0)
        if head < _PART:
            continue
        tail = words.get(right, 0.0)
        if depth > 1:
            tail = _compound(right, words, depth - 1)
        if tail >= _PART ** depth:
            best = max(best, head * tail)
    return best


def _variants(word: str) -> Iterator[str]:
    """Yield `word` with up to three OCR confusions undone (signs and pairs of signs)."""
    spots: list[tuple[int, int, str]] = [(i, 1, _SIGNS[c]) for i, c in enumerate(word)
                                         if c in _SIGNS]
    spots += [(i, 2, _PAIRS[word[i:i + 2]]) for i in range(len(word) - 1)
              if word[i:i + 2] in _PAIRS]
    for count in range(1, _MAX_CHANGES + 1):
        for chosen in itertools.combinations(spots, count):
            ranges = sorted((i, i + n) for i, n, _ in chosen)
            if any(a[1] > b[0] for a, b in itertools.pairwise(ranges)):
                continue
            for letters in itertools.product(*(options for _, _, options in chosen)):
                yield _apply(word, chosen, letters)


def _apply(word: str, chosen: tuple[tuple[int, int, str], ...], letters: tuple[str, ...]) -> str:
    out = word
    for (i, n, _), letter in sorted(zip(chosen, letters, strict=True), reverse=True):
        replacement = letter.upper() if word[i].isupper() and word[i] != "I" else letter
        out = out[:i] + replacement + out[i + n:]
    return out


def _insertions(word: str) -> Iterator[str]:
    """Yield `word` with one å, ä or ö put in (OCR sometimes drops the letter entirely)."""
    for i in range(1, len(word) + 1):
        for letter in _INSERT:
            yield word[:i] + letter + word[i:]


def _changed(old: str, new: str) -> list[tuple[str, str]]:
    """Return the (old, new) words that differ between two versions of a line."""
    a, b = old.split(), new.split()
    if len(a) != len(b):
        return [(old.strip(), new.strip())] if old != new else []
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]
