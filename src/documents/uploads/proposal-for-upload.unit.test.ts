// The SupportingDocumentAttached event folds into the proposal's state without moving it
// (no transition, no timers), replays to the same state, and the upload rule reads the state
// the proposal is in.
import { describe, expect, it } from 'vitest';
import { evolve, replay } from '../../domain/modification/evolve.ts';
import { makeEvent, type ModificationEvent } from '../../domain/modification/events.ts';
import { lifecycle } from '../../domain/modification/test-support.ts';
import type { ModificationState } from '../../domain/modification/state.ts';
import { proposalForUpload } from './proposal-for-upload.ts';

const attached = (s: ModificationState, n: number): ModificationEvent => makeEvent('SupportingDocumentAttached', {
  documentId: `sd-14-${n}`, sha256: 'a'.repeat(64), bytes: 42, mediaType: 'application/pdf', fileName: 'case.pdf',
  uploadedBy: { userId: 'u-proposer', organisationId: 'northern-lights' }, secMaterials: true,
  at: '2025-03-04T10:00:00.000Z', transition: 'attach-supporting-document', to: s.state,
}, ['M5.1']);

describe('SupportingDocumentAttached on the proposal’s stream', () => {
  it('adds the document to the record and leaves the stage and the timers as they were', () => {
    const stream = lifecycle('S05');
    const before = stream.s;
    const after = evolve(before, attached(before, 1));
    expect(after.state).toBe(before.state);
    expect(after.timers).toEqual(before.timers);
    expect(after.version).toBe(before.version + 1);
    expect(after.supportingDocuments).toEqual([{
      documentId: 'sd-14-1', sha256: 'a'.repeat(64), bytes: 42, mediaType: 'application/pdf', fileName: 'case.pdf',
      uploadedBy: { userId: 'u-proposer', organisationId: 'northern-lights' }, state: 'S05', at: '2025-03-04T10:00:00.000Z',
    }]);
    expect(replay([...stream.events, attached(before, 1)])).toEqual(after);
  });

  it('the upload rule sees the phase, the Working Group, DCC assessments, open consultations and a closed record', () => {
    const draft = lifecycle('S01').s;
    expect(proposalForUpload(draft, 'DP014')).toMatchObject({ phase: 'draft', closed: false, dccAssessmentRequested: false, consultationOpen: false });
    expect(proposalForUpload(draft, 'DP014').workingGroup).toBeUndefined();
    const refinement = lifecycle('S06').s;
    expect(proposalForUpload(refinement, 'MP014')).toMatchObject({ phase: 'proposal', dccAssessmentRequested: false, consultationOpen: false });
    expect(proposalForUpload(refinement, 'MP014').workingGroup).toBeDefined();
    const asked = { ...refinement, dccAssessments: [{ requestId: 'DCC-1', type: 'impact' as const, urgent: false, requestedAt: '2025-03-04T10:00:00Z' }] };
    expect(proposalForUpload(asked, 'MP014').dccAssessmentRequested).toBe(true);
    expect(proposalForUpload(lifecycle('S09').s, 'MP014').consultationOpen).toBe(true);
    expect(proposalForUpload(lifecycle('S17').s, 'MP014').closed).toBe(true);
  });
});
