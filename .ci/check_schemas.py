#!/usr/bin/env python3
"""Checks the committed JSON Schemas with Python's `jsonschema`, as programs in other languages
will use them: each schema is a valid draft 2020-12 schema, every built-in data file validates
against the schema its `$schema` key names, and a few bad documents are rejected."""
import copy
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
failures = 0
schemas = {}
for path in sorted((root / "schemas").glob("*.schema.json")):
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    schemas[path.resolve()] = jsonschema.Draft202012Validator(schema)

# NIST's own CPRT exports (*.cprt.json) have no ctrlmap schema: the fixtures step checks them
# against the shared reference.
data_files = [p for p in sorted(root.glob("crates/*/data/*.json")) + sorted(root.glob("data/mappings/*.json"))
              if not p.name.endswith(".cprt.json")]
for path in data_files:
    doc = json.loads(path.read_text(encoding="utf-8"))
    target = (path.parent / doc["$schema"]).resolve()
    errors = list(schemas[target].iter_errors(doc))
    for e in errors:
        print(f"{path.relative_to(root)}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failures += len(errors)

catalog = schemas[(root / "schemas/catalog.schema.json").resolve()]
good = {"framework": {"id": "demo", "name": "D", "version": "1", "publisher": "P",
                      "licence": {"kind": "public_domain"}},
        "nodes": [{"id": "A", "kind": "category", "title": "A"}]}
assert catalog.is_valid(good)
for path, value in [(("framework", "id"), "Demo"), (("nodes", 0, "id"), "A 1"),
                    (("nodes", 0, "id"), "A\ufeff"), (("nodes", 0, "kind"), "chapter"),
                    (("framework", "published"), "2013-13")]:
    bad = copy.deepcopy(good)
    target = bad
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    if catalog.is_valid(bad):
        print(f"catalog schema accepted {path} = {value!r}")
        failures += 1

print(f"python jsonschema: {len(schemas)} schemas, {len(data_files)} data files checked")
print("python jsonschema: " + ("all checks passed" if not failures else f"{failures} problems"))
sys.exit(1 if failures else 0)
