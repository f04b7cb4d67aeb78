import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { DocumentContent } from './document-model.ts';
import { plainText, xmlSafe } from './document-model.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';

const XSS = '<script>alert(1)</script>\u0001';
const content: DocumentContent = {
  title: `Modification Report: MP001`, subtitle: `Title ${XSS}`, author: 'SECAS', date: '2026-03-02T09:00:00.000Z',
  blocks: [
    { kind: 'heading', level: 1, text: '1. Proposer' },
    { kind: 'paragraph', text: `Line one\nLine two ${XSS}` },
    { kind: 'facts', rows: [['Reference', 'MP001']] },
    { kind: 'table', header: ['A', 'B'], rows: [['1', XSS]] },
    { kind: 'list', items: ['x', XSS] },
    { kind: 'redline', redline: { baseVersion: '5.18', newVersion: '5.19', entries: [{ address: 'H4.12', kind: 'clause', status: 'changed', segments: [{ op: 'equal', text: 'H4.12 within ' }, { op: 'delete', text: '5' }, { op: 'insert', text: '10' }, { op: 'equal', text: ' Working Days' }] }] } },
    { kind: 'answer', label: 'Question 1', lines: 3 },
    { kind: 'page-break' },
  ],
};

describe('document renderers', () => {
  it('HTML escapes every text and forbids scripts by its own CSP', () => {
    const html = renderHtml(content);
    expect(html).not.toMatch(/<script>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\uFFFD');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<del>5</del><ins>10</ins>');
  });

  it('Word keeps Party text literal, drops characters XML cannot carry, and tracks the legal-text changes', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(content));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).not.toMatch(/<script>/);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('\u0001');
    expect(xml).toMatch(/<w:del [^>]*w:author="SECAS"/);
    expect(xml).toMatch(/<w:ins [^>]*w:author="SECAS"/);
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('w:trackRevisions');
  });

  it('plain text covers every block', () => {
    expect(plainText(content)).toContain('H4.12 within 510 Working Days');
    expect(xmlSafe('a\u0000b')).toBe('a\uFFFDb');
  });
});
