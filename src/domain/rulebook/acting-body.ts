// RB-05: the body performing the Change Sub-Committee's functions is dated. The Panel acted
// from go-live; the Change Sub-Committee acts from `csc.standUpDate` [Public: C1, C2, C19].
import type { IsoDate } from '../calendar/iso-date.ts';
import type { ActingBody } from './parameters.ts';
import type { Rulebook } from './rulebook.ts';

export const cscActingBodyOn = (rulebook: Rulebook, date: IsoDate): ActingBody =>
  date < rulebook.parameters.csc.standUpDate.value ? rulebook.parameters.csc.actingBody.value : 'change-sub-committee';
