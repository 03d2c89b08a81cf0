/** Incremental server-sent-events parsing: feed it bytes as they arrive, get whole events back. */
export interface SseEvent {
  event: string | null;
  data: string;
}

export class SseParser {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  push(bytes: Uint8Array | string): SseEvent[] {
    this.buffer += typeof bytes === 'string' ? bytes : this.decoder.decode(bytes, { stream: true });
    const events: SseEvent[] = [];
    let end: number;
    while ((end = this.nextBoundary()) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end).replace(/^(\r?\n){2}/, '');
      const event = parseBlock(block);
      if (event) events.push(event);
    }
    return events;
  }

  private nextBoundary(): number {
    const a = this.buffer.indexOf('\n\n');
    const b = this.buffer.indexOf('\r\n\r\n');
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }
}

function parseBlock(block: string): SseEvent | null {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return data.length || event ? { event, data: data.join('\n') } : null;
}

export const sseData = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
