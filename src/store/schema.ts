// Table types for Kysely; they mirror the SQL migrations.
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface EventsTable {
  position: Generated<number>;
  stream_id: string;
  stream_version: number;
  type: string;
  data: Json;
  metadata: Json;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

export interface EventChainHeadTable {
  id: number;
  position: number;
  hash: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Date;
}

export interface OutboxTable {
  id: Generated<number>;
  event_position: number;
  delivery_key: string;
  channel: string;
  recipient: string;
  payload: Json;
  created_at: Date;
  available_at: Date;
  attempts: Generated<number>;
  delivered_at: Date | null;
  last_error: string | null;
  claimed_by: string | null;
  template_version: ColumnType<number | null, number | null | undefined, number | null>;
  claimed_until: Date | null;
}

export interface DemoInboxTable {
  id: Generated<number>;
  delivery_key: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  sent_at: Generated<Date>;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  party_category: string | null;
  voting_group_id: string | null;
  is_party: boolean;
  defaulting: Generated<boolean>;
  defaulting_since: Date | null;
  stream_version: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  organisation_id: string | null;
  disabled: Generated<boolean>;
  stream_version: number;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  role: string;
  body: string | null;
  organisation_id: string | null;
  seat: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface CredentialsTable {
  user_id: string;
  password_hash: string;
  changed_at: Date;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started: Date;
}

export interface ManualClockTable {
  id: number;
  instant: Date;
}

export interface ModificationRegisterTable {
  number: number;
  reference: string;
  title: string;
  problem_statement: string;
  phase: string;
  state_id: string;
  state_name: string;
  path: number | null;
  fast_track: boolean;
  proposer_user_id: string | null;
  proposer_organisation_id: string | null;
  rulebook_version: string;
  next_deadline: Date | null;
  state: Json;
  stream_version: number;
  created_at: Date;
  updated_at: Date;
  /** Generated from state (migration 042); never written. */
  target_release: ColumnType<string | null, never, never>;
}

export interface CodeVersionsTable {
  version: string;
  title: string;
  text: string;
  clause_count: number;
  excerpt: boolean;
  imported_at: Date;
}

export interface LegalTextDocumentsTable {
  document_id: string;
  version: number;
  modification_number: number | null;
  baseline: string;
  text: string;
  findings: Json;
  error_count: number;
  recorded_at: Date;
  recorded_by: string;
}

export interface ChangeSetsTable {
  change_set_id: string;
  version: number;
  modification_number: number | null;
  base_version: string;
  operations: Json;
  operation_count: number;
  source: 'operations' | 'document' | 'rebase';
  document_id: string | null;
  document_version: number | null;
  rebased_from: string | null;
  recorded_at: Date;
  recorded_by: string;
}

export interface SignificantCodeReviewsTable {
  id: string;
  subject: string;
  notice_date: string;
  start_basis: string;
  conclusion_document_date: string | null;
  no_modification_conclusion_date: string | null;
  scr_draft_proposal_ref: string | null;
  scr_draft_proposal_date: string | null;
  alv_decision_date: string | null;
  phase_end: string | null;
  state: Json;
  stream_version: number;
  created_at: Date;
  updated_at: Date;
}

export interface AuthorityLedVariationsTable {
  id: string;
  scr_id: string;
  title: string;
  state_name: string;
  decision_date: string | null;
  state: Json;
  stream_version: number;
  created_at: Date;
  updated_at: Date;
}

export interface BodyDecisionsTable {
  id: string;
  body: string;
  decision: string;
  subject: string;
  affected_provisions: Json;
  decision_date: string;
  minutes_document_id: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface ObligationsTable {
  id: string;
  kind: string;
  owner: string;
  status: string;
  problem_ref: string | null;
  recommendation_ref: string | null;
  closed_by: ColumnType<unknown, string | null, string | null>;
  state: Json;
  stream_version: number;
  opened_at: Date;
  updated_at: Date;
}

export interface GeneratedDocumentsTable {
  document_id: string;
  version: number;
  modification_number: number;
  kind: string;
  format: string;
  media_type: string;
  file_name: string;
  sha256: string;
  byte_length: number;
  content: Buffer;
  event_position: number;
  source_stream_version: number;
  source_state: string;
  generated_by: string;
  generated_at: Date;
}

/** Uploaded bytes, stored once per SHA-256 (migration 030). */
export interface DocumentContentsTable {
  sha256: string;
  byte_length: number;
  content: Buffer;
  stored_at: Date;
}

/** A supporting document attached to a proposal (SupportingDocumentAttached). */
export interface SupportingDocumentsTable {
  document_id: string;
  modification_number: number;
  sequence: number;
  sha256: string;
  byte_length: number;
  media_type: string;
  file_name: string;
  description: string | null;
  uploaded_by: string;
  uploaded_organisation_id: string | null;
  uploaded_at: Date;
  state_id: string;
  event_position: number;
}

export interface WebhookEndpointsTable {
  id: string;
  organisation_id: string;
  url: string;
  description: string | null;
  secret_encrypted: string;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
}

export interface GovernanceRecordsTable {
  id: string;
  kind: string;
  proposal_refs: string[];
  state: Json;
  stream_version: number;
  created_at: Date;
  updated_at: Date;
}

export interface NotificationPreferencesTable {
  user_id: string;
  mode: 'immediate' | 'digest' | 'off';
  muted: string[];
  updated_at: Date;
}

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  kind: 'proposal' | 'path' | 'party-category' | 'search';
  target: string;
  level: 'significant' | 'everything';
  created_at: Date;
}

export interface NoticeTemplateVersionsTable {
  template: string;
  version: number;
  body: string;
  created_by: string;
  created_at: Date;
}

export interface DeadlineRemindersTable {
  modification_number: number;
  timer: string;
  due_at: Date;
  reminded_at: Date;
}

export interface Database {
  deadline_reminders: DeadlineRemindersTable;
  governance_records: GovernanceRecordsTable;
  demo_inbox: DemoInboxTable;
  code_versions: CodeVersionsTable;
  legal_text_documents: LegalTextDocumentsTable;
  change_sets: ChangeSetsTable;
  modification_register: ModificationRegisterTable;
  events: EventsTable;
  event_chain_head: EventChainHeadTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox: OutboxTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttle: SignInThrottleTable;
  manual_clock: ManualClockTable;
  significant_code_reviews: SignificantCodeReviewsTable;
  authority_led_variations: AuthorityLedVariationsTable;
  body_decisions: BodyDecisionsTable;
  obligations: ObligationsTable;
  generated_documents: GeneratedDocumentsTable;
  webhook_endpoints: WebhookEndpointsTable;
  notification_preferences: NotificationPreferencesTable;
  subscriptions: SubscriptionsTable;
  notice_template_versions: NoticeTemplateVersionsTable;
  document_contents: DocumentContentsTable;
  supporting_documents: SupportingDocumentsTable;
}
