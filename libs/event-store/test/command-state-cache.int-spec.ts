import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DomainError } from '#libs/contracts';
import { requireEnv } from '#libs/testing';
import { handleCommand, JetStreamEventStore, loadState, type Decider, type EventStore } from '../src/index.js';

type Event = { type: 'Deposited'; data: { amount: number } };
type Command = { type: 'Deposit'; amount: number; limit: number };

const account: Decider<Command, Event, { balance: number; deposits: number }> = {
  initialState: () => ({ balance: 0, deposits: 0 }),
  decide: (command, state) => {
    if (state.balance + command.amount > command.limit) throw new DomainError('ACCOUNT.LIMIT', 'over the limit', 409);
    return [{ type: 'Deposited', data: { amount: command.amount } }];
  },
  evolve: (state, event) => ({ balance: state.balance + event.data.amount, deposits: state.deposits + 1 }),
};

/** The real store, counting the events each read returns: a cached state reads only the tail. */
function counting(store: EventStore) {
  const read = { events: 0 };
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          read.events += events.length;
          return events;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, read };
}

describe('command state cache (two processes on one JetStream store)', () => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const connect = () => JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: `STATECACHE_${suffix}`, subjectPrefix: `statecache${suffix}` });
  let a: JetStreamEventStore;
  let b: JetStreamEventStore;
  const metadata = { requestId: 'r' };
  const deposit = (store: EventStore, stream: string, amount: number, limit = 1e9) => handleCommand(store, stream, account, { type: 'Deposit', amount, limit }, { metadata, maxRetries: 50 });

  beforeAll(async () => {
    [a, b] = await Promise.all([connect(), connect()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('a long stream is read once; later commands read only what was appended since', async () => {
    const { store, read } = counting(a);
    for (let i = 0; i < 500; i++) await deposit(b, 'account-long', 1);
    await deposit(store, 'account-long', 1);
    expect(read.events).toBe(500);
    read.events = 0;
    for (let i = 0; i < 20; i++) await deposit(store, 'account-long', 1);
    expect(read.events).toBe(0);
    expect((await loadState(store, 'account-long', account)).state).toEqual({ balance: 521, deposits: 521 });
  });

  it('what another process appended is folded in before deciding, so its writes count against invariants', async () => {
    await deposit(a, 'account-limit', 60, 100);
    await deposit(b, 'account-limit', 30, 100);
    // a's cached state says 60; deciding on it alone would allow 30 more.
    await expect(deposit(a, 'account-limit', 30, 100)).rejects.toMatchObject({ code: 'ACCOUNT.LIMIT' });
    expect((await loadState(a, 'account-limit', account)).state).toEqual({ balance: 90, deposits: 2 });
  });

  it('concurrent commands from both processes all land exactly once, in revision order', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => deposit(i % 2 ? a : b, 'account-race', 1)));
    const events = await a.readStream('account-race');
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    for (const store of [a, b]) expect((await loadState(store, 'account-race', account)).state).toEqual({ balance: 40, deposits: 40 });
  });
});
