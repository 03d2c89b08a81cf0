import type { expect as jestExpect } from '@jest/globals';
import type { Decider, DomainEvent } from '#libs/event-store';

/**
 * Given/when/then over a pure decider:
 * `deciderSpec(d).given([e1]).when(cmd).then([e2])` or `.thenThrows({ code: 'X.Y' })`.
 */
// Jest's global (no runtime import: this library also loads outside jest, e.g. in benchmarks).
const expect = ((globalThis as { expect?: typeof jestExpect }).expect ?? (() => {
  throw new Error('deciderSpec runs inside jest only');
})) as typeof jestExpect;

export function deciderSpec<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(match: Record<string, unknown>) {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error).toMatchObject(match);
            },
          };
        },
      };
    },
  };
}
