import { describe, expect, it } from 'vitest';
import { renderNotice } from './render-notice.ts';

const payload = (title: string) => ({
  rule: 'screening-ssc',
  template: 'screening-flagged',
  subject: '{{ reference }} may affect security: {{ title }}',
  clause: 'G7.19',
  reference: 'DP014',
  title,
  recipientName: 'Sol Security',
  data: {},
});

describe('notice rendering', () => {
  it('every notice has a plain-text part and an HTML part with the proposal link', () => {
    const n = renderNotice(payload('Exchange window'), 'https://secmod.example/');
    expect(n.text).toContain('SEC G7.19');
    expect(n.text).toContain('https://secmod.example/proposals/DP014');
    expect(n.html).toContain('<a href="https://secmod.example/proposals/DP014">');
  });

  it('markup typed by a Party renders inert in the HTML part', () => {
    const n = renderNotice(payload('<img src=x onerror=alert(1)>'), 'https://secmod.example');
    expect(n.html).not.toContain('<img');
    expect(n.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('a title with line breaks cannot add mail headers', () => {
    const n = renderNotice(payload('Title\r\nBcc: someone@evil.example'), 'https://secmod.example');
    expect(n.subject).not.toMatch(/[\r\n]/);
  });
});
