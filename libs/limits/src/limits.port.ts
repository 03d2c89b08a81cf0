/**
 * What the data plane asks before and after a call (issue: limits enforced). The gateway's
 * completion path calls `admit` before contacting the upstream and `settle` once the usage is
 * known; the implementation keeps its counters in NATS (shared by every gateway replica).
 */
export interface AdmissionRequest {
  orgId: string;
  workspaceId: string;
  apiKeyId: string;
  /** The provider (a virtual key is one) the call goes through, when known before the call. */
  providerId: string | null;
  metadata: Record<string, string>;
  /** Tokens the call may use, when it can be estimated (token rate limits reserve them). */
  estimatedTokens?: number;
  /** Milliseconds since the epoch (the test clock in tests). */
  now: number;
}

export type Admission =
  | { allow: true; ticket: AdmissionTicket }
  | {
      allow: false;
      /** 429 over a rate limit, 412 for an exhausted usage limit. */
      status: 429 | 412;
      /** Portkey's error code for the envelope. */
      errorCode: string;
      message: string;
      /** Seconds until the limit admits again (the `retry-after` header). */
      retryAfterSeconds?: number;
    };

/** What `settle` needs to charge the call to every limit that admitted it. */
export interface AdmissionTicket {
  id: string;
  /** Opaque to the caller. */
  entries: unknown[];
}

export interface CallUsage {
  totalTokens: number;
  costCents: number;
}

export interface LimitsPort {
  admit(request: AdmissionRequest): Promise<Admission>;
  settle(ticket: AdmissionTicket, usage: CallUsage): Promise<void>;
}

/** The port's token (the gateway provides an implementation). */
export const LIMITS = Symbol('LIMITS');
