/**
 * The price table: US cents per 1,000 tokens, [prompt, completion], per provider; the longest
 * matching model prefix wins. Data only: changing a price is a one-line reviewed commit.
 */
export const PRICES: Record<string, Record<string, [number, number]>> = {
  "openai": {
    "gpt-4o-mini": [
      0.015,
      0.06
    ],
    "gpt-4o": [
      0.25,
      1.0
    ],
    "gpt-4.1-mini": [
      0.04,
      0.16
    ],
    "gpt-4.1": [
      0.2,
      0.8
    ],
    "gpt-3.5-turbo": [
      0.05,
      0.15
    ],
    "text-embedding-3-small": [
      0.002,
      0
    ],
    "text-embedding-3-large": [
      0.013,
      0
    ]
  },
  "anthropic": {
    "claude-3-5-haiku": [
      0.08,
      0.4
    ],
    "claude-3-5-sonnet": [
      0.3,
      1.5
    ],
    "claude-sonnet-4": [
      0.3,
      1.5
    ],
    "claude-3-opus": [
      1.5,
      7.5
    ],
    "claude-3-haiku": [
      0.025,
      0.125
    ]
  },
  "groq": {
    "llama-3.1-8b": [
      0.005,
      0.008
    ],
    "llama-3.3-70b": [
      0.059,
      0.079
    ]
  },
  "mistral-ai": {
    "mistral-small": [
      0.02,
      0.06
    ],
    "mistral-large": [
      0.2,
      0.6
    ]
  },
  "deepseek": {
    "deepseek-chat": [
      0.027,
      0.11
    ]
  }
};
