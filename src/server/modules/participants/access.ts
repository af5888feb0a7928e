/** Study access and the identity fields of the interview study (sealed with the study key). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import type { StudyRole } from '../../../shared/api';
import type { ParticipantIdentity } from '../../../shared/participants';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import type { ParticipantRow } from './participants.repository';

export interface Access {
  study: StudyRow;
  actorId: string;
  role: StudyRole;
  /** may read and write identities ('study.confidential') */
  confidential: boolean;
}

export async function studyAccess(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, role, actorId: a.userId, confidential: canInStudy(role, 'study.confidential') };
}

export function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

export function assertConfidential(a: Access) {
  if (!a.confidential) {
    throw new AppError('forbidden', 'Naam, contactgegevens en geboortemaand van deelnemers mag alleen de projectleider invullen of inzien.', 403);
  }
}

export const FIELDS = { name: 'participants.name', contact: 'participants.contact', birthMonth: 'participants.birth_month', notes: 'interviews.notes' } as const;

export interface SealedIdentity {
  nameEnc: string | null;
  contactEnc: string | null;
  birthMonthEnc: string | null;
}

const sealOrNull = async (deps: Deps, studyId: string, field: string, value: string | null, via?: Kysely<DB>) =>
  value ? deps.keys.encrypt(studyId, field, value, via) : null;

export async function sealIdentity(deps: Deps, studyId: string, id: ParticipantIdentity | undefined, via?: Kysely<DB>): Promise<SealedIdentity> {
  return {
    nameEnc: await sealOrNull(deps, studyId, FIELDS.name, id?.name ?? null, via),
    contactEnc: await sealOrNull(deps, studyId, FIELDS.contact, id?.contact ?? null, via),
    birthMonthEnc: await sealOrNull(deps, studyId, FIELDS.birthMonth, id?.birthMonth ?? null, via),
  };
}

export async function openBirthMonth(deps: Deps, row: Pick<ParticipantRow, 'study_id' | 'birth_month_enc'>, via?: Kysely<DB>): Promise<string | null> {
  return row.birth_month_enc ? deps.keys.decrypt(row.study_id, FIELDS.birthMonth, row.birth_month_enc, via) : null;
}

export async function openIdentity(deps: Deps, row: ParticipantRow, via?: Kysely<DB>): Promise<{ name: string; contact: string; birthMonth: string | null }> {
  return {
    name: row.name_enc ? await deps.keys.decrypt(row.study_id, FIELDS.name, row.name_enc, via) : '',
    contact: row.contact_enc ? await deps.keys.decrypt(row.study_id, FIELDS.contact, row.contact_enc, via) : '',
    birthMonth: await openBirthMonth(deps, row, via),
  };
}
