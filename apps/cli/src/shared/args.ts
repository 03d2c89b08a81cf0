/** `--name value` / `--flag` parsing; unknown flags are an error, not a silent no-op. */
export function parseArgs(args: string[], known: { values?: string[]; flags?: string[] }): { values: Record<string, string>; flags: Set<string> } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    if (known.flags?.includes(name)) flags.add(name);
    else if (known.values?.includes(name)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      values[name] = value;
    } else throw new Error(`unknown option --${name}`);
  }
  return { values, flags };
}

export function required(values: Record<string, string>, name: string): string {
  const value = values[name];
  if (!value) throw new Error(`--${name} is required`);
  return value;
}
