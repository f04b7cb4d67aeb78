// The notification services the web adapter and the delivery worker share, built in one place
// (the composition root calls this).
import type { Config } from '../config.ts';
import type { Db } from '../store/database.ts';
import { DigestAssembler } from './digest.ts';
import { NoticeTemplates } from './notice-templates.ts';
import { NotificationPreferences } from './preferences.ts';
import { Subscriptions } from './subscriptions.ts';
import { unsubscribeLinks, type UnsubscribeLinks } from './unsubscribe.ts';

export interface NotifyServices {
  readonly preferences: NotificationPreferences;
  readonly subscriptions: Subscriptions;
  readonly templates: NoticeTemplates;
  readonly unsubscribe: UnsubscribeLinks;
  readonly digests: DigestAssembler;
  /** What the delivery worker needs of these. */
  readonly deliveryOptions: { readonly templates: NoticeTemplates; readonly unsubscribe: UnsubscribeLinks; readonly digests: DigestAssembler };
}

export function notifyServices(db: Db, config: Pick<Config, 'chainKey' | 'publicUrl' | 'digestTime'>, now: () => Date): NotifyServices {
  const subscriptions = new Subscriptions(db, now);
  const templates = new NoticeTemplates(db, now, config.publicUrl);
  const unsubscribe = unsubscribeLinks(config.chainKey, config.publicUrl);
  // The digest follows the application clock, so the manual clock can bring it on in tests.
  const digests = new DigestAssembler(db, { time: config.digestTime, now });
  return {
    preferences: new NotificationPreferences(db, subscriptions, now),
    subscriptions,
    templates,
    unsubscribe,
    digests,
    deliveryOptions: { templates, unsubscribe, digests },
  };
}
