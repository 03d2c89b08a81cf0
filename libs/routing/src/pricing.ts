import { PRICES } from './prices.js';
import type { TokenUsage } from './usage.js';

type PriceTable = Record<string, Record<string, [number, number]>>;

const table: PriceTable = PRICES;

/** Providers that resell another's models price them as the original (Azure as OpenAI). */
const ALIASES: Record<string, string> = { 'azure-openai': 'openai' };

/** Cost in cents; an unknown model costs 0 (counted in tokens only). */
export function costCents(provider: string, model: string, usage: TokenUsage, prices: PriceTable = table): number {
  const rows = prices[ALIASES[provider] ?? provider] ?? prices.openai!;
  let best: [number, number] | undefined;
  let bestLength = -1;
  for (const [prefix, price] of Object.entries(rows)) {
    if (model.startsWith(prefix) && prefix.length > bestLength) {
      best = price;
      bestLength = prefix.length;
    }
  }
  if (!best) return 0;
  return Math.round(((usage.promptTokens * best[0] + usage.completionTokens * best[1]) / 1000) * 1e6) / 1e6;
}
