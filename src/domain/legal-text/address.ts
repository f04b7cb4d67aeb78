// Addresses are the join key of the whole engine (apply, diff, redline, rebase), so building and
// parsing them lives in one place.
import type { Address } from './model.ts';

const APPENDIX_CLAUSE = /^([A-Z]{1,2}) (\d+(?:\.\d+)*)/;
const SECTION_CLAUSE = /^([A-Z])(\d+[A-Z]?\.\d+[A-Z]?)/;
const SECTION_ONLY = /^[A-Z]{1,2}$/;

export interface ParsedAddress {
  readonly section: string;
  /** The clause address ("C2.3", "AG 3.2.4"), absent for a section address. */
  readonly clause?: string;
  /** The defined term, for "A1.1[Term]…". */
  readonly term?: string;
  /** Paragraph labels below the clause or definition, outermost first. */
  readonly labels: readonly string[];
}

export const clauseAddress = (section: string, appendix: boolean, number: string): Address =>
  appendix ? `${section} ${number}` : number;

export const paragraphAddress = (parent: Address, label: string): Address => `${parent}(${label})`;

export const definitionAddress = (clause: Address, term: string): Address => `${clause}[${term}]`;

export function parseAddress(address: Address): ParsedAddress | undefined {
  if (SECTION_ONLY.test(address)) return { section: address, labels: [] };
  const m = APPENDIX_CLAUSE.exec(address) ?? SECTION_CLAUSE.exec(address);
  if (!m) return undefined;
  const section = m[1] ?? '';
  const clause = m[0];
  let rest = address.slice(clause.length);
  let term: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    term = rest.slice(1, close);
    rest = rest.slice(close + 1);
  }
  const labels: string[] = [];
  const label = /^\(([^()]+)\)/;
  while (rest.length > 0) {
    const l = label.exec(rest);
    if (!l) return undefined;
    labels.push(l[1] ?? '');
    rest = rest.slice(l[0].length);
  }
  return term === undefined ? { section, clause, labels } : { section, clause, term, labels };
}

/** The address of the node that holds this one ("" for a section). */
export function parentAddress(address: Address): Address {
  if (address.endsWith(')')) return address.slice(0, address.lastIndexOf('('));
  if (address.endsWith(']')) return address.slice(0, address.lastIndexOf('['));
  return parseAddress(address)?.clause === undefined ? '' : (parseAddress(address)?.section ?? '');
}

/** True when `address` is `ancestor` or lies inside it. */
export const isWithin = (address: Address, ancestor: Address): boolean =>
  address === ancestor ||
  (address.startsWith(ancestor) && ancestor.length > 0 && (() => {
    const next = address.charAt(ancestor.length);
    // "C2.3" contains "C2.3(a)" and "A1.1[T]", not "C2.30"; a section contains its clauses.
    if (next === '(' || next === '[') return true;
    return parseAddress(address)?.section === ancestor && parseAddress(ancestor)?.clause === undefined;
  })());
