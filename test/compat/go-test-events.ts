/** One line of `go tool test2json` output. */
export interface GoTestEvent {
  Action: 'start' | 'run' | 'pause' | 'cont' | 'pass' | 'bench' | 'fail' | 'output' | 'skip';
  Test?: string;
  Elapsed?: number;
  Output?: string;
}

export interface GoTestResult {
  name: string;
  result: 'pass' | 'fail' | 'skip' | 'incomplete';
  seconds: number;
  /** The test's own output (failure messages, skip reasons). */
  output: string;
}

/** Top-level test results from test2json lines; subtests fold into their parent. */
export function resultsFromEvents(lines: string[]): GoTestResult[] {
  const byName = new Map<string, GoTestResult>();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    let event: GoTestEvent;
    try {
      event = JSON.parse(line) as GoTestEvent;
    } catch {
      continue;
    }
    if (!event.Test || event.Test.includes('/')) continue;
    const entry = byName.get(event.Test) ?? { name: event.Test, result: 'incomplete', seconds: 0, output: '' };
    byName.set(event.Test, entry);
    if (event.Action === 'output' && event.Output) entry.output += event.Output;
    if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip') {
      entry.result = event.Action;
      entry.seconds = event.Elapsed ?? 0;
    }
  }
  return [...byName.values()];
}

/** The reason a skipped test gave (its `t.Skip` message), or its last output line. */
export function skipReason(result: GoTestResult): string {
  const lines = result.output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('=== ') && !l.startsWith('--- '));
  return lines.at(-1) ?? '';
}
