import { describe, expect, it } from '@jest/globals';
import { parseTemplate, render, RENDER_LIMITS, TemplateError } from './mustache.js';
import { parsePrompt, promptPartials, renderPrompt } from './prompt-template.js';

const run = (template: string, variables: Record<string, unknown> = {}, partials: Record<string, string> = {}) =>
  render(parseTemplate(template), variables, new Map(Object.entries(partials).map(([k, v]) => [k, parseTemplate(v)])));

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a template error');
};

describe('prompt templates', () => {
  it('substitutes variables, with or without spaces, dotted names and triple braces, never escaping', () => {
    expect(run('Hello {{name}} and {{ other }}!', { name: 'Ada', other: 'Bob' })).toBe('Hello Ada and Bob!');
    expect(run('{{user.name}} <{{{html}}}> {{&html}}', { user: { name: 'Ada' }, html: '<b>"x"</b>' })).toBe('Ada <<b>"x"</b>> <b>"x"</b>');
    expect(run('{{n}} {{b}} {{o}} {{z}}', { n: 3, b: false, o: { a: 1 }, z: null })).toBe('3 false {"a":1} ');
  });

  it('a missing variable names itself as variables.<name>', () => {
    expect(failure(() => run('Hi {{name}}', {}))).toEqual({ field: 'variables.name', message: expect.stringContaining('variables.name') });
    expect(failure(() => run('Hi {{user.email}}', { user: {} })).field).toBe('variables.user.email');
  });

  it('sections repeat over lists, enter objects, skip falsy values; inverted sections do the opposite', () => {
    expect(run('{{#items}}[{{name}}]{{/items}}', { items: [{ name: 'a' }, { name: 'b' }] })).toBe('[a][b]');
    expect(run('{{#items}}{{.}},{{/items}}', { items: [1, 2] })).toBe('1,2,');
    expect(run('{{#user}}{{name}}{{/user}}', { user: { name: 'Ada' } })).toBe('Ada');
    expect(run('{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}', { flag: false })).toBe('no');
    expect(run('{{#missing}}x{{/missing}}{{^missing}}none{{/missing}}', {})).toBe('none');
    expect(run('{{! a comment }}kept', {})).toBe('kept');
  });

  it('partials render in the current scope, nested, but never endlessly', () => {
    expect(run('A {{>intro}} Z', { name: 'Ada' }, { intro: 'hi {{name}} {{>sign}}', sign: '--' })).toBe('A hi Ada -- Z');
    expect(failure(() => run('{{>loop}}', {}, { loop: 'again {{>loop}}' })).message).toContain(`${RENDER_LIMITS.partialDepth} levels`);
    expect(failure(() => run('{{>nope}}', {})).message).toContain('partial nope does not exist');
  });

  it('unbalanced sections and unsupported tags are refused, not guessed', () => {
    expect(failure(() => parseTemplate('{{#a}}x')).message).toContain('unclosed');
    expect(failure(() => parseTemplate('x{{/a}}')).message).toContain('without a matching');
    expect(failure(() => parseTemplate('{{=<% %>=}}')).message).toContain('unsupported tag');
  });

  it('output and work are bounded', () => {
    const big = Array.from({ length: 2000 }, () => 'x'.repeat(1000));
    expect(failure(() => run('{{#rows}}{{.}}{{/rows}}', { rows: big })).message).toContain('exceeds');
  });

  it('chat templates render every message text but leave roles and part types, so values cannot break the JSON', () => {
    const template = JSON.stringify([
      { role: 'system', content: 'You are {{persona}}. {{>rules}}' },
      { role: 'user', content: [{ type: 'text', text: 'Q: {{question}}' }] },
    ]);
    const parsed = parsePrompt(template);
    expect([...promptPartials(parsed)]).toEqual(['rules']);
    const rendered = renderPrompt(parsed, { persona: 'a "pirate"', question: '}] oops' }, new Map([['rules', parseTemplate('Be brief.')]]));
    expect(rendered).toEqual({
      messages: [
        { role: 'system', content: 'You are a "pirate". Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Q: }] oops' }] },
      ],
    });
  });

  it('anything that is not a JSON list of messages is a raw template, rendered to prompt', () => {
    expect(renderPrompt(parsePrompt('Hello {{name}}'), { name: 'Ada' }, new Map())).toEqual({ prompt: 'Hello Ada' });
    expect(renderPrompt(parsePrompt('[not json {{x}}'), { x: 1 }, new Map())).toEqual({ prompt: '[not json 1' });
  });
});
