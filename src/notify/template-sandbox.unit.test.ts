import { describe, expect, it } from 'vitest';
import { renderSandboxed, templateProblems, TemplateProblem } from './template-sandbox.ts';
import { TEMPLATE_NAMES, templateFile, renderEmail, samplePayload } from './render-notice.ts';

const ctx = { reference: 'MP042', title: 'Tom & Jerry "quoted" <b>', items: [{ a: 1 }, { a: 2 }] };

describe('notice template sandbox', () => {
  it('renders the notice context, and what a template prints comes back as the plain text it was', () => {
    expect(renderSandboxed('{{ reference }}: {{ title | upper }}', ctx)).toBe('MP042: TOM & JERRY "QUOTED" <B>');
    expect(renderSandboxed('{% for i in items %}{{ i.a }}{% endfor %}', ctx)).toBe('12');
    expect(renderSandboxed('{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(reference) }}', ctx)).toBe('[MP042]');
  });

  it('refuses every way to the Function constructor and to other templates', () => {
    const attempts = [
      '{{ title.constructor.constructor("return process")() }}',
      '{{ constructor }}',
      '{{ title["constructor"] }}',
      '{% set k = "constr" %}{{ title[k ~ "uctor"] }}',
      '{{ title.__proto__ }}',
      '{% for k, v in items | groupby("constructor") %}{{ k }}{% endfor %}',
      '{{ range(10) }}',
      '{{ title.toUpperCase() }}',
      '{% include "x.njk" %}',
      '{% import "x.njk" as x %}',
      '{% extends "x.njk" %}',
      '{{ title | safe }}',
      '{{ "x" | center(1000000) }}',
      '{{ 999 * 999 }}',
      '{{ title | truncate(5000) }}',
    ];
    for (const source of attempts) {
      expect(templateProblems(source), source).not.toEqual([]);
      expect(() => renderSandboxed(source, ctx), source).toThrow(TemplateProblem);
    }
  });

  it('has no globals: names outside the context are empty', () => {
    expect(renderSandboxed('[{{ cycler }}{{ joiner }}{{ process }}{{ global }}]', ctx)).toBe('[]');
  });

  it('reports a syntax error or a render error as a message for people, not an exception of another kind', () => {
    expect(() => renderSandboxed('{% if %}', ctx)).toThrow(/not valid/);
    expect(() => renderSandboxed('{% for x in %}{% endfor %}', ctx)).toThrow(TemplateProblem);
  });

  it('every shipped template (version 1) passes the checks and renders its sample', () => {
    expect(TEMPLATE_NAMES).toContain('digest');
    for (const name of TEMPLATE_NAMES) {
      expect(templateProblems(templateFile(name)!), name).toEqual([]);
      const email = renderEmail(samplePayload(name), 'https://secmod.test', { unsubscribeUrl: 'https://secmod.test/unsubscribe/x' });
      expect(email.text, name).toContain('To stop these emails: https://secmod.test/unsubscribe/x');
      expect(email.html, name).not.toMatch(/<b>/);
    }
  });
});
