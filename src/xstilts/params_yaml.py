"""Reading a params file's YAML strictly: what PyYAML accepts silently is an error here.

PyYAML keeps the last of two equal keys (an edited copy of a section silently wins), reads an
empty file as "no settings" (every default: a valid paper run from a truncated file), and
expands aliases without bound (a small "billion laughs" file becomes gigabytes once printed).
Each of these is reported with the file's line so the user can fix the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# Nodes a params file may expand to once aliases are followed; the real profiles have a few
# hundred, a YAML alias bomb billions.
MAX_NODES = 100_000


class ParamsYamlError(ValueError):
    """One line: `(file)` or `line N`, what is wrong, what is allowed."""


class _StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise ParamsYamlError(
                    f"line {line}: key {key!r} appears twice in one mapping (first at line "
                    f"{seen[key]}); allowed: each key once (YAML would silently keep the last)"
                )
            seen.setdefault(key, line)
        return super().construct_mapping(node, deep=deep)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Nodes in the document once every alias is expanded (aliases share node objects)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1  # a recursive alias counts once instead of looping
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    else:
        size = 1
    memo[id(node)] = min(size, MAX_NODES + 1)
    return memo[id(node)]


def read_params_yaml(path: Path) -> Any:
    """The parsed document of `path`; raises ParamsYamlError for a file that is not a strict,
    non-empty UTF-8 YAML document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParamsYamlError(f"(file): cannot read {path} ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParamsYamlError(
            f"line {line}: not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "allowed: a UTF-8 text file (re-save it as UTF-8)"
        ) from None
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ParamsYamlError(
            "(file): the file is empty (a truncated copy?); allowed: a YAML mapping of "
            "sections (start from params.yaml or demo/params.yaml)"
        )
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, {}) > MAX_NODES:
            raise ParamsYamlError(
                f"(file): the YAML aliases expand to more than {MAX_NODES} values; allowed: a "
                "plain params file (anchors and aliases only for small repeated sections)"
            )
        return None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ParamsYamlError(f"(file): not valid YAML: {exc}".replace("\n", " ")) from None
    finally:
        loader.dispose()
