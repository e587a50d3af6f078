// The LanceDB side of quarry-bench's lancedb peer (io.quarry.bench.peer.LanceDbPeer).
//
//   node peer.mjs      (after `npm ci` in this directory)
//
// One JSON request per line on stdin, one answer per line on stdout (io.quarry.bench.peer.PeerProcess):
//   {"op": "index", "dir", "passages", "vectors", "dimension"}   -> {"ok", "passages", "ms"}
//   {"op": "search", "leg": "vector"|"fts"|"hybrid", "text", "k", "vector"?}
//                                                     -> {"ok", "hits": [[doc, score]], "ms"}
//   {"op": "version"}                                 -> {"ok", "version"}
// The table holds one row per passage (doc, ord, text, vector), Quarry's own vectors. No vector
// index is built: on a table this size LanceDB's default is a flat (exact) scan. The full-text
// index is LanceDB's BM25 FTS with English stemming and stop words. Hybrid is its vector and
// full-text searches fused by its RRFReranker. A search fetches 3k passages and keeps each
// document's first, up to k documents. "ms" is the search alone, timed here.

import * as lancedb from "@lancedb/lancedb";
import * as arrow from "apache-arrow";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const VERSION = JSON.parse(readFileSync(new URL("./node_modules/@lancedb/lancedb/package.json", import.meta.url), "utf8")).version;
let table = null;
let rrf = null;

function loadPassages(passagesFile, vectorsFile, dimension) {
  const lines = readFileSync(passagesFile, "utf8").split("\n").filter((l) => l.length > 0);
  const bytes = readFileSync(vectorsFile);
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (floats.length !== lines.length * dimension) {
    throw new Error(`${lines.length} passages but ${floats.length} floats (dimension ${dimension})`);
  }
  return lines.map((l, i) => {
    const p = JSON.parse(l);
    return { doc: p.doc, ord: p.ord, text: p.text, vector: Array.from(floats.subarray(i * dimension, (i + 1) * dimension)) };
  });
}

async function index(r) {
  const t = performance.now();
  const rows = loadPassages(r.passages, r.vectors, r.dimension);
  const schema = new arrow.Schema([
    new arrow.Field("doc", new arrow.Utf8()),
    new arrow.Field("ord", new arrow.Int32()),
    new arrow.Field("text", new arrow.Utf8()),
    new arrow.Field("vector", new arrow.FixedSizeList(r.dimension, new arrow.Field("item", new arrow.Float32(), true))),
  ]);
  const db = await lancedb.connect(r.dir);
  table = await db.createTable("passages", rows, { mode: "overwrite", schema });
  await table.createIndex("text", {
    config: lancedb.Index.fts({ stem: true, removeStopWords: true, language: "English", withPosition: false }),
  });
  rrf = await lancedb.rerankers.RRFReranker.create();
  return { passages: rows.length, ms: performance.now() - t };
}

function firstPerDoc(rows, scoreOf, k) {
  const seen = new Set();
  const hits = [];
  for (const row of rows) {
    if (!seen.has(row.doc)) {
      seen.add(row.doc);
      hits.push([row.doc, scoreOf(row)]);
      if (hits.length === k) break;
    }
  }
  return hits;
}

async function search(r) {
  if (table === null) throw new Error("search before index");
  const fetch = r.k * 3;
  const t = performance.now();
  let rows;
  let score;
  switch (r.leg) {
    case "vector":
      rows = await table.vectorSearch(r.vector).distanceType("cosine").select(["doc", "_distance"]).limit(fetch).toArray();
      score = (row) => 1 - row._distance;
      break;
    case "fts":
      rows = await table.query().fullTextSearch(r.text).select(["doc", "_score"]).limit(fetch).toArray();
      score = (row) => row._score;
      break;
    case "hybrid":
      rows = await table.query().nearestTo(r.vector).distanceType("cosine").fullTextSearch(r.text)
        .rerank(rrf).select(["doc"]).limit(fetch).toArray();
      score = (row) => row._relevance_score;
      break;
    default:
      throw new Error(`unknown leg: ${r.leg}`);
  }
  const hits = firstPerDoc(rows, score, r.k);
  return { hits, ms: performance.now() - t };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let answer;
  try {
    const r = JSON.parse(line);
    if (r.op === "index") answer = await index(r);
    else if (r.op === "search") answer = await search(r);
    else if (r.op === "version") answer = { version: VERSION };
    else throw new Error(`unknown op: ${r.op}`);
    answer.ok = true;
  } catch (e) {
    console.error(e);
    answer = { ok: false, error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
