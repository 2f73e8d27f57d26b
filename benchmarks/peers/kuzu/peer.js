// Kuzu as a peer of whoknows in scripts/bench: loads the benchmark CSVs (benchmarks/tools/gen.cc)
// and answers the fair question (scripts/bench, PEERS.md) as a Cypher aggregation.
//
//   node peer.js '{"phase": "load", "csv": DIR, "db": FILE, "buffer_pool_mib": M}'
//   node peer.js '{"phase": "query", "db": FILE, "topics": [...], "as_of": "YYYY-MM-DD",
//                  "limit": 10, "rounds": R, "buffer_pool_mib": M}'
//
// Prints one JSON object.  load: records, load_s, import_records_per_s, db_bytes.  query:
// cold_start_s (open to the first answer), check {topic: [[id, score], ...]}, p50_ms, p99_ms,
// queries, rss_mib (the node process's peak).
"use strict";
const fs = require("fs");
const kuzu = require("kuzu");

const SCHEMA = [
  "CREATE NODE TABLE Person(id STRING, name STRING, department STRING, title STRING, " +
    "location STRING, manager STRING, opted_out BOOLEAN, PRIMARY KEY(id))",
  "CREATE NODE TABLE Topic(id STRING, name STRING, PRIMARY KEY(id))",
  "CREATE NODE TABLE Document(id STRING, title STRING, created DATE, PRIMARY KEY(id))",
  "CREATE REL TABLE BROADER(FROM Topic TO Topic)",  // narrower -> broader
  "CREATE REL TABLE AUTHORED(FROM Document TO Person)",
  "CREATE REL TABLE ABOUT(FROM Document TO Topic, weight DOUBLE)",
];
// Table, CSV file; rows counted as records loaded.
const COPIES = [
  ["Person", "person"], ["Topic", "topic"], ["Document", "document"],
  ["BROADER", "broader"], ["AUTHORED", "authored"], ["ABOUT", "about"],
];

// The fair question.  The subtree (T and up to 3 levels narrower) keeps each topic at its
// shortest depth; a document counts once per author at its best link (0.5^depth); the author
// count n_authors is derived once at load time.  Join-order hints make each MATCH start from what
// is already bound (the topics, then the documents): at 10,000 people on this machine the same
// query without them took 3-4x longer (it scanned every ABOUT and AUTHORED edge).
function Question(asOf, limit) {
  return `MATCH (s:Topic)-[b:BROADER*0..3]->(t:Topic) WHERE t.id = $topic
WITH s, min(length(b)) AS depth
MATCH (s)<-[r:ABOUT]-(d:Document) HINT (s JOIN r) JOIN d
WITH d, max(pow(0.5, depth)) AS w
MATCH (d)-[a:AUTHORED]->(p:Person) HINT (d JOIN a) JOIN p
WITH d, w, p WHERE NOT p.opted_out
RETURN p.id AS id, sum(w / d.n_authors * pow(0.5, (date('${asOf}') - d.created) / 730.0)) AS score
ORDER BY score DESC, id LIMIT ${limit}`;
}

function Seconds(start) { return Number(process.hrtime.bigint() - start) / 1e9; }

function RowsOf(path) {
  const text = fs.readFileSync(path);
  let n = 0;
  for (let i = 0; i < text.length; ++i) if (text[i] === 10) ++n;
  return n - 1;  // the header
}

async function Load(conn, csv) {
  for (const q of SCHEMA) await conn.query(q);
  let records = 0;
  const start = process.hrtime.bigint();
  for (const [table, file] of COPIES) {
    const path = `${csv}/${file}.csv`;
    await conn.query(`COPY ${table} FROM '${path}' (HEADER=true, QUOTE='"', ESCAPE='"')`);
    records += RowsOf(path);
  }
  await conn.query("ALTER TABLE Document ADD n_authors INT64 DEFAULT 0");
  await conn.query("MATCH (d:Document)-[:AUTHORED]->(p:Person) WITH d, count(p) AS n SET d.n_authors = n");
  await conn.query("CHECKPOINT");
  return { records, load_s: Seconds(start) };
}

async function Ask(conn, stmt, topic) {
  const result = await conn.execute(stmt, { topic });
  const rows = (await result.getAll()).map((r) => [r.id, r.score]);
  result.close();
  return rows;
}

function Percentile(sorted, q) { return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]; }

function PeakRssMib() {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : null;
}

// Loading and querying run in separate processes: in one process, querying a database reopened
// after the load crashed Kuzu 0.11.3 (SIGSEGV) here.
async function LoadPhase(args, pool) {
  const db = new kuzu.Database(args.db, pool);
  const conn = new kuzu.Connection(db);
  const out = await Load(conn, args.csv);
  out.import_records_per_s = out.records / out.load_s;
  await conn.close();
  await db.close();
  out.db_bytes = ["", ".wal"].reduce((s, ext) => s + (fs.existsSync(args.db + ext) ? fs.statSync(args.db + ext).size : 0), 0);
  return out;
}

async function QueryPhase(args, pool) {
  const out = {};
  const start = process.hrtime.bigint();  // cold start: open, and the first answer
  const db = new kuzu.Database(args.db, pool);
  const conn = new kuzu.Connection(db);
  const stmt = await conn.prepare(Question(args.as_of, args.limit));
  if (!stmt.isSuccess()) throw new Error(stmt.getErrorMessage());
  out.check = {};
  for (const t of args.topics) {
    out.check[t] = await Ask(conn, stmt, t);
    if (out.cold_start_s === undefined) out.cold_start_s = Seconds(start);
  }
  const ms = [];
  for (let r = 0; r < args.rounds; ++r) {
    for (const t of args.topics) {
      const s = process.hrtime.bigint();
      await Ask(conn, stmt, t);
      ms.push(Seconds(s) * 1e3);
    }
  }
  ms.sort((a, b) => a - b);
  if (ms.length > 0) Object.assign(out, { queries: ms.length, p50_ms: Percentile(ms, 0.5), p99_ms: Percentile(ms, 0.99), max_ms: ms[ms.length - 1] });
  out.rss_mib = PeakRssMib();
  return out;
}

async function Main() {
  const args = JSON.parse(process.argv[2]);
  const pool = args.buffer_pool_mib * 1024 * 1024;
  const out = args.phase === "load" ? await LoadPhase(args, pool) : await QueryPhase(args, pool);
  // Written synchronously, then exit without closing: closing after queries may crash at exit.
  fs.writeSync(1, JSON.stringify(out) + "\n");
  process.exit(0);
}

Main().catch((e) => { process.stderr.write(`kuzu peer: ${e.stack || e}\n`); process.exit(1); });
