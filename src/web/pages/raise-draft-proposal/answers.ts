// The answers of the "Raise a Draft Proposal" journey and their GOV.UK validation messages.
// The rules themselves (entitlement, M8.5(b), problem-statement-only) stay in the domain.
import { SUBMISSION_BASES, type SubmissionBasis } from '../../../domain/modification/payload-schemas.ts';

export interface DraftProposalAnswers {
  readonly title: string;
  readonly problemStatement: string;
  readonly affectedProvisions: string;
  readonly submissionBasis: string;
  readonly recommendedPath: string;
}

export const BASIS_LABELS: Readonly<Record<SubmissionBasis, string>> = {
  voluntary: 'A change the Party wants (voluntary)',
  scr: 'A Significant Code Review outcome',
  'l8.11': 'DCC duty: Certificate Signing Request prioritisation (L8.11)',
  'l13.55': 'DCC duty: DCCKI SEC Document change (L13.55)',
  'ag3.2.4': 'DCC duty: a Problem needs a Code change (Appendix AG 3.2.4)',
  'l10.24c': 'Panel: Charging Methodology after Recovery Costs (L10.24(c))',
  'fast-track-candidate': 'A housekeeping change that may suit Fast-Track',
  'l1.17d': 'SMKI PMA after an L1.17(d) review',
  'l1.17h': 'SMKI PMA after an L1.17(h) review',
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function answersFrom(body: unknown): DraftProposalAnswers {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    title: text(b.title).trim(),
    problemStatement: text(b.problemStatement).trim(),
    affectedProvisions: text(b.affectedProvisions).trim(),
    submissionBasis: text(b.submissionBasis),
    recommendedPath: text(b.recommendedPath),
  };
}

export const provisionsOf = (a: DraftProposalAnswers): string[] =>
  a.affectedProvisions.split(/[\n,;]+/).map((p) => p.trim()).filter((p) => p !== '');

export function validate(a: DraftProposalAnswers): Record<string, string> {
  const errors: Record<string, string> = {};
  if (a.title === '') errors.title = 'Enter a title for the Draft Proposal';
  else if (a.title.length > 300) errors.title = 'Title must be 300 characters or fewer';
  if (a.problemStatement === '') errors.problemStatement = 'Describe the problem the Draft Proposal addresses';
  else if (a.problemStatement.length > 20_000) errors.problemStatement = 'Problem statement must be 20,000 characters or fewer';
  const provisions = provisionsOf(a);
  if (provisions.length === 0) errors.affectedProvisions = 'Enter at least one affected SEC provision, like D1.3';
  else if (provisions.length > 200 || provisions.some((p) => p.length > 100)) errors.affectedProvisions = 'Enter up to 200 provisions of 100 characters or fewer each';
  if (!(SUBMISSION_BASES as readonly string[]).includes(a.submissionBasis)) errors.submissionBasis = 'Select why the Draft Proposal is submitted';
  if (a.recommendedPath !== '' && !['1', '2', '3'].includes(a.recommendedPath)) errors.recommendedPath = 'Select a recommended path, or none';
  return errors;
}
