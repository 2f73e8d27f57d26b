// What the web tests and the load-time measurement share: command-line flags, the demo company in a
// fresh database, and a real `whoknows serve` on it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// --name value pairs from the command line, as an object.
export function parseFlags(argv) {
  return Object.fromEntries(argv.reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []));
}

export function check(cond, message) {
  if (!cond) throw new Error(`check failed: ${message}`);
}

function run(whoknows, ...argv) {
  const r = spawnSync(whoknows, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`whoknows ${argv.join(' ')} failed: ${r.stderr}`);
}

// The fictional demo company (`whoknows generate`, seed 42 like scripts/demo) imported into
// DIR/db; returns the database path.
export function demoDatabase(whoknows, dir, people) {
  run(whoknows, 'generate', '--people', String(people), '--seed', '42', '--out', join(dir, 'demo.ndjson'));
  run(whoknows, 'import', '--db', join(dir, 'db'), join(dir, 'demo.ndjson'));
  return join(dir, 'db');
}

// Starts `whoknows serve` on a free port and resolves to {server, base} once it prints its address.
export function startServer(whoknows, db) {
  const server = spawn(whoknows, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), 120000);
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    const onLine = (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) { clearTimeout(timer); resolve({ server, base: m[1] }); }
    };
    createInterface({ input: server.stdout }).on('line', onLine);
    createInterface({ input: server.stderr }).on('line', onLine);
  });
}

// The operations ("GET /v1/coverage") the server's openapi.json lists.
export async function operations(base) {
  const doc = await (await fetch(`${base}/v1/openapi.json`)).json();
  const ops = new Set();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of Object.keys(item)) ops.add(`${m.toUpperCase()} ${p}`);
  }
  return ops;
}
