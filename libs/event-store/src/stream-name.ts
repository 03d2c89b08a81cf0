import { InvalidStreamNameError } from './errors.js';

const CATEGORY = /^[A-Za-z0-9_]+$/;

export interface ParsedStreamName {
  category: string;
  id: string;
}

/** Splits `<category>-<id>` at the first dash; ids may themselves contain dashes (UUIDs). */
export function parseStreamName(streamName: string): ParsedStreamName {
  const dash = streamName.indexOf('-');
  if (dash <= 0 || dash === streamName.length - 1) throw new InvalidStreamNameError(streamName);
  const category = streamName.slice(0, dash);
  if (!CATEGORY.test(category)) throw new InvalidStreamNameError(streamName);
  return { category, id: streamName.slice(dash + 1) };
}

export function streamName(category: string, id: string): string {
  return `${category}-${id}`;
}

export function categoryOf(name: string): string {
  return parseStreamName(name).category;
}
