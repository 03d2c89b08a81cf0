import { KeysSubjects, type VerifiedKey } from '#libs/contracts';
import { http } from '../../../test/support/clients.js';
import { startStack } from '../../../test/support/stack.js';
import { progress, run, sideBySide, summarise, type Row } from '../harness.js';

/**
 * Edge authentication: an authenticated GET (key cached) against the same route with
 * authentication switched off, side by side; and the cold path (a key the gateway has not seen).
 */
export async function authBench(): Promise<Row[]> {
  progress('auth: authenticated GET vs authentication off; cold verification');
  const stack = await startStack();
  const rows: Row[] = [];
  try {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'bench' } })).body;
    const key = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'bench', scopes: ['workspaces.read'], workspace_id: ws.id } })).body.key as string;
    const verifyKey = (raw: string) => stack.rpc().call<VerifiedKey>(KeysSubjects.verify, { key: raw }, { requestId: 'bench', correlationId: 'bench' });
    const principal = await verifyKey(key);
    const open = await stack.extraGateway({ fixedPrincipal: principal });
    const path = `/admin/workspaces/${ws.id}`;
    const get = (apiUrl?: string) => async () => {
      const result = await http(stack, 'GET', path, { key, ...(apiUrl ? { apiUrl } : {}) });
      if (result.status !== 200) throw new Error(`GET ${path}: ${result.status}`);
    };
    try {
      for (const concurrency of [1, 16]) {
        const stats = await sideBySide(
          { 'GET /v1/admin/workspaces/:id, authenticated (cached key)': get(), 'same route, authentication off': get(open.apiUrl) },
          { ops: concurrency === 1 ? 1_500 : 4_000, concurrency, warmup: 100 },
        );
        const [authed, off] = Object.values(stats);
        for (const [name, s] of Object.entries(stats)) rows.push({ suite: 'auth', case: `${name}, ${concurrency} in flight`, ...s });
        rows.push({
          suite: 'auth',
          case: `overhead of authentication, ${concurrency} in flight`,
          note: `p50 ×${(authed!.p50Ms / off!.p50Ms).toFixed(2)} (+${(authed!.p50Ms - off!.p50Ms).toFixed(3)} ms), req/s ×${(authed!.opsPerSec / off!.opsPerSec).toFixed(2)}`,
        });
      }
    } finally {
      await open.close();
    }

    const verify = await run(() => verifyKey(key), 500);
    rows.push({ suite: 'auth', case: 'cold verification: keys verify RPC (no gateway cache)', ...summarise(verify.latencies, verify.seconds) });
    const fresh: string[] = [];
    for (let i = 0; i < 150; i++) {
      fresh.push((await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: `cold${i}`, scopes: ['workspaces.read'], workspace_id: ws.id } })).body.key);
    }
    const firstUse = await run(async (i) => {
      const result = await http(stack, 'GET', path, { key: fresh[i]! });
      if (result.status !== 200) throw new Error(`cold GET: ${result.status}`);
    }, fresh.length);
    rows.push({ suite: 'auth', case: 'first request with a key the gateway has never seen', ...summarise(firstUse.latencies, firstUse.seconds) });
  } finally {
    await stack.stop();
  }
  return rows;
}
