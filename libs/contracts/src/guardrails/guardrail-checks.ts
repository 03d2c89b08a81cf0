/** The guardrail check ids Portkey's spec lists (reference §2.10); a guardrail may use only these. */
const FAMILIES: Record<string, readonly string[]> = {
  default: [
    'jwt',
    'modelWhitelist',
    'isAllLowerCase',
    'regexMatch',
    'sentenceCount',
    'wordCount',
    'characterCount',
    'jsonSchema',
    'jsonKeys',
    'contains',
    'validUrls',
    'containsCode',
    'webhook',
    'endsWith',
    'alluppercase',
    'requiredMetadataKeys',
    'allowedRequestTypes',
  ],
  portkey: ['moderateContent', 'language', 'pii', 'gibberish'],
  patronus: [
    'phi',
    'pii',
    'isConcise',
    'isHelpful',
    'isPolite',
    'noApologies',
    'noGenderBias',
    'noRacialBias',
    'retrievalAnswerRelevance',
    'toxicity',
    'custom',
  ],
  promptfoo: ['guard', 'pii', 'harm'],
  azure: ['contentSafety', 'pii'],
  sydelabs: ['sydeguard'],
  aporia: ['validateProject'],
  pillar: ['scanPrompt', 'scanResponse'],
  mistral: ['moderateContent'],
  bedrock: ['guard'],
  acuvity: ['scan'],
  lasso: ['classify'],
  'panw-prisma-airs': ['intercept'],
};

export const GUARDRAIL_CHECK_IDS: readonly string[] = Object.entries(FAMILIES).flatMap(([family, checks]) => checks.map((c) => `${family}.${c}`));

const KNOWN = new Set(GUARDRAIL_CHECK_IDS);

export const isGuardrailCheckId = (id: unknown): id is string => typeof id === 'string' && KNOWN.has(id);
