import { DomainError, type FeedbackEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';

export type FeedbackCommand =
  | { type: 'GiveFeedback'; feedbackId: string; orgId: string; workspaceId: string; traceId: string; value: number; weight: number; metadataJson: string; by: string; at: string }
  | { type: 'ReviseFeedback'; feedbackId: string; workspaceId: string | null; value: number; weight?: number; metadataJson?: string; at: string };

export type FeedbackEvent =
  | { type: 'FeedbackCreated'; data: FeedbackEvents.FeedbackCreated }
  | { type: 'FeedbackUpdated'; data: FeedbackEvents.FeedbackUpdated };

export type FeedbackState = { current: FeedbackEvents.FeedbackCreated | null };

export const feedbackExists = (id: string) => new DomainError('ANALYTICS.FEEDBACK_EXISTS', `feedback ${id} exists already`, 409, { errorCode: 'AB07' });
/** A workspace key sees only its workspace's feedback: anything else is "not found". */
export const feedbackNotFound = (id: string) => new DomainError('ANALYTICS.FEEDBACK_NOT_FOUND', `feedback ${id} was not found`, 404, { errorCode: 'AB08' });

export const feedbackDecider: Decider<FeedbackCommand, FeedbackEvent, FeedbackState> = {
  initialState: () => ({ current: null }),

  decide(command, state) {
    switch (command.type) {
      case 'GiveFeedback': {
        if (state.current) throw feedbackExists(command.feedbackId);
        const { type: _type, ...data } = command;
        return [{ type: 'FeedbackCreated', data }];
      }
      case 'ReviseFeedback': {
        const current = state.current;
        if (!current || (command.workspaceId !== null && command.workspaceId !== current.workspaceId)) throw feedbackNotFound(command.feedbackId);
        return [
          {
            type: 'FeedbackUpdated',
            data: {
              feedbackId: current.feedbackId,
              orgId: current.orgId,
              workspaceId: current.workspaceId,
              traceId: current.traceId,
              value: command.value,
              weight: command.weight ?? current.weight,
              metadataJson: command.metadataJson ?? current.metadataJson,
              at: command.at,
            },
          },
        ];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'FeedbackCreated':
        return { current: event.data };
      case 'FeedbackUpdated':
        return state.current ? { current: { ...state.current, value: event.data.value, weight: event.data.weight, metadataJson: event.data.metadataJson } } : state;
      default:
        return state;
    }
  },
};
