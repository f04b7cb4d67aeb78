// Limb numbering. "(i)" is ambiguous in the SEC: it is the ninth lettered limb after "(h)", and the
// first roman sub-limb under a limb that ends with a colon. The same holds for "(v)" and "(x)".
// Both the importer and the drafting checker resolve it here, from context.
import type { Numbering } from './model.ts';

const ROMAN = /^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$/;

export const isRomanLabel = (label: string): boolean => ROMAN.test(label);

const ROMAN_VALUES: ReadonlyArray<readonly [string, number]> = [
  ['x', 10], ['ix', 9], ['v', 5], ['iv', 4], ['i', 1],
];

export function romanValue(label: string): number {
  let rest = label;
  let total = 0;
  for (const [symbol, value] of ROMAN_VALUES) {
    while (rest.startsWith(symbol)) {
      total += value;
      rest = rest.slice(symbol.length);
    }
  }
  return total;
}

export function toRoman(n: number): string {
  let rest = n;
  let out = '';
  for (const [symbol, value] of ROMAN_VALUES) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** a=1 … z=26, aa=27 … (bijective base 26, as "(aa)" follows "(z)"). */
export function alphaValue(label: string): number {
  let n = 0;
  for (const ch of label.toLowerCase()) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n;
}

export function toAlpha(n: number): string {
  let rest = n;
  let out = '';
  while (rest > 0) {
    const r = (rest - 1) % 26;
    out = String.fromCharCode(97 + r) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

export const nextAlpha = (label: string): string => toAlpha(alphaValue(label) + 1);
export const nextRoman = (label: string): string => toRoman(romanValue(label) + 1);

export interface NumberingContext {
  /** The label of the lettered limb currently open, if any. */
  readonly openAlpha?: string;
  /** The label of the roman limb currently open (under openAlpha), if any. */
  readonly openRoman?: string;
  /** True when the open lettered limb has no sub-limbs yet and its text ends with ":" (a list follows). */
  readonly alphaIntroducesList: boolean;
}

/** Decide how a lower-case or capital label is numbered, given what is open. */
export function resolveNumbering(label: string, ctx: NumberingContext): Numbering {
  if (/^[A-Z]+$/.test(label)) return 'upper';
  if (!isRomanLabel(label)) return 'alpha';
  // Continuing an open roman list wins: "(v)" after "(iv)".
  if (ctx.openRoman !== undefined && nextRoman(ctx.openRoman) === label) return 'roman';
  // Continuing the lettered list: "(i)" after "(h)", "(v)" after "(u)".
  if (ctx.openAlpha !== undefined && nextAlpha(ctx.openAlpha) === label) return 'alpha';
  // Multi-letter roman labels ("ii", "iv") are never letters in practice.
  if (label.length > 1) return 'roman';
  // A first "(i)" under a limb that introduces a list.
  if (label === 'i' && ctx.openAlpha !== undefined && ctx.alphaIntroducesList) return 'roman';
  return 'alpha';
}

/** Whether a limb's text introduces a list of sub-limbs. */
export const introducesList = (text: string): boolean => /[:—–-]\s*$/.test(text);
