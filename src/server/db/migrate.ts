/** The one migration set, for PGlite and PostgreSQL alike. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_platform';
import * as m0002 from './migrations/0002_dossiers';
import * as m0003 from './migrations/0003_dossier_blind';
import * as m0004 from './migrations/0004_participants';
import * as m0005 from './migrations/0005_coding';
import * as m0006 from './migrations/0006_surveys';
import * as m0007 from './migrations/0007_document_attributes';
import * as m0008 from './migrations/0008_teamwork';
import * as m0009 from './migrations/0009_analysis';
import * as m0010 from './migrations/0010_legal';
import * as m0011 from './migrations/0011_findings';
import * as m0012 from './migrations/0012_reflection';
import * as m0013 from './migrations/0013_reports';
import * as m0014 from './migrations/0014_impact';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_dossiers': m0002,
  '0003_dossier_blind': m0003,
  '0004_participants': m0004,
  '0005_coding': m0005,
  '0006_surveys': m0006,
  '0007_document_attributes': m0007,
  '0008_teamwork': m0008,
  '0009_analysis': m0009,
  '0010_legal': m0010,
  '0011_findings': m0011,
  '0012_reflection': m0012,
  '0013_reports': m0013,
  '0014_impact': m0014,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export const latestSchemaVersion = Object.keys(migrations).sort().at(-1)!;

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Migratie mislukt: ${(error as Error).message}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function currentSchemaVersion(db: Kysely<any>): Promise<string | null> {
  const migrator = new Migrator({ db, provider });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name).sort().at(-1) ?? null;
}
