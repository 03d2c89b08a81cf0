import { describe, expect, it } from '@jest/globals';
import { resultsFromEvents, skipReason } from './go-test-events.js';

describe('go test2json results', () => {
  const lines = [
    '{"Action":"run","Test":"TestAccA"}',
    '{"Action":"output","Test":"TestAccA","Output":"=== RUN   TestAccA\\n"}',
    '{"Action":"run","Test":"TestAccA/sub"}',
    '{"Action":"fail","Test":"TestAccA/sub","Elapsed":0.1}',
    '{"Action":"output","Test":"TestAccA","Output":"    a_test.go:10: Step 1/2 error: boom\\n"}',
    '{"Action":"fail","Test":"TestAccA","Elapsed":1.5}',
    '{"Action":"run","Test":"TestAccB"}',
    '{"Action":"output","Test":"TestAccB","Output":"    b_test.go:3: needs X\\n"}',
    '{"Action":"output","Test":"TestAccB","Output":"--- SKIP: TestAccB (0.00s)\\n"}',
    '{"Action":"skip","Test":"TestAccB","Elapsed":0}',
    '{"Action":"run","Test":"TestAccC"}',
    'not json: a build warning',
    '{"Action":"pass","Elapsed":3}',
  ];

  it('keeps one verdict per top-level test, with its output; a test without one is incomplete', () => {
    const results = resultsFromEvents(lines);
    expect(results.map((r) => [r.name, r.result, r.seconds])).toEqual([
      ['TestAccA', 'fail', 1.5],
      ['TestAccB', 'skip', 0],
      ['TestAccC', 'incomplete', 0],
    ]);
    expect(results[0]!.output).toContain('Step 1/2 error: boom');
    expect(skipReason(results[1]!)).toBe('b_test.go:3: needs X');
  });
});
