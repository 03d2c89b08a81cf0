/** One sample of Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  families: Map<string, { type: string; help: string }>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(-?(?:[0-9.e+-]+|NaN|\+Inf|-Inf))(\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * A strict parser of the Prometheus text format (0.0.4): every line must be a comment, a
 * HELP/TYPE line or a well-formed sample; a family is declared once, before its samples.
 */
export function parsePrometheus(text: string): Exposition {
  const families = new Map<string, { type: string; help: string }>();
  const samples: Sample[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const entry = families.get(meta[2]!) ?? { type: '', help: '' };
      if (meta[1] === 'TYPE') {
        if (entry.type) throw new Error(`line ${i + 1}: family ${meta[2]} declared twice`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(meta[3]!)) throw new Error(`line ${i + 1}: bad type ${meta[3]}`);
        entry.type = meta[3]!;
      } else entry.help = meta[3]!;
      families.set(meta[2]!, entry);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[3] ?? '').matchAll(LABEL)) labels[k!] = v!.replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!families.has(m[1]!) && !families.has(family)) throw new Error(`line ${i + 1}: sample of undeclared family ${m[1]}`);
    samples.push({ name: m[1]!, labels, value: Number(m[4]!.replace('+Inf', 'Infinity')) });
  }
  return { families, samples };
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function total(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
