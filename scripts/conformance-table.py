#!/usr/bin/env python3
"""Prints docs/conformance.md's table from a TRX of tests/Relief.Service.Tests (the requirement numbers are in
the test names). Usage: dotnet test tests/Relief.Service.Tests --logger "trx;LogFileName=s.trx" --results-directory R
then scripts/conformance-table.py R/s.trx"""
import re
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
rows = {}
for result in root.iterfind(".//t:UnitTestResult", ns):
    name = result.get("testName")
    cls, _, method = name.rpartition(".")
    cls = cls.rsplit(".", 1)[-1]
    base = method.split("(")[0]
    key = (cls, base)
    outcome = result.get("outcome")
    previous = rows.get(key)
    rows[key] = outcome if previous in (None, outcome) else "Failed"
for (cls, method), outcome in sorted(rows.items()):
    reqs = re.findall(r"(?:Req|CdsResp|CdsR)(\d+(?:_\d+)*)", method)
    label = method
    if method.startswith(("Req", "CdsResp", "CdsR")):
        head = re.match(r"((?:(?:Req|CdsResp|CdsR)?\d+_)+)", method)
        ids = head.group(1).strip("_") if head else ""
        label = method[len(head.group(1)):] if head else method
        ids = ids.replace("Req", "").replace("CdsResp", "cds-resp-").replace("CdsR", "cds-r-").replace("_", ", ")
    else:
        ids = ""
    print(f"| {ids} | {cls}.{label.replace('_', ' ')} | {'pass' if outcome == 'Passed' else outcome.lower()} |")
