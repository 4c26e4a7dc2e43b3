"""Phase 1 of the demo profile: a tiny XLM-R-shaped encoder and a real unigram tokenizer.

Everything is built locally from text on disk, so the demo runs with the hub offline.
The saved folder loads with `AutoModel` / `AutoTokenizer` exactly like `xlm-roberta-large`.

Trap (STACK.md): in transformers 5 passing a sentencepiece file as `vocab_file=` to
XLMRobertaTokenizer is silently ignored and yields a 5-token vocabulary. We therefore train a
sentencepiece unigram model in memory and hand its (piece, score) list to the tokenizer as
`vocab=`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from xstilts.fileio import atomic_folder

SPECIAL_TOKENS: tuple[str, ...] = ("<s>", "<pad>", "</s>", "<unk>")
MASK_TOKEN = "<mask>"


@dataclass(frozen=True)
class TinyModelSpec:
    """Shape of the demo encoder; defaults train a 16x128 batch in ~20 ms on a laptop CPU."""

    vocab_size: int = 2000
    hidden_size: int = 64
    num_layers: int = 4
    num_heads: int = 4
    intermediate_size: int = 128
    max_position: int = 512
    seed: int = 0


def train_unigram_vocab(lines: Iterable[str], vocab_size: int) -> list[tuple[str, float]]:
    """Train a sentencepiece unigram model (as XLM-R's own); return (piece, log-prob) pairs.

    Order follows XLM-R: <s>, <pad>, </s>, <unk>, then the learned pieces, then <mask> last.
    `vocab_size` is an upper bound: a small corpus yields fewer pieces rather than an error.
    """
    import io

    import sentencepiece as spm

    lines = list(_nonempty(lines))
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        unk_id=0,
        num_threads=1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    learned = [
        (sp.id_to_piece(i), float(sp.get_score(i)))
        for i in range(sp.get_piece_size())
        if not sp.is_unknown(i) and not sp.is_control(i)
    ]
    if len(learned) < 2:
        raise ValueError(
            f"unigram training produced only {len(learned)} pieces: the corpus is too small"
        )
    learned += _word_pieces(lines, {p for p, _ in learned}, vocab_size - len(learned))
    return [(t, 0.0) for t in SPECIAL_TOKENS] + learned + [(MASK_TOKEN, 0.0)]


def _word_pieces(
    lines: list[str], known: set[str], room: int, min_count: int = 2
) -> list[tuple[str, float]]:
    """Whole-word pieces ('▁word', log of the word's share of all words) for every word seen
    `min_count` times that sentencepiece left out, most frequent first, at most `room`.

    On the small demo corpus sentencepiece's unigram trainer drops whole-word pieces for many
    words, the most frequent included ('the' became '▁t' 'he', 'never' '▁ne' 've' 'r'), and
    splits the made-up words of non-Latin languages into ~3-5 letters each. A tiny model with
    a few minutes of MLM cannot then learn that a split word means the same as its English
    counterpart (its input embeddings align only for single pieces); with every corpus word
    a single piece the code-switched and parallel lines align words directly. Letters and
    sentencepiece's pieces stay, so unseen words (held-out names) still split into pieces.
    """
    import math
    from collections import Counter

    counts = Counter(
        w for line in lines for w in (t.strip(".,?!") for t in line.split()) if w
    )
    total = sum(counts.values())
    out = []
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(out) >= room or n < min_count:
            break
        if "\u2581" + word not in known:
            out.append(("\u2581" + word, math.log(n / total)))
    return out


def _nonempty(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        line = line.strip()
        if line:
            yield line


def build_tokenizer(lines: Iterable[str], vocab_size: int) -> object:
    """An XLM-R tokenizer (fast, with offsets) over a unigram vocabulary trained on `lines`."""
    from transformers import XLMRobertaTokenizer

    vocab = train_unigram_vocab(lines, vocab_size)
    tokenizer = XLMRobertaTokenizer(vocab=vocab)
    if len(tokenizer) <= len(SPECIAL_TOKENS) + 1:
        raise RuntimeError(
            f"tokenizer has only {len(tokenizer)} tokens: the vocabulary was ignored "
            "(transformers 5 trap, see STACK.md)"
        )
    return tokenizer


def build_tiny_model(corpus: Path | Iterable[str], out_dir: Path, spec: TinyModelSpec) -> Path:
    """Build and save a randomly initialised tiny XLM-R encoder plus tokenizer under `out_dir`.

    `corpus` is a text file (one sentence per line) or an iterable of lines. Returns out_dir.
    """
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaForMaskedLM

    lines = _read_lines(corpus)
    tokenizer = build_tokenizer(lines, spec.vocab_size)
    config = XLMRobertaConfig(
        vocab_size=len(tokenizer),
        hidden_size=spec.hidden_size,
        num_hidden_layers=spec.num_layers,
        num_attention_heads=spec.num_heads,
        intermediate_size=spec.intermediate_size,
        max_position_embeddings=spec.max_position + 2,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        type_vocab_size=1,
    )
    torch.manual_seed(spec.seed)
    model = XLMRobertaForMaskedLM(config)
    out_dir = Path(out_dir)
    # Built in a temporary sibling and swapped in whole: a build killed mid-write must not
    # leave a folder with config.json but no tokenizer files, which AutoTokenizer would load
    # as a quiet 5-token tokenizer.
    with atomic_folder(out_dir) as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        _wrote_model(tmp)
    return out_dir


# Files without which a saved tiny model is not one (checked before an initial model is reused).
MODEL_FILES: tuple[str, ...] = ("config.json", "model.safetensors", "tokenizer.json",
                                "tokenizer_config.json")


def is_complete_model(folder: Path) -> bool:
    """True when `folder` holds a whole saved model and tokenizer (MODEL_FILES)."""
    return all((Path(folder) / name).is_file() for name in MODEL_FILES)


def _wrote_model(tmp: Path) -> None:
    """A seam for the kill test: the model is written, the swap into place not yet done."""


def _read_lines(corpus: Path | Iterable[str]) -> list[str]:
    if isinstance(corpus, str | Path):
        path = Path(corpus)
        if not path.is_file():
            raise FileNotFoundError(f"tiny-model corpus not found: {path}")
        return path.read_text(encoding="utf-8").splitlines()
    return list(corpus)
