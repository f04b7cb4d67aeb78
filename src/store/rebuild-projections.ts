// `secmod rebuild`: empty every projection table and replay the whole log through the
// projectors, in one transaction (readers see the old or the new read model, never half).
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { toStoredEvent, type Projector } from './event-store.ts';

export async function rebuildProjections(db: Db, projectors: readonly Projector[], batchSize = 5000): Promise<{ events: number }> {
  return db.transaction().execute(async (trx) => {
    const tables = [...new Set(projectors.flatMap((p) => p.tables))];
    if (tables.length > 0) await sql.raw(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')}`).execute(trx);
    let after = 0;
    let count = 0;
    for (;;) {
      const rows = await trx.selectFrom('events').selectAll().where('position', '>', after).orderBy('position').limit(batchSize).execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const event = toStoredEvent(row);
        for (const p of projectors) await p.apply(trx, event);
        after = event.position;
        count++;
      }
    }
    return { events: count };
  });
}
