import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AnalyticsStoreSubjects, type AnalyticsStoreStatus } from '#libs/contracts';
import { AnalyticsIngest } from './analytics-ingest.js';

/**
 * Operator subjects of the analytics store, for `portcullis analytics rebuild` (internal like the
 * `<service>.projections.*` subjects: the gateway routes nothing here).
 */
@Controller()
export class AnalyticsStoreMessageController {
  constructor(private readonly ingest: AnalyticsIngest) {}

  /** Starts a rebuild (or joins the one running) and answers at once; progress is on `status`. */
  @MessagePattern(AnalyticsStoreSubjects.rebuild)
  rebuild(): AnalyticsStoreStatus {
    return this.ingest.rebuild();
  }

  @MessagePattern(AnalyticsStoreSubjects.status)
  status(): AnalyticsStoreStatus {
    return this.ingest.status();
  }
}
