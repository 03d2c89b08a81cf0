// A flood of requests with bad keys, from a process of its own so its HTTP client does not
// compete with the gateway for the benchmark process's event loop. Reads the keys (one a line)
// from FLOOD_KEYS_FILE; prints {statuses, seconds} as JSON when done.
import { readFileSync } from 'node:fs';

const url = process.env.FLOOD_URL;
const keys = readFileSync(process.env.FLOOD_KEYS_FILE, 'utf8').split('\n').filter(Boolean);
const concurrency = Number(process.env.FLOOD_CONCURRENCY ?? 32);
const headers = { 'x-forwarded-for': process.env.FLOOD_IP ?? '198.51.100.66' };
const statuses = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < keys.length; i = next++) {
      const response = await fetch(url, { headers: { ...headers, 'x-portkey-api-key': keys[i] } });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }),
);
process.stdout.write(JSON.stringify({ statuses, seconds: (performance.now() - started) / 1000 }));
