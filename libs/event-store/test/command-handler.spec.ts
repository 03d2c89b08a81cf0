import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#libs/contracts';
import { deterministicEventId, handleCommand, InMemoryEventStore, WrongExpectedRevisionError, type Decider, type EventStore } from '../src/index.js';

type Event = { type: 'Deposited'; data: { amount: number } };
type Command = { type: 'Deposit'; amount: number; limit: number };
interface State {
  balance: number;
}

const account: Decider<Command, Event, State> = {
  initialState: () => ({ balance: 0 }),
  decide: (command, state) => {
    if (state.balance + command.amount > command.limit) throw new DomainError('ACCOUNT.LIMIT', 'over the limit', 409);
    return [{ type: 'Deposited', data: { amount: command.amount } }];
  },
  evolve: (state, event) => ({ balance: state.balance + event.data.amount }),
};

const metadata = { requestId: 'r' };

describe('handleCommand (load → decide → append with expected revision)', () => {
  it('appends the decided events and returns the new state, revision and position', async () => {
    const store = new InMemoryEventStore();
    const first = await handleCommand(store, 'account-1', account, { type: 'Deposit', amount: 5, limit: 100 }, { metadata });
    const second = await handleCommand(store, 'account-1', account, { type: 'Deposit', amount: 7, limit: 100 }, { metadata });
    expect(first).toMatchObject({ revision: 0, state: { balance: 5 } });
    expect(second).toMatchObject({ revision: 1, state: { balance: 12 } });
    expect(second.position).toBeGreaterThan(first.position);
  });

  it('concurrent commands on one stream are decided against fresh state after a conflict, so none is lost', async () => {
    const store = new InMemoryEventStore();
    await Promise.all(
      Array.from({ length: 10 }, () => handleCommand(store, 'account-2', account, { type: 'Deposit', amount: 1, limit: 100 }, { metadata, maxRetries: 20 })),
    );
    const events = await store.readStream('account-2');
    expect(events).toHaveLength(10);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a rule that fails after a conflict retry still fails with its own error', async () => {
    const store = new InMemoryEventStore();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => handleCommand(store, 'account-3', account, { type: 'Deposit', amount: 40, limit: 100 }, { metadata, maxRetries: 20 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'ACCOUNT.LIMIT')).toBe(true);
  });

  it('gives up with the conflict after the bounded number of retries', async () => {
    const inner = new InMemoryEventStore();
    // A store where somebody else always wins the race.
    const hostile: EventStore = {
      ...inner,
      readStream: (s, o) => inner.readStream(s, o),
      append: async (s) => {
        throw new WrongExpectedRevisionError(s, 0, 1);
      },
      subscribeAll: (o) => inner.subscribeAll(o),
      headPosition: () => inner.headPosition(),
      readAt: (p) => inner.readAt(p),
      close: () => inner.close(),
    };
    await expect(
      handleCommand(hostile, 'account-4', account, { type: 'Deposit', amount: 1, limit: 100 }, { metadata, maxRetries: 3 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('with an idempotency key, a retried request appends nothing twice', async () => {
    const store = new InMemoryEventStore();
    const options = { metadata, idempotencyKey: 'request-abc' };
    const first = await handleCommand(store, 'account-5', account, { type: 'Deposit', amount: 3, limit: 100 }, options);
    const retried = await handleCommand(store, 'account-5', account, { type: 'Deposit', amount: 3, limit: 100 }, options);
    expect(retried.position).toBe(first.position);
    expect(deterministicEventId('request-abc:account-5', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await store.readStream('account-5')).toHaveLength(1);
  });
});
