import { describe, expect, it } from 'vitest';
import type { RoleId } from './roles.ts';
import { mayAttachSupportingDocument, maySeeSupportingDocuments, uploadEntitlement, type ProposalForUpload } from './supporting-document-entitlements.ts';

const user = (userId: string, organisationId: string | undefined, ...roles: RoleId[]) => ({ userId, ...(organisationId ? { organisationId } : {}), roles: roles.map((role) => ({ role })) });

const draft: ProposalForUpload = {
  reference: 'DP014', phase: 'draft', closed: false,
  proposer: { userId: 'p1', organisationId: 'northern-lights', scope: 'organisation' },
  dccAssessmentRequested: false, consultationOpen: false,
};
const proposal: ProposalForUpload = { ...draft, reference: 'MP014', phase: 'proposal' };

describe('who may attach a supporting document (sec-process.md §8)', () => {
  it("the Proposer and any user of the Proposer's organisation may", () => {
    expect(mayAttachSupportingDocument(user('p1', 'northern-lights', 'party-user'), draft)).toBeUndefined();
    expect(uploadEntitlement(user('p2', 'northern-lights', 'party-user'), draft)).toBe('proposer');
  });

  it('an individual Proposer (SSC or SMKI PMA member) does not bring their organisation with them', () => {
    const individual = { ...draft, proposer: { userId: 'm1', organisationId: 'ssc', scope: 'user' as const } };
    expect(uploadEntitlement(user('m1', 'ssc', 'party-user'), individual)).toBe('proposer');
    expect(uploadEntitlement(user('m2', 'ssc', 'party-user'), individual)).toBeUndefined();
  });

  it('the Code Administrator, the Secretariat and the Panel may, at any stage', () => {
    for (const p of [draft, proposal]) {
      expect(uploadEntitlement(user('a', 'secas', 'code-administrator'), p)).toBe('code-administrator');
      expect(uploadEntitlement(user('s', 'secas', 'secretariat'), p)).toBe('code-administrator');
      expect(uploadEntitlement(user('c', 'panel', 'panel-chair'), p)).toBe('panel');
    }
  });

  it('the relevant committee: the CSC for a Draft Proposal, the Change Board for a Modification Proposal', () => {
    expect(uploadEntitlement(user('csc', 'csc', 'csc-member'), draft)).toBe('change-sub-committee');
    expect(mayAttachSupportingDocument(user('csc', 'csc', 'csc-member'), proposal)).toMatchObject({ code: 'not-entitled', status: 403 });
    expect(uploadEntitlement(user('cb', 'brightside', 'change-board-member'), proposal)).toBe('change-board');
    expect(mayAttachSupportingDocument(user('cb', 'brightside', 'change-board-member'), draft)).toMatchObject({ status: 403 });
  });

  it('Working Group members once the proposal has a Working Group', () => {
    const wg = user('w', 'helix', 'working-group-member');
    expect(uploadEntitlement(wg, proposal)).toBeUndefined();
    expect(uploadEntitlement(wg, { ...proposal, workingGroup: { members: [] } })).toBe('working-group');
    expect(uploadEntitlement(user('named', 'helix', 'party-user'), { ...proposal, workingGroup: { members: [{ userId: 'named' }] } })).toBe('working-group');
  });

  it('the DCC once an assessment has been asked of it', () => {
    const dcc = user('d', 'dcc', 'dcc-user');
    expect(uploadEntitlement(dcc, proposal)).toBeUndefined();
    expect(uploadEntitlement(dcc, { ...proposal, dccAssessmentRequested: true })).toBe('dcc');
  });

  it('the advisory bodies and the Authority may', () => {
    expect(uploadEntitlement(user('ssc', 'ssc', 'ssc-representative'), draft)).toBe('advisory-body');
    expect(uploadEntitlement(user('t', 'tabasc', 'tabasc-representative'), proposal)).toBe('advisory-body');
    expect(uploadEntitlement(user('o', 'ofgem', 'authority-decision-maker'), proposal)).toBe('authority');
  });

  it('another Party may only while a consultation is open, and is told why otherwise', () => {
    const other = user('x', 'brightside', 'party-user');
    const refusal = mayAttachSupportingDocument(other, proposal);
    expect(refusal).toMatchObject({ kind: 'refusal', code: 'not-entitled', status: 403 });
    expect(refusal?.message).toMatch(/Only the Proposer’s organisation.*MP014.*consultation/);
    expect(mayAttachSupportingDocument(other, { ...proposal, consultationOpen: true })).toBeUndefined();
  });

  it('a closed record takes no more documents, whoever asks', () => {
    expect(mayAttachSupportingDocument(user('a', 'secas', 'code-administrator'), { ...proposal, closed: true })).toMatchObject({ code: 'invalid-state', status: 409 });
  });
});

describe('who may read them', () => {
  it('anyone while the Modification Register is public; only signed-in users otherwise', () => {
    expect(maySeeSupportingDocuments(undefined)).toBeUndefined();
    expect(maySeeSupportingDocuments(undefined, false)).toMatchObject({ code: 'not-entitled' });
    expect(maySeeSupportingDocuments(user('x', 'brightside', 'party-user'), false)).toBeUndefined();
  });
});
