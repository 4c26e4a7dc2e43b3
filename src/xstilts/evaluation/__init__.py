"""Phase 3's zero-shot evaluation: logits → XTREME predictions, retrieval, leaderboard files.

- `layout`: where files go (`<root>/<task>/<split>-<lang>.<ext>`) and atomic writes.
- `writers` / `gold`: prediction and gold-label files in XTREME's formats.
- `classification`, `span`, `tagging`: postprocessing of per-feature logits.
- `embedding`, `knn`, `tatoeba`, `bucc`, `retrieval`: BUCC and Tatoeba straight from an encoder.

Nothing here computes a metric; `xstilts.scoring` reads the files written here.
"""
