#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the JSON Schemas of docs/schema/ (the documents the C ABI takes and answers)
against the sample data (examples/data), the test fixtures (tests/fixtures, the fuzzers'
seed documents) and the documents a whole store's life sends and receives through the C
ABI (written by `tally_fault_sweep --answers DIR`). Also holds each input schema to a
document it must refuse, so a schema that accepts anything fails here.

usage: check_schemas.py SOURCE_DIR ANSWERS_DIR"""

import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("schemas: the Python package jsonschema is missing: apt-get install python3-jsonschema "
             "(scripts/setup.sh --tests does)")

source, answers = sys.argv[1], sys.argv[2]
schema_dir = os.path.join(source, "docs", "schema")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


schemas = {}
for path in sorted(glob.glob(os.path.join(schema_dir, "*.schema.json"))):
    schema = load(path)
    name = os.path.basename(path)[: -len(".schema.json")]
    if schema.get("$id") != "urn:tally:schema:" + name:
        sys.exit(f"schemas: {path}: $id must be urn:tally:schema:{name}")
    jsonschema.Draft202012Validator.check_schema(schema)
    schemas[name] = schema


def validator(name):
    try:  # jsonschema >= 4.18 resolves references through `referencing`
        from referencing import Registry, Resource

        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values())
        return jsonschema.Draft202012Validator(schemas[name], registry=registry)
    except ImportError:  # Debian 12's 4.10
        resolver = jsonschema.RefResolver("", schemas[name], store={s["$id"]: s for s in schemas.values()})
        return jsonschema.Draft202012Validator(schemas[name], resolver=resolver)


validators = {name: validator(name) for name in schemas}
failures = []
used = set()


def check(name, document, where):
    if name not in validators:
        failures.append(f"{where}: no schema named {name}")
        return
    used.add(name)
    for error in validators[name].iter_errors(document):
        path = "/".join(str(p) for p in error.absolute_path)
        failures.append(f"{where}: not a {name} at /{path}: {error.message[:200]}")


checked = 0


def each(name, documents, where):
    global checked
    for i, document in enumerate(documents):
        check(name, document, f"{where}[{i}]")
        checked += 1


# The sample data of the demo.
data = os.path.join(source, "examples", "data")
each("catalog", [load(os.path.join(data, "catalog.json"))], "examples/data/catalog.json")
stores = load(os.path.join(data, "stores.json"))
for key, name in [("locations", "location"), ("enrollments", "enrollment"), ("customers", "customer"),
                  ("auto_enrollments", "auto_enrollment")]:
    each(name, stores[key], f"examples/data/stores.json {key}")

# The fixtures: a migrated store's answers, and the fuzzers' seed documents.
fixture = load(os.path.join(source, "tests", "fixtures", "format1-demo.answers.json"))
each("catalog", [fixture["catalog"]], "format1-demo.answers.json catalog")
each("catalog", [load(os.path.join(source, "tests", "fixtures", "points-catalog.json"))], "points-catalog.json")
each("catalog", [load(os.path.join(source, "tests", "fixtures", "custom-modes-catalog.json"))], "custom-modes-catalog.json")
each("location", [entry["location"] for entry in fixture["locations"]], "format1-demo.answers.json locations")
each("enrollments", [entry["enrollments"] for entry in fixture["locations"]], "format1-demo.answers.json enrollments")
each("journal", [fixture["journal"]], "format1-demo.answers.json journal")
each("checkout_result", fixture["receipts"], "format1-demo.answers.json receipts")
for key, name in [("customer", "customer"), ("cards", "cards"), ("all_cards", "cards")]:
    each(name, [entry[key] for entry in fixture["customers"].values()], f"format1-demo.answers.json customers {key}")
each("rewards", [r for entry in fixture["customers"].values() for r in entry["rewards"].values()],
     "format1-demo.answers.json customers rewards")
each("credit_lines", [fixture["credit_lines"]] + list(fixture["credit_lines_by_state"].values()),
     "format1-demo.answers.json credit_lines")
each("batches", [fixture["batches"]], "format1-demo.answers.json batches")
corpus = os.path.join(source, "tests", "fuzz", "corpus")
for folder, name in [("checkout", "visit"), ("add_line", "sale_line"), ("adoption", "adoption_request"),
                     ("return", "return_request")]:
    for path in sorted(glob.glob(os.path.join(corpus, folder, "*.json"))):
        each(name, [load(path)], os.path.relpath(path, source))

# A store's whole life through the C ABI.
written = sorted(glob.glob(os.path.join(answers, "*.json")))
if len(written) < 50:
    failures.append(f"{answers}: {len(written)} documents; tally_fault_sweep --answers writes more")
for path in written:
    entry = load(path)
    each(entry["schema"], [entry["document"]], os.path.basename(path))

# Each input schema refuses what the library refuses.
refused = {
    "visit": {"location": "raleigh", "customer": "C1001", "receipt": "r", "at": 1793631600,
              "lines": [{"upc": "084213101044", "quantity": "2", "unit_price": 1899}]},
    "sale_line": {"upc": "084213101044", "quantity": 10001, "unit_price": 1899},
    "catalog": {"programs": [{"id": "p", "name": "P", "kind": "frequent_buyer", "cards": [{"id": "c", "buyn": 10}]}]},
    "location": {"id": "va", "name": "Richmond", "state": "Virginia", "time_zone": "America/New_York"},
    "enrollment": {"location": "va", "program": "p", "status": "maybe"},
    "customer": {"id": "C1", "first_name": "A", "nickname": "B"},
    "adoption_request": {"species": "dog", "adoption_date": "1 November", "source": "shelter", "upcs": []},
    "return_request": {"location": "va", "receipt": "r", "line": -1, "quantity": 1, "return_id": "x", "at": 0},
    "report_query": {"location": "va", "format": "xml"},
    "actor": {"role": "king"},
    "credit_memo": {"number": "CM-1", "amount": 1.5},
    "auto_enrollment": {"id": "r", "locations": "va", "manufacturer": "acme"},
    "engine_options": {"synchronous": "sometimes"},
    "checkout_result": {"receipt": "r"},
    "voucher_issue": {"program": "p", "location": "va", "ids": ["V1"], "count": 1, "expires": "2026-12-31"},
    "coupon_issue": {"manufacturer": "acme", "kind": "birthday", "value": 100, "starts_on": "2026-11-01",
                     "ends_on": "2026-11-30", "customers": ["C1"]},
}
for name, document in refused.items():
    used.add(name)
    if name in validators and validators[name].is_valid(document):
        failures.append(f"the {name} schema takes a document the library refuses: {json.dumps(document)}")

unused = sorted(set(schemas) - used - {"common"})
if unused:
    failures.append("schemas no document was checked against: " + ", ".join(unused))
for failure in failures[:40]:
    print("schemas:", failure)
print(f"schemas: {len(schemas)} schemas, {checked} documents checked, {len(refused)} refusals: "
      + ("FAILED" if failures else "ok"))
sys.exit(1 if failures else 0)
