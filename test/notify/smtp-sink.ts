// A real SMTP server in the test process (smtp-server) that keeps every message, with just
// enough MIME reading for the tests: headers, the subject and the decoded plain-text part.
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/store/embedded-postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

export interface ReceivedMail {
  readonly to: string[];
  readonly raw: string;
}

export interface SmtpSink {
  readonly url: string;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

const unfold = (s: string) => s.replace(/\r?\n[ \t]+/g, ' ');

/** A top-level header of a message (unfolded). */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  return new RegExp(`^${name}: (.*?)\\r?$`, 'im').exec(unfold(head))?.[1];
}

export const subjectOf = (raw: string): string => header(raw, 'Subject') ?? '';

const decodeQp = (s: string): string => {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
};

/** The decoded text/plain part, or undefined when the message has none. */
export function textPart(raw: string): string | undefined {
  const m = /Content-Type: text\/plain[^\r\n]*\r?\n((?:[^\r\n]+\r?\n)*?)\r?\n([\s\S]*?)(?:\r?\n--[^\r\n]+|$)/i.exec(raw);
  if (!m) return undefined;
  const headers = m[1] ?? '';
  const body = m[2] ?? '';
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return decodeQp(body).replace(/\r\n/g, '\n');
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
  return body.replace(/\r\n/g, '\n');
}

/** A test app whose notices go by SMTP to a fresh sink (links under https://secmod.test); `close` stops both. */
export async function startTestAppWithMail(env: Record<string, string> = {}): Promise<TestApp & { readonly smtp: SmtpSink }> {
  const smtp = await startSmtpSink();
  const t = await startTestApp({ SMTP_URL: smtp.url, SECMOD_PUBLIC_URL: 'https://secmod.test', ...env });
  return {
    ...t,
    smtp,
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}
