# SPDX-License-Identifier: GPL-2.0
"""YAML spec -> plain values plus positions, and the one entry point ``load_system``.

The YAML is read with ``yaml.compose`` so every node keeps its mark (0-based; we add 1).  Values
are built here, not by PyYAML's constructor: duplicate keys are errors, ints accept hex and '_'
but never octal, and only true/false are booleans (YAML 1.1 would turn 'no' into False).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..diag import Diagnostic, DiagnosticError, Note, Pos
from .units import parse_int_text

_TAG = "tag:yaml.org,2002:"


@dataclass
class Loaded:
    """The value tree of a spec and where each part of it was written."""
    file: str
    values: object
    positions: dict[str, Pos] = field(default_factory=dict)      # key path -> value position
    key_positions: dict[str, Pos] = field(default_factory=dict)  # key path -> key position
    diags: list[Diagnostic] = field(default_factory=list)        # duplicate keys etc.


def join(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _pos(file: str, mark) -> Pos:
    return Pos(file, mark.line + 1, mark.column + 1)


def _scalar(node: yaml.ScalarNode):
    text = node.value
    if node.style:                      # quoted or block scalar: always a string
        return text
    tag = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else ""
    if tag == "null":
        return None
    if tag == "bool":
        return {"true": True, "false": False}.get(text.lower(), text)
    if tag == "int":
        try:
            return parse_int_text(text)
        except ValueError:
            return text
    if tag == "float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text


class _Builder:
    def __init__(self, file: str):
        self.out = Loaded(file, None)

    def build(self, node, path: str):
        self.out.positions[path] = _pos(self.out.file, node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, join(path, i)) for i, item in enumerate(node.value)]
        return self._mapping(node, path)

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key_pos = _pos(self.out.file, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.out.diags.append(Diagnostic(key_pos, path, "a key must be a plain word",
                                                 "write 'name: value'"))
                continue
            key = key_node.value
            sub = join(path, key)
            if key in result:
                self.out.diags.append(Diagnostic(
                    key_pos, sub, f"duplicate key '{key}'", "remove one of them",
                    (Note(self.out.key_positions[sub], f"'{key}' is first set here"),)))
                continue
            self.out.key_positions[sub] = key_pos
            result[key] = self.build(value_node, sub)
        return result


# PyYAML's words for the usual mistakes -> ours (what, fix); anything else is shown as PyYAML says it.
_PROBLEMS = [
    ("expected <block end>, but found '<block mapping start>'",
     ("this line is indented differently from the lines above it", "indent it like the keys next to it")),
    ("expected <block end>, but found '-'",
     ("a list item here is indented differently from the items above it", "indent it like the items next to it")),
    ("mapping values are not allowed here",
     ("unexpected ':'", "put 'key: value' on its own line, or quote a value that contains ': '")),
    ("found character '\\t' that cannot start any token", ("a tab character", "indent with spaces")),
    ("expected ',' or ']', but got", ("the '[' list is not closed", "add the missing ']' (or ',')")),
    ("expected ',' or '}', but got", ("the '{' mapping is not closed", "add the missing '}' (or ',')")),
    ("found unexpected end of stream", ("the quoted text is not closed", "add the closing quote")),
]
_CONTEXTS = {
    "while parsing a block collection": "the list this line belongs to starts here",
    "while parsing a block mapping": "the mapping this line belongs to starts here",
    "while parsing a flow sequence": "the '[' opens here",
    "while parsing a flow mapping": "the '{' opens here",
    "while scanning a quoted scalar": "the quote opens here",
}


def _explain(problem: str) -> tuple[str, str]:
    for start, words in _PROBLEMS:
        if problem.startswith(start):
            return words
    return problem, "fix the YAML syntax"


def load_yaml(spec_file: str) -> Loaded:
    """Read ``spec_file`` into values and positions; raise DiagnosticError if it cannot be read."""
    try:
        with open(spec_file, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise DiagnosticError([Diagnostic(Pos(spec_file, 1, 1), "",
                                          f"cannot read the spec: {e.strerror}",
                                          "check the --spec path")]) from None
    except UnicodeDecodeError as e:
        raise DiagnosticError([Diagnostic(Pos(spec_file, 1, 1), "",
                                          f"the spec is not UTF-8 text ({e.reason})")]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        pos = _pos(spec_file, mark) if mark else Pos(spec_file, 1, 1)
        what, fix = _explain(e.problem or e.context or "")
        notes = ()
        if e.context and e.context_mark and e.problem:
            notes = (Note(_pos(spec_file, e.context_mark), _CONTEXTS.get(e.context, e.context)),)
        raise DiagnosticError([Diagnostic(pos, "", f"YAML syntax error: {what}", fix, notes)]) from None
    except yaml.YAMLError as e:
        raise DiagnosticError([Diagnostic(Pos(spec_file, 1, 1), "", f"YAML error: {e}")]) from None
    if root is None:
        raise DiagnosticError([Diagnostic(Pos(spec_file, 1, 1), "", "the spec is empty",
                                          "start from configs/qemu-virt.yaml")])
    builder = _Builder(spec_file)
    builder.out.values = builder.build(root, "")
    return builder.out


def load_system(spec_file: str):
    """Spec file -> checked-for-shape ``System``; raise DiagnosticError with every finding."""
    from .resolve import resolve
    from .validate import validate

    loaded = load_yaml(spec_file)
    diags = loaded.diags + validate(loaded)
    if diags:
        raise DiagnosticError(diags)
    return resolve(loaded)
