import { describe, expect, it } from 'vitest';
import { mayDraftLegalText, mayExportRecord, mayGenerateDocuments, mayStoreCodeVersion } from './artefact-entitlements.ts';

const ca = { userId: 'u1', organisationId: 'secas', roles: [{ role: 'code-administrator' as const }] };
const party = { userId: 'u2', organisationId: 'brightside-supply', roles: [{ role: 'party-user' as const }] };
const authority = { userId: 'u3', organisationId: 'ofgem', roles: [{ role: 'authority-decision-maker' as const }] };
const admin = { userId: 'u4', roles: [{ role: 'system-administrator' as const }] };

describe('artefact entitlements (sec-process.md §8)', () => {
  it('the Code Administrator drafts legal text and generates documents; a Party does not', () => {
    expect(mayDraftLegalText(ca)).toBeUndefined();
    expect(mayGenerateDocuments(ca)).toBeUndefined();
    expect(mayDraftLegalText(party)).toMatchObject({ code: 'not-entitled', status: 403 });
    expect(mayGenerateDocuments(party)).toMatchObject({ code: 'not-entitled', status: 403 });
  });

  it('a Code version is stored by the Code Administrator or an administrator', () => {
    expect(mayStoreCodeVersion(admin)).toBeUndefined();
    expect(mayStoreCodeVersion(party)).toMatchObject({ status: 403 });
  });

  it("the record goes to the Authority, the Code Administrator or the Proposer's organisation", () => {
    const proposer = { userId: 'p', organisationId: 'brightside-supply' };
    expect(mayExportRecord(authority, proposer)).toBeUndefined();
    expect(mayExportRecord(party, proposer)).toBeUndefined();
    expect(mayExportRecord(party, { userId: 'p', organisationId: 'northern-lights-energy' })).toMatchObject({ status: 403 });
  });
});
