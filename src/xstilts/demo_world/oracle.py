"""Rule-based oracles: each demo task's labelling rule, applied to demo-English text.

They read only what a model reads (the text, as the real readers return it), so a high
oracle score on English dev shows the labels follow a rule that is in the text, i.e. that
the task is learnable; they are also the demo's ceiling for a perfect learner. They are
written for demo-English only: the other languages follow the same rules in another
vocabulary and word order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xstilts.demo_world.choice import FEELING_AFTER, NEXT_STEP, USUAL_PLACE
from xstilts.demo_world.lexicon import (
    ADJECTIVES,
    CITIES,
    CITY_WORDS,
    FIRST_NAMES,
    LAST_NAMES,
    NEGATIVE,
    NOUNS,
    ORG_HEADS,
    ORG_SUFFIXES,
    POSITIVE,
    VERBS,
)
from xstilts.demo_world.paraphrase import QQP_TEMPLATES

_WORD = re.compile(r"[^\s.,?!]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


# ------------------------------------------------------------------ classification


def nli_label(premise: str, hypothesis: str) -> str:
    """Restates the premise -> entailment; restated with 'never' -> contradiction; else neutral."""
    said = set(_words(premise))
    claim = set(_words(hypothesis))
    if claim - {"never"} <= said:
        return "contradiction" if "never" in claim else "entailment"
    return "neutral"


def _who_does_what(sentence: str) -> tuple[str, ...]:
    words = sentence.replace(",", " ").replace(".", " ").split()
    place = ""
    if "in" in words:
        k = words.index("in")
        # The place is the longest city name starting after 'in' (some have two words).
        width = 2 if " ".join(words[k + 1 : k + 3]) in CITIES else 1
        place = " ".join(words[k + 1 : k + 1 + width])
        words = words[:k] + words[k + 1 + width :]
    verb = next(i for i, w in enumerate(words) if w in VERBS)
    return (" ".join(words[:verb]), words[verb], " ".join(words[verb + 1 :]), place)


def pawsx_label(sentence1: str, sentence2: str) -> str:
    """Same who-does-what-to-whom-where, whatever the word order -> '1'."""
    return "1" if _who_does_what(sentence1) == _who_does_what(sentence2) else "0"


def _qqp_meaning(question: str) -> tuple[str, ...]:
    for kind, templates in QQP_TEMPLATES.items():
        for template in templates:
            pattern = re.escape(template).replace(r"\{p\}", r"(\S+)").replace(r"\{n\}", r"(\S+)")
            match = re.fullmatch(pattern, question)
            if match:
                groups = match.groups()
                # Templates put the noun before or after the name; sort them into slots.
                name = next(g for g in groups if g[:1].isupper())
                noun = next((g for g in groups if not g[:1].isupper()), "")
                return (kind, name, noun)
    return ("unknown", question)


def qqp_label(question1: str, question2: str) -> str:
    """Duplicates ask the same thing: same kind of question, person and counted noun."""
    return "1" if _qqp_meaning(question1) == _qqp_meaning(question2) else "0"


def sst2_label(sentence: str) -> str:
    """The polar anchor word decides; 'not' flips it."""
    words = _words(sentence)
    score = sum(w in POSITIVE for w in words) - sum(w in NEGATIVE for w in words)
    positive = score > 0
    if "not" in words:
        positive = not positive
    return "1" if positive else "0"


# ------------------------------------------------------------------ multiple choice


def commonsenseqa_choice(question: str, choices: Sequence[str]) -> int:
    noun = next(w for w in _words(question) if w in NOUNS)
    return list(choices).index(USUAL_PLACE[noun])


def cosmosqa_choice(context: str, choices: Sequence[str]) -> int:
    """The answer whose reason ('wanted to ...') is the one the context states."""
    stated = re.search(r"wanted to ([^.]+)\.", context)
    reason = stated.group(1) if stated else ""
    for k, choice in enumerate(choices):
        if reason and choice.endswith(f"wanted to {reason}."):
            return k
    return 0


def socialiqa_choice(context: str, choices: Sequence[str]) -> int:
    for action, feeling in FEELING_AFTER.items():
        pattern = re.escape(action).replace(r"\{b\}", r"\S+")
        if re.search(pattern, context):
            return list(choices).index(feeling)
    return 0


def hellaswag_choice(context: str, choices: Sequence[str]) -> int:
    verb = next(w for w in _words(context) if w in VERBS)
    return next(k for k, c in enumerate(choices) if c.endswith(NEXT_STEP[verb]))


# ------------------------------------------------------------------ extractive QA

_FACT = re.compile(r"^(?P<who>.+?) (?P<verb>lives in|works for|has|sells) (?P<what>.+)$")


def qa_answer(question: str, context: str) -> str:
    """The slot the wh-word asks for, in the fact about the person (or company) named."""
    facts = []
    for sentence in context.split(". "):
        match = _FACT.match(sentence.rstrip("."))
        if match:
            facts.append((match["who"], match["verb"], match["what"]))
    q = question.rstrip("?")
    patterns = (
        (r"where does (.+) live", "lives in", "what"),
        (r"which company does (.+) work for", "works for", "what"),
        (r"how many \S+ does (.+) have", "has", "count"),
        (r"what does (.+) sell", "sells", "what"),
        (r"who works for (.+)", "works for", "who"),
    )
    for pattern, verb, slot in patterns:
        match = re.fullmatch(pattern, q)
        if not match:
            continue
        key = match.group(1)
        for who, fact_verb, what in facts:
            if fact_verb != verb:
                continue
            if slot == "who" and what == key:
                return who
            if slot != "who" and who == key:
                return what.split()[0] if slot == "count" else what
    return ""


# ------------------------------------------------------------------ tagging

_CLOSED_UPOS = {
    "the": "DET", "in": "ADP", "for": "ADP", "never": "ADV", "and": "CCONJ", "where": "ADV",
    "how": "ADV", "many": "ADJ", "what": "PRON", "who": "PRON", "which": "DET",
    "company": "NOUN", "does": "AUX", ".": "PUNCT", ",": "PUNCT", "?": "PUNCT",
    "lives": "VERB", "live": "VERB", "works": "VERB", "work": "VERB", "has": "VERB",
    "have": "VERB", "sells": "VERB", "sell": "VERB",
}  # fmt: skip
_PROPER = set(FIRST_NAMES) | set(LAST_NAMES) | CITY_WORDS | set(ORG_HEADS) | set(ORG_SUFFIXES)
_CITY_HEADS = {c.split()[0] for c in CITIES}
_CITY_TAILS = {c.split()[1] for c in CITIES if " " in c}


def udpos_tags(tokens: Sequence[str]) -> list[str]:
    """UPOS from the demo grammar's word classes."""
    out = []
    for t in tokens:
        if t in _CLOSED_UPOS:
            out.append(_CLOSED_UPOS[t])
        elif t in _PROPER:
            out.append("PROPN")
        elif t.isdigit():
            out.append("NUM")
        elif t in NOUNS or t in NOUNS.values():
            out.append("NOUN")
        elif t in ADJECTIVES:
            out.append("ADJ")
        elif t in VERBS or t in VERBS.values():
            out.append("VERB")
        else:
            out.append("X")
    return out


def panx_tags(tokens: Sequence[str]) -> list[str]:
    """IOB2 entities from the capitalised name, city and company lists."""
    out = []
    for k, t in enumerate(tokens):
        prev = tokens[k - 1] if k else ""
        if t in FIRST_NAMES:
            out.append("B-PER")
        elif t in LAST_NAMES and prev in FIRST_NAMES:
            out.append("I-PER")
        elif t in _CITY_TAILS and prev + " " + t in CITIES:
            out.append("I-LOC")
        elif t in _CITY_HEADS:
            out.append("B-LOC")
        elif t in ORG_HEADS:
            out.append("B-ORG")
        elif t in ORG_SUFFIXES and prev in ORG_HEADS:
            out.append("I-ORG")
        else:
            out.append("O")
    return out


def ccg_tags(tokens: Sequence[str]) -> list[str]:
    """CCG categories of the demo grammar (a name before a surname is a modifier, N/N)."""
    by_pos = {
        "DET": "NP[nb]/N", "ADJ": "N/N", "NUM": "N/N", "NOUN": "N", "ADV": r"(S\NP)/(S\NP)",
        "ADP": r"((S\NP)\(S\NP))/NP", "CCONJ": "conj",
    }  # fmt: skip
    out = []
    for k, (t, pos) in enumerate(zip(tokens, udpos_tags(tokens), strict=True)):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        if pos == "PROPN":
            modifier = nxt in LAST_NAMES or nxt in ORG_SUFFIXES or f"{t} {nxt}" in CITIES
            out.append("N/N" if modifier else "N")
        elif pos == "VERB":
            transitive = nxt not in ("in", "for", ".", ",", "and")
            out.append(r"(S[dcl]\NP)/NP" if transitive else r"S[dcl]\NP")
        elif pos == "PUNCT":
            out.append(t)
        else:
            out.append(by_pos.get(pos, "X"))
    return out
