/**
 * Optional subject namespace (`PORTCULLIS_NAMESPACE`), read once at start-up: several stacks can
 * share one NATS server without hearing each other (the end-to-end tests do). Empty in production.
 */
const NAMESPACE = (process.env.PORTCULLIS_NAMESPACE ?? '').trim();

export function ns(subject: string): string {
  return NAMESPACE ? `${NAMESPACE}.${subject}` : subject;
}

export function currentNamespace(): string {
  return NAMESPACE;
}
