// HTML to PDF with headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core's
// `page.pdf()`. The page runs with JavaScript off and every request refused, so a document's
// content can neither run script nor reach the network; renders run one at a time, each in a
// browser of its own that is closed afterwards (nothing stays resident between documents).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PdfRenderer {
  render(html: string): Promise<Buffer>;
}

export function chromiumPdfRenderer(options: { executablePath?: string; timeoutMs?: number } = {}): PdfRenderer {
  const executablePath = options.executablePath ?? '/usr/bin/chromium';
  const timeout = options.timeoutMs ?? 30_000;
  let queue: Promise<unknown> = Promise.resolve();
  const renderOne = async (html: string): Promise<Buffer> => {
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        // Chromium fills .title and .pageNumber itself; no document text goes into the template.
        footerTemplate: '<div style="font-size:8pt;width:100%;text-align:center;color:#505a5f"><span class="title"></span> — page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        margin: { top: '18mm', bottom: '20mm', left: '18mm', right: '18mm' },
      });
      return pdf;
    } finally {
      await browser.close();
    }
  };
  return {
    render: (html) => {
      const run = queue.then(() => renderOne(html), () => renderOne(html));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
