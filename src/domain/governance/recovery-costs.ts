// Recovery Costs (L10.24): the Panel sets the threshold after consulting the Parties and the
// Authority (lead-in); the DCC may refer payment dates and the Panel determines them, per
// Party and in instalments ((a), (b)).
import { accept, refuse, type Decision } from '../shared/decision.ts';

export interface ThresholdConsultation {
  readonly consultationId: string;
  readonly consulted: readonly ('parties' | 'authority')[];
  readonly closedOn: string;
}

export function setRecoveryCostsThreshold(amountGbp: number, consultation: ThresholdConsultation | undefined): Decision<{ type: 'RecoveryCostsThresholdSet'; data: { amountGbp: number; consultationId: string } }> {
  if (!consultation) return refuse('guard-failed', 'The threshold can be saved only with a linked consultation of the Parties and the Authority', 'L10.24', { guards: ['threshold-consulted'], status: 422 });
  const missing = (['parties', 'authority'] as const).filter((c) => !consultation.consulted.includes(c));
  if (missing.length) return refuse('guard-failed', `The consultation did not cover ${missing.join(' and ')}`, 'L10.24', { guards: ['threshold-consulted'], status: 422 });
  if (!Number.isInteger(amountGbp) || amountGbp <= 0) return refuse('invalid-input', 'The threshold is a whole number of pounds above zero', 'L10.24');
  return accept({ type: 'RecoveryCostsThresholdSet', data: { amountGbp, consultationId: consultation.consultationId } });
}

export interface Instalment {
  readonly dueOn: string;
  readonly amountGbp: number;
}

export interface PaymentDetermination {
  readonly referralId: string;
  /** Party → its instalments; dates may differ per Party (L10.24(b)). */
  readonly schedule: Readonly<Record<string, readonly Instalment[]>>;
}

export function determinePaymentDates(referral: { referralId: string; referredBy: 'dcc' } | undefined, d: PaymentDetermination): Decision<{ type: 'RecoveryCostPaymentDatesDetermined'; data: PaymentDetermination }> {
  if (!referral || referral.referralId !== d.referralId) return refuse('guard-failed', 'The Panel determines payment dates on a DCC referral (L10.24(a))', 'L10.24(a)', { guards: ['dcc-referral'], status: 422 });
  for (const [party, instalments] of Object.entries(d.schedule)) {
    if (instalments.length === 0) return refuse('invalid-input', `Give at least one instalment for ${party}`, 'L10.24(b)');
    if (instalments.some((i) => !/^\d{4}-\d{2}-\d{2}$/.test(i.dueOn) || !(i.amountGbp > 0))) return refuse('invalid-input', `Each instalment for ${party} needs a date and an amount above zero`, 'L10.24(b)');
  }
  return accept({ type: 'RecoveryCostPaymentDatesDetermined', data: d });
}
