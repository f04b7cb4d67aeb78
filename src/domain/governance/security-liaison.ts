// The Security Sub-Committee's support to other bodies (G7.18(g)) and its liaison with the
// Alt HAN Forum on Alt HAN security matters (G7.18(h)).
import { accept, refuse, type Decision } from '../shared/decision.ts';

export const REQUESTING_BODIES = ['smki-pma', 'tabasc', 'sub-committee', 'working-group'] as const;
export type RequestingBody = (typeof REQUESTING_BODIES)[number];

export interface SupportRequest {
  readonly requestId: string;
  readonly requestingBody: RequestingBody;
  /** The Working Group's proposal, or the Sub-Committee's name. */
  readonly bodyRef: string;
  readonly kind: 'support' | 'attendance';
  readonly attendance: readonly { readonly representative: string; readonly meetingDate: string }[];
}

export function requestSscSupport(input: Omit<SupportRequest, 'attendance'>): Decision<{ type: 'SscSupportRequested'; data: Omit<SupportRequest, 'attendance'> }> {
  if (!(REQUESTING_BODIES as readonly string[]).includes(input.requestingBody)) return refuse('invalid-input', 'Only the SMKI PMA, TABASC, a Sub-Committee or a Working Group may ask for SSC support', 'G7.18(g)');
  if (input.bodyRef.trim() === '') return refuse('invalid-input', 'Name the requesting body or Working Group', 'G7.18(g)');
  return accept({ type: 'SscSupportRequested', data: input });
}

export function recordSscAttendance(r: SupportRequest, representative: string, meetingDate: string): Decision<{ type: 'SscAttendanceRecorded'; data: { requestId: string; representative: string; meetingDate: string } }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meetingDate)) return refuse('invalid-input', 'Give the meeting date as YYYY-MM-DD', 'G7.18(g)');
  if (r.attendance.some((a) => a.meetingDate === meetingDate && a.representative === representative)) return refuse('conflict', 'That attendance is already recorded', 'G7.18(g)');
  return accept({ type: 'SscAttendanceRecorded', data: { requestId: r.requestId, representative, meetingDate } });
}

export interface LiaisonEntry {
  readonly entryId: string;
  readonly summary: string;
  readonly at: string;
  /** DP or MP references the liaison concerns. */
  readonly proposalRefs: readonly string[];
}

export function logAltHanLiaison(entry: LiaisonEntry): Decision<{ type: 'AltHanSecurityLiaisonLogged'; data: LiaisonEntry }> {
  if (entry.summary.trim() === '') return refuse('invalid-input', 'Summarise the liaison', 'G7.18(h)');
  if (entry.proposalRefs.some((r) => !/^(DP|MP)\d{3,9}$/.test(r))) return refuse('invalid-input', 'Link Draft or Modification Proposals by reference, like DP014', 'G7.18(h)');
  return accept({ type: 'AltHanSecurityLiaisonLogged', data: entry });
}
