"""The protocol notes of the report: where each target's model is chosen (from the registry)
and every protocol choice that is a replication default rather than a fact from the paper.
REPRODUCE.md §6 lists the same (tests/analysis/test_protocol_notes.py keeps them in step)."""

from __future__ import annotations

from xstilts.analysis.tables import selection_sets

REPLICATION_DEFAULTS: tuple[tuple[str, str], ...] = (
    ("hyperparameters", "jiant's X-STILTs defaults (lr 1e-5, batch 4 intermediate / 32 target, "
     "16 for QA, epochs per target task): the paper's own values were not recovered"),
    ("early stopping", "jiant's: every 1000 steps on 500 examples of the target's selection "
     "set, patience 30, best weights reloaded"),
    ("selection sets", "where the paper says only 'chosen on dev': English dev sets, SQuAD v1.1 "
     "dev for XQuAD and MLQA, a seeded 10% of English TyDiQA GoldP train held out of training, "
     "the BUCC sample data; nothing for Tatoeba, whose best-model composite uses the baseline"),
    ("one SQuAD fine-tune", "XQuAD and MLQA are scored from one SQuAD v1.1 checkpoint per run "
     "(target@<run>-squad), as the protocol has one SQuAD model"),
    ("dev-set tables", "XQuAD, TyDiQA and Tatoeba publish no dev set; their 'dev' columns "
     "(the paper's dev-set claims) read XTREME's test files and are never used for a choice"),
    ("SQuAD version", "v1.1 as the intermediate task (v1.1 or v2.0 is not stated)"),
    ("ANLI", "ANLI R1-R3 trained together with MNLI and SNLI (jiant), evaluated on ANLI"),
    ("Cosmos QA", "context and question as the first segment, each answer as the second (jiant)"),
    ("retrieval", "mean-pooled hidden state 14 of 24 (jiant); BUCC threshold tuned on the sample "
     "data"),
    ("MLM ablation", "Leipzig Wikipedia sentences as the multilingual corpus; co-training ratio "
     "0.5 (the paper's corpus and ratio are unknown)"),
    ("translated ablation", "XNLI-MT's machine-translated MNLI (the paper's MT system is "
     "unknown)"),
    ("pretrained model", "xlm-roberta-large at the hub commit in base.revision, resolved and "
     "recorded by the pretrain stage"),
)


def selection_notes() -> list[tuple[str, str]]:
    """(target, where its model is chosen and why) in XTREME's task order."""
    from xstilts.tasks.registry import get_task

    out = []
    for target, where in selection_sets().items():
        spec = get_task(target)
        if spec.selection is None:
            out.append((target, f"nothing is selected: {spec.notes}"))
        else:
            out.append((target, f"{where}: {spec.selection.reason}"))
    return out


def protocol_lines() -> list[str]:
    """The report's `Protocol notes` section (markdown lines)."""
    lines = ["## Protocol notes", "",
             "Model selection (early stopping and the best intermediate model per target) reads "
             "only these sets, never a target's test files:", ""]
    lines += [f"- **{t}**: {note}" for t, note in selection_notes()]
    lines += ["", "Replication defaults (choices of this artifact, not facts from the paper):", ""]
    lines += [f"- **{name}**: {text}" for name, text in REPLICATION_DEFAULTS]
    return lines + [""]
