# SPDX-License-Identifier: GPL-2.0
"""Check the shape of a spec's value tree against schema.json; every finding, in human words."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import jsonschema

from ..diag import Diagnostic, did_you_mean
from .load import Loaded, join
from .units import parse_duration, parse_number, parse_size

SCHEMA_PATH = Path(__file__).with_name("schema.json")

_TYPE_WORDS = {"integer": "an integer", "string": "a string", "object": "a mapping",
               "array": "a list", "boolean": "true or false", "number": "a number", "null": "nothing"}


@functools.lru_cache(maxsize=1)
def _validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    formats = jsonschema.FormatChecker(formats=())
    for name, parse in (("size", parse_size), ("duration", parse_duration), ("number", parse_number)):
        # strings only: a wrong type is the 'type' keyword's finding
        formats.checks(name, raises=ValueError)(lambda v, parse=parse: not isinstance(v, str) or parse(v) >= 0)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=formats)


def describe(value) -> str:
    """A value as a message quotes it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _key_path(error) -> str:
    path = ""
    for part in error.absolute_path:
        path = join(path, part)
    return path


def _expected(schema: dict) -> str:
    if "x-kind" in schema:
        kind = schema["x-kind"]
        return kind if kind.startswith(("a ", "an ")) else ("an " if kind[0] in "aeiou" else "a ") + kind
    types = schema.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    return " or ".join(_TYPE_WORDS.get(t, t) for t in types)


def _split(message: str) -> tuple[str, str]:
    what, _, fix = message.partition("; ")
    return what, fix


def _findings(error, loaded: Loaded) -> list[Diagnostic]:
    path = _key_path(error)
    pos = loaded.positions.get(path)
    schema, value, kind = error.schema, error.instance, error.validator

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        out = []
        for key in value:
            if key in allowed:
                continue
            sub = join(path, key)
            hint = did_you_mean(str(key), allowed)
            fix = f"{hint} (allowed: {', '.join(allowed)})" if hint else f"allowed keys: {', '.join(allowed)}"
            out.append(Diagnostic(loaded.key_positions.get(sub, pos), sub, f"unknown key '{key}'", fix))
        return out
    if kind == "required":
        allowed = list(schema.get("properties", {}))
        misspelt = {did_you_mean(str(k), allowed)[len("did you mean '"):-2] for k in value if k not in allowed}
        out = []
        for key in error.validator_value:
            if key not in value and key not in misspelt:   # 'vpcus' already says "did you mean 'vcpus'"
                example = schema.get("properties", {}).get(key, {}).get("x-example")
                fix = f"add '{example}'" if example else f"add '{key}:'"
                out.append(Diagnostic(pos, path, f"missing required key '{key}'", fix))
        return out
    if kind == "type":
        return [Diagnostic(pos, path, f"expected {_expected(schema)}, got {describe(value)}")]
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        hint = did_you_mean(str(value), allowed)
        fix = f"{hint} (allowed: {', '.join(allowed)})" if hint else f"use one of: {', '.join(allowed)}"
        return [Diagnostic(pos, path, f"unknown value {describe(value)}", fix)]
    if kind == "pattern":
        return [Diagnostic(pos, path, f"invalid {schema.get('x-kind', 'value')} {describe(value)}",
                           f"use {schema['x-rule']}" if "x-rule" in schema else "")]
    if kind == "format":
        what, fix = _split(str(error.cause) if error.cause else f"invalid {describe(value)}")
        return [Diagnostic(pos, path, what, fix)]
    if kind == "minimum":
        return [Diagnostic(pos, path, f"must be at least {error.validator_value}, got {describe(value)}")]
    if kind in ("minItems", "maxItems"):
        n = error.validator_value
        exact = schema.get("minItems") == schema.get("maxItems")
        bound = "exactly" if exact else ("at least" if kind == "minItems" else "at most")
        what = f"expected {bound} {n} item{'s' if n != 1 else ''}, got {len(value)}"
        example = schema.get("x-example")
        return [Diagnostic(pos, path, what, f"write e.g. '{example}'" if example else "")]
    if kind == "uniqueItems":
        return [Diagnostic(pos, path, "an item is listed twice", "list each item once")]
    return [Diagnostic(pos, path, error.message)]


def validate(loaded: Loaded) -> list[Diagnostic]:
    """Every shape error of the spec (unknown and missing keys, types, enums, units, names)."""
    diags: list[Diagnostic] = []
    for error in _validator().iter_errors(loaded.values):
        diags.extend(_findings(error, loaded))
    return diags
