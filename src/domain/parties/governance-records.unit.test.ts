import { describe, expect, it } from 'vitest';
import { panelElectorate } from './panel-electorate.ts';
import { tallyAppointmentRequest } from './change-board-appointment.ts';

describe('Panel elections', () => {
  it('R-M-02 a Defaulting Party and every other member of its Voting Group cannot vote in Panel elections (M8.5(a))', () => {
    const e = panelElectorate([
      { organisationId: 'harbour', votingGroupId: 'vg-harbour', defaulting: true },
      { organisationId: 'harbour-affiliate', votingGroupId: 'vg-harbour', defaulting: false },
      { organisationId: 'brightside', votingGroupId: 'vg-brightside', defaulting: false },
    ]);
    expect(e.voters).toEqual(['brightside']);
    expect(e.excluded).toEqual({ harbour: 'a Defaulting Party (M8.5(a))', 'harbour-affiliate': 'in the Voting Group of a Defaulting Party (M8.5(a))' });
  });

  it('when the default ends the whole Voting Group votes again', () => {
    expect(panelElectorate([{ organisationId: 'harbour', votingGroupId: 'vg-harbour', defaulting: false }, { organisationId: 'aff', votingGroupId: 'vg-harbour', defaulting: false }]).voters).toEqual(['harbour', 'aff']);
  });
});

describe('Change Board appointment requests', () => {
  it("R-M-05 a defaulting non-Supplier Party's view is recorded as disregarded under M8.5(c)(ii) and not counted", () => {
    const t = tallyAppointmentRequest('remove', 'other-sec-party', [
      { organisationId: 'helix', partyCategory: 'other-sec-party', defaulting: true, view: 'support' },
      { organisationId: 'acme', partyCategory: 'other-sec-party', defaulting: false, view: 'oppose' },
    ]);
    expect(t.views.find((v) => v.organisationId === 'helix')).toMatchObject({ counted: false, note: 'disregarded under M8.5(c)(ii)' });
    expect([t.support, t.oppose]).toEqual([0, 1]);
  });

  it('a defaulting Supplier is not covered by M8.5(c)(ii) (its seat is suspended instead, M8.5(c)(i))', () => {
    const t = tallyAppointmentRequest('appoint', 'small-supplier', [{ organisationId: 'harbour', partyCategory: 'small-supplier', defaulting: true, view: 'support' }]);
    expect(t.support).toBe(1);
  });

  it('views from other Party Categories are not part of the request', () => {
    expect(tallyAppointmentRequest('appoint', 'gas-network', [{ organisationId: 'x', partyCategory: 'large-supplier', defaulting: false, view: 'support' }]).views).toEqual([]);
  });
});
