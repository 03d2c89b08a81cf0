import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { FloodControl } from './flood-control.js';

describe('flood control: the tarpit for limited sources', () => {
  it('holds refusals up to its bound; beyond it they are sent at once, and a freed slot is reused', async () => {
    const floods = new FloodControl({ ...loadConfig({}), denialTarpitMs: 40, denialTarpitMax: 2 });
    const order: string[] = [];
    const held = [floods.tarpit().then(() => order.push('held-1')), floods.tarpit().then(() => order.push('held-2'))];
    await floods.tarpit().then(() => order.push('over the bound'));
    await Promise.all(held);
    expect(order).toEqual(['over the bound', 'held-1', 'held-2']);
    const again = floods.tarpit().then(() => order.push('held-3'));
    await Promise.resolve().then(() => order.push('tick'));
    await again;
    expect(order.slice(3)).toEqual(['tick', 'held-3']);
  });

  it('0 turns it off', async () => {
    const floods = new FloodControl({ ...loadConfig({}), denialTarpitMs: 0 });
    const order: string[] = [];
    const sent = floods.tarpit().then(() => order.push('sent'));
    await new Promise((r) => setTimeout(r, 0)).then(() => order.push('timer'));
    await sent;
    expect(order).toEqual(['sent', 'timer']);
  });
});
