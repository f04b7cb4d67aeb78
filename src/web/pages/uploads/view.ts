// The proposal page's "Supporting documents" section: each document attached to the record
// (from the folded state, so it is what the event log says), with its download link, and
// whether the viewer may attach one — the domain's rule, so the page and the API agree.
import type { Principal } from '../../../app/identity/principal.ts';
import type { ModificationState } from '../../../domain/modification/state.ts';
import { STATES } from '../../../domain/rulebook/states.ts';
import { mayAttachSupportingDocument } from '../../../domain/parties/supporting-document-entitlements.ts';
import { proposalForUpload } from '../../../documents/uploads/proposal-for-upload.ts';
import { formatBytes } from '../../../documents/uploads/multipart.ts';
import { artefactActor } from '../../api/refuse-if.ts';
import { londonDateTime } from '../calendar/deadlines.ts';
import type { Directory } from '../proposal/proposal-view.ts';

const TYPE_LABELS: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'text/csv; charset=utf-8': 'CSV',
  'text/plain; charset=utf-8': 'Text',
};

export interface SupportingDocumentsView {
  readonly rows: readonly {
    readonly documentId: string; readonly fileName: string; readonly href: string; readonly type: string; readonly size: string;
    readonly description?: string; readonly by: string; readonly at: string; readonly stage: string;
  }[];
  readonly mayAttach: boolean;
}

export function supportingDocumentsView(state: ModificationState, reference: string, dir: Directory, principal: Principal | undefined): SupportingDocumentsView {
  const rows = (state.supportingDocuments ?? []).map((d) => {
    const user = dir.users.get(d.uploadedBy.userId);
    const organisation = d.uploadedBy.organisationId ? dir.organisations.get(d.uploadedBy.organisationId) : undefined;
    return {
      documentId: d.documentId,
      fileName: d.fileName,
      href: `/proposals/${reference}/documents/${d.documentId}`,
      type: TYPE_LABELS[d.mediaType] ?? d.mediaType,
      size: formatBytes(d.bytes),
      ...(d.description ? { description: d.description } : {}),
      by: [user?.name ?? d.uploadedBy.userId, organisation].filter(Boolean).join(', '),
      at: londonDateTime(d.at),
      stage: STATES.find((s) => s.id === d.state)?.name.replace(/([a-z])([A-Z])/g, '$1 $2') ?? d.state,
    };
  });
  const mayAttach = principal !== undefined && mayAttachSupportingDocument(artefactActor(principal), proposalForUpload(state, reference)) === undefined;
  return { rows, mayAttach };
}
