/**
 * Prepared statements on the real database (PGlite, and PostgreSQL when TNH_TEST_PG_URL is set): a statement written
 * with `prepared` is prepared once per connection and then reused; plain `sql` statements are not prepared; a
 * prepared statement still takes new parameter values and reports its errors like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { isPrepared, prepared } from './prepared';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

/** The prepared statements of the connection the transaction runs on. */
async function preparedOnConnection(db: Kysely<DB>) {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
  return rows.map((r) => r.statement);
}

describe('prepared statements', () => {
  it('marks only the statements written with prepared', () => {
    expect(isPrepared(prepared`select ${1}::int as n`.compile(t.platform.deps.db).sql)).toBe(true);
    expect(isPrepared(sql`select ${1}::int as n`.compile(t.platform.deps.db).sql)).toBe(false);
  });

  it('prepares a marked statement once on its connection and reuses it with new values', async () => {
    await t.platform.deps.db.connection().execute(async (c) => {
      const q = (n: number) => prepared<{ doubled: number }>`select (${n}::int * 2) as doubled`.execute(c);
      expect((await q(2)).rows[0].doubled).toBe(4);
      expect((await q(21)).rows[0].doubled).toBe(42);
      const statements = await preparedOnConnection(c);
      expect(statements.filter((s) => s.includes('* 2) as doubled'))).toHaveLength(1);
      // a plain statement is not kept
      await sql`select 3 * 3 as plain_nine`.execute(c);
      expect((await preparedOnConnection(c)).some((s) => s.includes('plain_nine'))).toBe(false);
    });
  });

  it('reports errors of a prepared statement and keeps working afterwards', async () => {
    await t.platform.deps.db.connection().execute(async (c) => {
      const div = (n: number) => prepared<{ q: number }>`select (10 / ${n}::int) as q`.execute(c);
      await expect(div(0)).rejects.toMatchObject({ code: '22012' });
      expect((await div(5)).rows[0].q).toBe(2);
    });
  });
});
