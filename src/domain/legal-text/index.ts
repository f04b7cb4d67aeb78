// The legal-text engine's public API (architecture.md: domain/legal-text — Code documents and
// versions, change sets, redline, apply, rebase, drafting checker). Pure: no I/O, no clock.
export type {
  Address, Clause, ClauseLayout, CodeNode, CodeVersion, Definition, NodeLayout, Numbering, Paragraph, Section, TextNode,
} from './model.ts';
export { parseAddress, parentAddress, isWithin } from './address.ts';
export type { ParsedAddress } from './address.ts';
export { importCode } from './import-text.ts';
export type { ImportOptions } from './import-text.ts';
export { exportCode, exportClause } from './export-text.ts';
export { indexCode, definitionsOf, walkCode, fullText } from './code-index.ts';
export type { CodeIndex, DefinitionEntry } from './code-index.ts';
export { findCitations } from './cross-references.ts';
export type { Citation } from './cross-references.ts';
export type { AmendFields, ChangeOperation, ChangeSet, Conflict, ConflictKind } from './change-set.ts';
export { applyChangeSet, applyRelease } from './apply.ts';
export type { ApplyResult, Release, Touch } from './apply.ts';
export { diffCodes } from './diff-codes.ts';
export { redline, diffText, oldTextOf, newTextOf } from './redline.ts';
export type { Redline, RedlineEntry, RedlineGranularity, RedlineOptions, RedlineSegment, RedlineStatus, SegmentOp } from './redline.ts';
export { redlineTexts } from './redline-texts.ts';
export type { RedlineTextsOptions } from './redline-texts.ts';
export { renderRedlineHtml, escapeHtml } from './redline-html.ts';
export { rebaseChangeSet } from './rebase.ts';
export type { DraftingCheck, RebaseResult } from './rebase.ts';
export { checkText } from './drafting-checker.ts';
export type { CheckOptions, DraftingFinding, DraftingRule } from './drafting-checker.ts';
export { SECTION_TITLES, isCanonicalTitle } from './section-titles.ts';
export { trackedChangesModel, acceptAll, rejectAll } from './tracked-changes.ts';
export type { TrackedEntry, TrackedParagraph, TrackedRun, RevisionKind } from './tracked-changes.ts';
