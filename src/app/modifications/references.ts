// Modification references (sec-process.md §5.1, `reference.format`): DP or MP followed by
// three zero-padded digits; the number is kept on conversion, and either prefix resolves.

export const modificationStream = (n: number): string => `modification-${n}`;

export const formatReference = (prefix: 'DP' | 'MP', n: number): string => `${prefix}${String(n).padStart(3, '0')}`;

/** The number behind "DP014", "MP014" or "14"; undefined for anything else. */
export function parseReference(text: string): number | undefined {
  const m = /^(?:DP|MP)?(\d{1,9})$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
