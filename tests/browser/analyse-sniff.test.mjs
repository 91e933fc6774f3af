// How the analysis worker reads an export before the engine does (www/analyse/sniff.js),
// in Node: the kind of file, a CSV header and the link column as `mtfs analyse` finds
// them, JSON items' links and groups as the command line reads them, and JSON lines split
// across pieces as Rust's `str::lines` splits the whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { delimiter, detectLink, fieldsOf, firstArrayItem, firstLine, fragmentOf, groupOf, kindOf, lineSplitter, records } from "../../www/analyse/sniff.js";

test("the kind of file, from its first characters", () => {
  assert.equal(kindOf("id,link\n1,#s2.x"), "csv");
  assert.equal(kindOf("  \n[{\"fragment\": \"#s2.x\"}]"), "json");
  assert.equal(kindOf('{"fragment": "#s2.x"}\n{"fragment": "#s2.y"}'), "jsonl");
  assert.equal(kindOf('\uFEFF{"fragment": "#s2.x"}'), "jsonl");
});

test("a CSV header and first row: semicolons or commas outside quotes, a byte order mark, CRLF, quoted line breaks", () => {
  assert.equal(delimiter('a;b;"c,d,e"'), ";");
  assert.equal(delimiter("a,b;c"), ",");
  const small = readFileSync(new URL("../fixtures/responses-small.csv", import.meta.url), "utf8");
  const [header, first] = records(small, 2);
  assert.deepEqual(header, ["id", "respondent", "postcode", "scenario link"]);
  assert.deepEqual(first, ["r1", "resident", "SO23", "https://consult.example/budget/index.html?embed=1#s2.oroads-cut_reduce"]);
  assert.deepEqual(records('a,b\r\n"x\ny","z ""q"""\r\n', 2), [["a", "b"], ["x\ny", 'z "q"']]);
  // A record cut off by the end of what was read is left out, unless that is the whole file.
  assert.deepEqual(records("a,b\n1,2", 2), [["a", "b"]]);
  assert.deepEqual(records("a,b\n1,2", 2, true), [["a", "b"], ["1", "2"]]);
});

test("the link column the engine would take: the first holding a link, else one named for it", () => {
  assert.equal(detectLink(["id", "respondent", "postcode", "scenario link"], ["r1", "x", "y", "https://a.example/#s2.c2020_1"]), "scenario link");
  assert.equal(detectLink(["link", "answer"], ["", "s1.c2020_2"]), "answer");
  assert.equal(detectLink(["id", "Calculator Fragment"], ["1", ""]), "Calculator Fragment");
  assert.equal(detectLink(["id", "answer"], ["1", "yes"]), null);
});

test("JSON items: the link and the group as the command line reads them", () => {
  assert.equal(fragmentOf("#s2.x"), "#s2.x");
  assert.equal(fragmentOf({ fragment: "#s2.x", link: "https://a/#s2.y" }), "#s2.x");
  assert.equal(fragmentOf({ fragment: 3, link: "https://a/#s2.y" }), "https://a/#s2.y");
  assert.equal(fragmentOf(null), "");
  assert.equal(fragmentOf(["#s2.x"]), "");
  assert.equal(groupOf({ type: "resident" }, "type"), "resident");
  assert.equal(groupOf({ age: 30 }, "age"), "30");
  assert.equal(groupOf({ age: null }, "age"), "null");
  assert.equal(groupOf({ other: 1 }, "age"), null);
  assert.equal(groupOf("#s2.x", "age"), null);
  assert.deepEqual(fieldsOf(firstArrayItem('[ {"fragment": "#s2.x", "group": "a"}, {"frag')), ["fragment", "group"]);
  assert.equal(firstArrayItem('["#s2.x", "#s2.y"]'), "#s2.x");
  assert.deepEqual(fieldsOf(firstLine('\n{"link": "x", "type": "b"}\n{"cut')), ["link", "type"]);
});

test("JSON lines in pieces split as the whole would be: CRLF, blank lines left out, the last line without an end", () => {
  const text = '{"a":1}\r\n\n  \n{"b":2}\n{"c":3}';
  const whole = [];
  const all = lineSplitter((l) => whole.push(l));
  all.push(text);
  all.finish();
  assert.deepEqual(whole, ['{"a":1}', '{"b":2}', '{"c":3}']);
  for (let size = 1; size < text.length; size += 1) {
    const got = [];
    const lines = lineSplitter((l) => got.push(l));
    for (let i = 0; i < text.length; i += size) lines.push(text.slice(i, i + size));
    lines.finish();
    assert.deepEqual(got, whole, `pieces of ${size}`);
  }
});
