// Email channels: SMTP (nodemailer, SMTP_URL), or in demo mode a catch-all inbox in the
// database that the portal shows, so nothing leaves the machine.
import nodemailer from 'nodemailer';
import type { Db } from '../store/database.ts';

export interface OutgoingEmail {
  readonly deliveryKey: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (e) => {
      await transport.sendMail({
        from,
        to: e.to,
        subject: e.subject,
        text: e.text,
        html: e.html,
        ...(e.headers ? { headers: { ...e.headers } } : {}),
        // The delivery key as Message-ID lets a receiver drop a repeat after a crash between
        // sending and recording the delivery.
        messageId: `<${e.deliveryKey.replace(/[^\w.-]/g, '.')}@secmod.invalid>`,
      });
    },
  };
}

export function demoInboxMailer(db: Db): Mailer {
  return {
    send: async (e) => {
      await db
        .insertInto('demo_inbox')
        .values({ delivery_key: e.deliveryKey, recipient: e.to, subject: e.subject, text_body: e.text, html_body: e.html })
        .onConflict((oc) => oc.column('delivery_key').doNothing())
        .execute();
    },
  };
}
