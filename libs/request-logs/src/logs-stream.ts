import { RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';

export interface LogsStreamConfig {
  /** `PORTCULLIS_LOGS_STREAM` (default `LOGS`). */
  stream: string;
  /** `PORTCULLIS_LOGS_SUBJECT_PREFIX` (default `logs`): records go to `<prefix>.<workspaceId>`. */
  subjectPrefix: string;
  /** How long records stay in the stream (the analytics store keeps its own copy). */
  maxAgeDays?: number;
}

const DAY_NS = 86_400 * 1e9;

/**
 * Creates the `LOGS` stream when it does not exist (the gateway and the analytics service both
 * call this at start-up, so either may come first). File storage; a message id per record makes
 * a re-published record a no-op within the duplicate window.
 */
export async function ensureLogsStream(jsm: JetStreamManager, config: LogsStreamConfig): Promise<void> {
  try {
    await jsm.streams.info(config.stream);
    return;
  } catch {
    // absent: create it below
  }
  await jsm.streams
    .add({
      name: config.stream,
      subjects: [`${config.subjectPrefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: (config.maxAgeDays ?? 30) * DAY_NS,
      duplicate_window: 2 * 60 * 1e9,
    })
    .catch(async (error) => {
      // Another process created it a moment ago.
      await jsm.streams.info(config.stream).catch(() => {
        throw error;
      });
    });
}
