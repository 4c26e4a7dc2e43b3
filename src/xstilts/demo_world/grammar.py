"""The demo world's grammar: meanings rendered as tagged sentences in any demo language.

A meaning (a `Clause`, a `Question`) is rendered by one `Renderer` per language into a
`Phrase`: tokens carrying everything the tasks need at once (UPOS, IOB2 entity tag, a CCG
supertag and PTB tag for demo-English, a dependency head, multi-word-token fusion) plus a CCG
derivation tree. Tasks take what they need: PAN-X the entity tags, UD-POS the CoNLL-U
columns, CCG the AUTO derivation, the rest the text. Because every language renders the same
meanings, the parallel tasks (XNLI, PAWS-X, XQuAD, MLQA, BUCC, Tatoeba) are translations,
as in the real benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from xstilts.demo_world.languages import LanguageProfile, profile
from xstilts.demo_world.lexicon import Lexicon

# ------------------------------------------------------------------ meanings


@dataclass(frozen=True)
class Person:
    first: str
    last: str | None = None


@dataclass(frozen=True)
class City:
    name: str


@dataclass(frozen=True)
class Org:
    head: str
    suffix: str


@dataclass(frozen=True)
class Thing:
    """`count` None: 'the red cat'; 0: bare plural 'red cats'; n > 0: '3 red cats'."""

    noun: str
    adj: str | None = None
    count: int | None = None


Entity = Person | City | Org | Thing


@dataclass(frozen=True)
class Clause:
    """`subj verb [obj] [prep place]`, e.g. Anna (never) sees the red cat in Paris."""

    subj: Person
    verb: str
    obj: Thing | Person | None = None
    prep: str | None = None
    place: City | Org | Thing | None = None
    neg: bool = False
    front_place: bool = False  # "in Paris , Anna sees Boris ." (a PAWS paraphrase)


@dataclass(frozen=True)
class Question:
    """A wh-question; `kind` in QUESTION_KINDS, `about` the entity asked about."""

    kind: str
    about: Entity
    noun: str | None = None  # how_many: the counted noun


QUESTION_KINDS = ("where_live", "which_company", "who_works", "how_many", "what_sell")

# ------------------------------------------------------------------ tokens and phrases


@dataclass
class Tok:
    form: str
    upos: str
    ner: str = "O"
    ccg: str = ""
    xpos: str = "_"
    head: int = -1  # index in the phrase; -1 marks the phrase's head
    deprel: str = "root"
    fused: str | None = None  # surface of a multi-word token made of this token and the next


@dataclass
class Tree:
    """A CCG derivation node (`tok` set for a leaf)."""

    cat: str
    children: list[Tree] = field(default_factory=list)
    head: int = 0
    tok: Tok | None = None


@dataclass
class Phrase:
    toks: list[Tok]
    head: int
    tree: Tree


def leaf(tok: Tok) -> Phrase:
    return Phrase([tok], 0, Tree(tok.ccg, tok=tok))


def combine(parts: list[tuple[Phrase, str | None]], head: int, tree: Tree | None = None) -> Phrase:
    """Concatenate phrases; each non-head part's head attaches to the head part's head."""
    offsets, total = [], 0
    for phrase, _ in parts:
        offsets.append(total)
        total += len(phrase.toks)
    head_index = offsets[head] + parts[head][0].head
    out: list[Tok] = []
    for k, (phrase, relation) in enumerate(parts):
        for tok in phrase.toks:
            if tok.head >= 0:
                out.append(replace(tok, head=tok.head + offsets[k]))
            elif k == head:
                out.append(replace(tok))
            else:
                out.append(replace(tok, head=head_index, deprel=relation or "dep"))
    # Tree leaves keep the original token objects: they only print form, tags and category,
    # which copies share.
    return Phrase(out, head_index, tree or parts[head][0].tree)


def node(cat: str, head: int, *children: Phrase | Tree) -> Tree:
    return Tree(cat, [c.tree if isinstance(c, Phrase) else c for c in children], head)


PUNCT = {".": ".", "?": ".", ",": ","}


def punct(mark: str) -> Phrase:
    return leaf(
        Tok(mark, "PUNCT", ccg=PUNCT[mark], xpos=mark if mark != "?" else ".", deprel="punct")
    )


# ------------------------------------------------------------------ renderer


class Renderer:
    """Renders meanings in one language."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.prof: LanguageProfile = profile(lexicon.lang)

    # -- entities
    def person(self, p: Person) -> Phrase:
        if p.last is None:
            first = leaf(Tok(p.first, "PROPN", "B-PER", "N", "NNP"))
            return Phrase(first.toks, 0, node("NP", 0, first))
        first = leaf(Tok(p.first, "PROPN", "B-PER", "N/N", "NNP"))
        last = leaf(Tok(p.last, "PROPN", "I-PER", "N", "NNP"))
        phrase = combine([(first, None), (last, "flat")], 0)
        phrase.tree = node("NP", 0, node("N", 1, first, last))
        return phrase

    def city(self, c: City) -> Phrase:
        first, *rest = c.name.split()
        if not rest:
            tok = leaf(Tok(first, "PROPN", "B-LOC", "N", "NNP"))
            return Phrase(tok.toks, 0, node("NP", 0, tok))
        head = leaf(Tok(first, "PROPN", "B-LOC", "N/N", "NNP"))
        tail = leaf(Tok(rest[0], "PROPN", "I-LOC", "N", "NNP"))
        phrase = combine([(head, None), (tail, "flat")], 0)
        phrase.tree = node("NP", 0, node("N", 1, head, tail))
        return phrase

    def org(self, o: Org) -> Phrase:
        head = leaf(Tok(o.head, "PROPN", "B-ORG", "N/N", "NNP"))
        suffix = leaf(Tok(o.suffix, "PROPN", "I-ORG", "N", "NNP"))
        phrase = combine([(head, None), (suffix, "flat")], 0)
        phrase.tree = node("NP", 0, node("N", 1, head, suffix))
        return phrase

    def thing(self, t: Thing) -> Phrase:
        lex, prof = self.lex, self.prof
        plural = t.count is not None
        noun = leaf(
            Tok(
                lex.plural[t.noun] if plural else lex[t.noun],
                "NOUN",
                ccg="N",
                xpos="NNS" if plural else "NN",
            )
        )
        words: list[tuple[Phrase, str | None]] = [(noun, None)]
        nbar = noun.tree
        if t.adj is not None:
            adj = leaf(Tok(lex[t.adj], "ADJ", ccg="N/N", xpos="JJ"))
            if prof.adj_after_noun:
                words.append((adj, "amod"))
            else:
                words.insert(0, (adj, "amod"))
            nbar = node("N", 1, adj, noun)
        if t.count:
            num = leaf(Tok(str(t.count), "NUM", ccg="N/N", xpos="CD"))
            words.insert(0, (num, "nummod"))
            nbar = node("N", 1, num.tree, nbar)
        article = prof.articles and t.count is None
        if article and prof.article_prefix:
            first = words[0][0].toks[0]
            first.form = prof.article_prefix + first.form
            article = False
        if article:
            det = leaf(Tok(lex["the"], "DET", ccg="NP[nb]/N", xpos="DT"))
            words.insert(0, (det, "det"))
        head = next(i for i, (p, _) in enumerate(words) if p is noun)
        phrase = combine(words, head)
        phrase.tree = node("NP", 0, words[0][0], nbar) if article else node("NP", 0, nbar)
        return phrase

    def entity(self, e: Entity) -> Phrase:
        if isinstance(e, Person):
            return self.person(e)
        if isinstance(e, City):
            return self.city(e)
        if isinstance(e, Org):
            return self.org(e)
        return self.thing(e)

    def pp(self, prep: str, np: Phrase) -> Phrase:
        adp = leaf(Tok(self.lex[prep], "ADP", ccg=r"((S\NP)\(S\NP))/NP", xpos="IN", deprel="case"))
        if self.prof.sov:
            phrase = combine([(np, None), (adp, "case")], 0)
        else:
            first = np.toks[0]
            if self.prof.fused_prep_article and first.upos == "DET":
                # "in" + "the" as one written word (German im, French au): a CoNLL-U
                # multi-word token, which XTREME's UD conversion collapses.
                adp.toks[0].fused = self.lex[prep][:2] + first.form[-1:]
            phrase = combine([(adp, "case"), (np, None)], 1)
        phrase.tree = node(r"(S\NP)\(S\NP)", 0, adp, np)
        return phrase

    # -- clauses
    def clause(self, c: Clause) -> Phrase:
        lex, sov = self.lex, self.prof.sov
        subj = self.person(c.subj)
        transitive = c.obj is not None
        verb = leaf(
            Tok(
                lex[c.verb],
                "VERB",
                ccg=r"(S[dcl]\NP)/NP" if transitive else r"S[dcl]\NP",
                xpos="VBZ",
            )
        )
        obj = self.entity(c.obj) if c.obj is not None else None
        pp = self.pp(c.prep, self.entity(c.place)) if c.prep and c.place is not None else None
        neg = (
            leaf(Tok(lex["never"], "ADV", ccg=r"(S\NP)/(S\NP)", xpos="RB", deprel="advmod"))
            if c.neg
            else None
        )

        vp_tree = node(r"S[dcl]\NP", 0, verb, obj) if obj else verb.tree
        if pp and not c.front_place:
            vp_tree = node(r"S[dcl]\NP", 0, vp_tree, pp)
        if neg:
            vp_tree = node(r"S[dcl]\NP", 1, neg, vp_tree)
        tree = node("S[dcl]", 1, subj, vp_tree)

        parts: list[tuple[Phrase, str | None]] = []
        if pp and c.front_place:
            comma = punct(",")
            parts += [(pp, "obl"), (comma, "punct")]
            tree = node("S[dcl]", 1, node("S/S", 0, pp, comma), tree)
        parts.append((subj, "nsubj"))
        if sov:
            if pp and not c.front_place:
                parts.append((pp, "obl"))
            if obj:
                parts.append((obj, "obj"))
            if neg:
                parts.append((neg, "advmod"))
            parts.append((verb, None))
        else:
            if neg:
                parts.append((neg, "advmod"))
            parts.append((verb, None))
            if obj:
                parts.append((obj, "obj"))
            if pp and not c.front_place:
                parts.append((pp, "obl"))
        head = next(i for i, (p, _) in enumerate(parts) if p is verb)
        return combine(parts, head, tree)

    def sentence(self, clauses: list[Clause], end: str = ".") -> Phrase:
        """One or more clauses joined by 'and', with final punctuation."""
        first = self.clause(clauses[0])
        parts: list[tuple[Phrase, str | None]] = [(first, None)]
        tree = first.tree
        for c in clauses[1:]:
            conj = leaf(Tok(self.lex["and"], "CCONJ", ccg="conj", xpos="CC", deprel="cc"))
            nxt = self.clause(c)
            nxt_with_cc = combine([(conj, "cc"), (nxt, None)], 1)
            parts.append((nxt_with_cc, "conj"))
            tree = node("S[dcl]", 0, tree, node("S[dcl][conj]", 1, conj, nxt))
        parts.append((punct(end), "punct"))
        return combine(parts, 0, node("S[dcl]", 0, tree, parts[-1][0]))

    # -- questions
    def question(self, q: Question) -> Phrase:
        """A wh-question: English with do-support, other SVO languages with the wh-word
        first and the verb before the subject, SOV languages with the verb last."""
        lex, sov, en = self.lex, self.prof.sov, self.lex.lang == "en"

        def w(concept: str, upos: str, form: str | None = None) -> Phrase:
            return leaf(Tok(form if form is not None else lex[concept], upos))

        about = self.entity(q.about)
        if q.kind == "where_live":
            wh, verb, rest = [w("where", "ADV")], "lives", []
        elif q.kind == "which_company":
            wh, verb, rest = [w("which", "DET"), w("company", "NOUN")], "works", [w("for", "ADP")]
        elif q.kind == "how_many":
            if q.noun is None:
                raise ValueError("a how_many question needs the counted noun")
            noun = w("", "NOUN", lex.plural[q.noun])
            wh, verb, rest = [w("how", "ADV"), w("many", "ADJ"), noun], "has", []
        elif q.kind == "what_sell":
            wh, verb, rest = [w("what", "PRON")], "sells", []
        elif q.kind == "who_works":
            who, works, prep = w("who", "PRON"), w("works", "VERB"), w("for", "ADP")
            order = [who, works, prep, about] if not sov else [who, about, prep, works]
            return self._flat(order, works, end="?")
        else:
            raise ValueError(f"unknown question kind {q.kind!r}")
        if en:
            does, base = w("does", "AUX"), w("", "VERB", lex.base[verb])
            order = [*wh, does, about, base, *rest]
            return self._flat(order, base, end="?")
        verb_tok = w(verb, "VERB")
        if sov:
            order = [about, *wh, *rest, verb_tok]
        else:
            order = [*rest, *wh, verb_tok, about]
        return self._flat(order, verb_tok, end="?")

    def _flat(self, order: list[Phrase], head: Phrase, end: str) -> Phrase:
        rel = {
            "PROPN": "nsubj",
            "NOUN": "obl",
            "ADP": "case",
            "AUX": "aux",
            "PRON": "obj",
            "ADV": "advmod",
            "DET": "det",
            "ADJ": "amod",
            "NUM": "nummod",
        }
        parts = [(p, None if p is head else rel.get(p.toks[p.head].upos, "dep")) for p in order]
        parts.append((punct(end), "punct"))
        index = next(i for i, (p, _) in enumerate(parts) if p is head)
        return combine(parts, index)


# ------------------------------------------------------------------ surface text


def surface(phrase: Phrase) -> list[tuple[str, list[int]]]:
    """Written tokens and, for each, the phrase tokens it covers (fusion applied)."""
    out: list[tuple[str, list[int]]] = []
    i = 0
    while i < len(phrase.toks):
        tok = phrase.toks[i]
        if tok.fused is not None and i + 1 < len(phrase.toks):
            out.append((tok.fused, [i, i + 1]))
            i += 2
        else:
            out.append((tok.form, [i]))
            i += 1
    return out


NO_SPACE_BEFORE = {".", ",", "?"}


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text with punctuation attached to the previous word, and each token's char span."""
    text, spans = "", []
    for k, token in enumerate(tokens):
        if k and token not in NO_SPACE_BEFORE:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
    return text, spans


def text_of(phrase: Phrase) -> str:
    return detokenize([form for form, _ in surface(phrase)])[0]
