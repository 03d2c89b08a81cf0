/** An event a projection could not apply, kept visible until a retry applies it. */
export interface DeadLetter {
  projection: string;
  position: number;
  eventId: string;
  eventType: string;
  streamName: string;
  /** Documents it should have changed. */
  keys: string[];
  error: string;
  attempts: number;
  parkedAt: string;
}

export const deadLetterId = (letter: Pick<DeadLetter, 'projection' | 'position' | 'eventId'>) =>
  `${letter.projection}:${letter.position}:${letter.eventId}`;
