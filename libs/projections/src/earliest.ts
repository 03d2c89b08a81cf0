/** The earliest of some ISO instants (they compare as strings), or null when there is none. */
export function earliestOf(instants: ReadonlyArray<string | null | undefined>): string | null {
  let earliest: string | null = null;
  for (const t of instants) if (t && (!earliest || t < earliest)) earliest = t;
  return earliest;
}
