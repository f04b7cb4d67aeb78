// Code versions shipped with secmod (seeds/code/sec-<version>.txt), for `secmod check-text`
// without a database.
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../seeds/code/', import.meta.url));

export async function shippedCodeVersions(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await fs.readdir(DIR)) {
    const m = /^sec-(\d+\.\d+(?:\.\d+)?)\.txt$/.exec(f);
    if (m) out.set(m[1]!, await fs.readFile(`${DIR}${f}`, 'utf8'));
  }
  return out;
}
