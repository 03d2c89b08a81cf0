import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { AUDIT_COLLECTION, listAuditLogs, listAuditLogsFromIndex, type ChainCheckpoint } from '#libs/audit';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { requireOrg } from '#libs/authz';
import { DomainError, type ListAuditLogsQuery, type RequestContext } from '#libs/contracts';
import { MONGO_CONNECTION } from '#libs/read-models';
import { AuditProjectorLifecycle } from './audit-projector.lifecycle.js';

/** `GET /v1/audit-logs`: the caller's organisation only, fresh up to the moment of the call. */
@Injectable()
export class ListAuditLogsHandler {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly audit: AuditProjectorLifecycle,
  ) {}

  async execute(query: ListAuditLogsQuery, context: RequestContext) {
    const orgId = requireOrg(context);
    if (query.organisation_id && query.organisation_id !== orgId) {
      throw new DomainError('AUDIT.OTHER_ORGANISATION', 'organisation_id names another organisation', 403, { errorCode: 'AB03' });
    }
    if (Date.parse(query.end_time) < Date.parse(query.start_time)) {
      throw new DomainError('AUDIT.BAD_WINDOW', 'end_time is before start_time', 400);
    }
    // Denials and other principals' writes count too: catch up with the whole store.
    await this.audit.catchUp();
    if (!this.audit.feeder) return listAuditLogs(this.db, orgId, query);
    const checkpoint = await this.db.collection<ChainCheckpoint>(`${AUDIT_COLLECTION}_checkpoints`).findOne({ org_key: orgId });
    return listAuditLogsFromIndex(this.audit.feeder.index, this.store, orgId, query, checkpoint?.seq ?? 0);
  }
}
