#!/usr/bin/env python3
"""Writes tests/fixtures/responses-5000.csv: 5,000 made-up consultation responses to
Hampshire's options (as a consultation platform exports them: semicolons, a byte order
mark, CRLF, quoted free text), some with bad links of every kind, and beside it
responses-5000.expected.json: the row number and reason of every bad row. Seeded, so it
writes the same files every time: python3 scripts/make-responses.py"""
import json
import random

random.seed(20171)
data = json.load(open("data/hampshire.json"))
years = [y[:4] for y in data["years"]]
options = data["options"]
groups = ["resident"] * 70 + ["business"] * 10 + ["staff"] * 14 + ["organisation"] * 5 + ["councillor"]
districts = ["SO23", "SO50", "GU14", "PO9", "RG21", "SP10", "BH25"]

def good_link():
    parts = []
    if random.random() < 0.5:
        t = random.randrange(len(years))
        parts.append(f"c{years[t]}_{random.choice(['0', '1', '1.5', '2', '2.99', '3.5'])}")
    for o in options:
        if random.random() < 0.45:
            level = random.choice(o["levels"])["id"]
            if level != o["plan_level"]:
                parts.append(f"o{o['id']}_{level}")
    if random.random() < 0.05:
        parts.append("r_0")
    if not parts:
        return ""  # the plan: a link of nothing
    body = "~".join(parts)
    style = random.random()
    if style < 0.3:
        return f"https://consult.hants.example/budget/index.html?embed=1#s2.{body}"
    if style < 0.9:
        return f"#s2.{body}"
    return f"s2.{body}"

BAD = [
    ("", "no link"),
    ("#s9.c2020_1", "different version"),
    ("#s2.c2020_2~~", "missing or damaged"),
    ("#s2.c2020_two", "not a number"),
    ("#s2.obins_weekly", "not in the council's plan"),
    ("#s2.ouniversal-services_double", "outside what the calculator allows"),
    ("#s2.c2020_250", "outside what the calculator allows"),
    ("I think the council should keep the libraries open", "not a link"),
    ("#s2.c2020_1~c2020_2", "same choice twice"),
]

rows = [["response_id", "submitted", "respondent_type", "postcode_district", "comments", "calculator_link"]]
expected = []
for i in range(5000):
    row_number = i + 2
    link = good_link()
    if link == "":
        link = "#s2.r_0"
    if random.random() < 0.03:
        link, reason = random.choice(BAD)
        expected.append({"row": row_number, "reason": reason})
    comment = random.choice(["", "Keep the buses", 'Said "no" to charges', "Protect care; raise tax", "line one\nline two"])
    rows.append([f"R{i + 1:05d}", f"2017-0{random.randint(7, 9)}-{random.randint(10, 28)}", random.choice(groups), random.choice(districts), comment, link])
# A row with too few columns.
rows.append(["R05001", "2017-09-30", "resident"])
expected.append({"row": len(rows), "reason": "fewer columns than the header"})

def cell(v):
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in ';"\n') else v

with open("tests/fixtures/responses-5000.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + "\r\n".join(";".join(cell(v) for v in r) for r in rows).encode() + b"\r\n")
json.dump({"rows": len(rows) - 1, "bad": expected}, open("tests/fixtures/responses-5000.expected.json", "w"), indent=1)
