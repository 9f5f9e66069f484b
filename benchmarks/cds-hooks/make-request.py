#!/usr/bin/env python3
"""Turns a FHIR R4 bundle (a Synthea record) into a CDS Hooks patient-view request whose prefetch holds the
whole record: Relief's keys for the types it reads, and every other resource under one extra key (as an EHR
that sends more than asked would). urn:uuid references to the patient become Patient/<id>, as a FHIR server
would answer. Usage: make-request.py BUNDLE OUT.json"""
import json
import sys

READ = {"Condition": "conditions", "MedicationRequest": "medicationRequests", "MedicationStatement": "medicationStatements",
        "Immunization": "immunizations", "AllergyIntolerance": "allergies"}

bundle = json.load(open(sys.argv[1]))
patient = next(e for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
text = json.dumps(bundle)
if patient.get("fullUrl", "").startswith("urn:"):
    text = text.replace(patient["fullUrl"], "Patient/" + patient["resource"]["id"])
resources = [e["resource"] for e in json.loads(text)["entry"]]


def searchset(items):
    return {"resourceType": "Bundle", "type": "searchset",
            "entry": [{"fullUrl": "https://ehr.example/fhir/%s/%s" % (r["resourceType"], r["id"]), "resource": r} for r in items]}


def survey(r):
    return any(c.get("code") == "survey" for cc in r.get("category", []) for c in cc.get("coding", []))


prefetch = {"patient": next(r for r in resources if r["resourceType"] == "Patient")}
for rtype, key in READ.items():
    prefetch[key] = searchset([r for r in resources if r["resourceType"] == rtype])
prefetch["observationsLaboratory"] = searchset([r for r in resources if r["resourceType"] == "Observation" and not survey(r)])
prefetch["observationsSurvey"] = searchset([r for r in resources if r["resourceType"] == "Observation" and survey(r)])
prefetch["rest"] = searchset([r for r in resources if r["resourceType"] not in READ and r["resourceType"] not in ("Observation", "Patient")])
request = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
           "context": {"userId": "Practitioner/bench", "patientId": prefetch["patient"]["id"]}, "prefetch": prefetch}
json.dump(request, open(sys.argv[2], "w"), separators=(",", ":"))
