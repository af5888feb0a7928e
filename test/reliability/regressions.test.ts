/** Regression tests for server bugs found by the reliability tests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, userClient, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('regressions', () => {
  it('saves confidential notes when the study key is not cached yet (e.g. after a restart)', async () => {
    // On the embedded database the pool has one connection; loading the key outside the transaction that holds
    // it used to wait forever, and with it every later request.
    const lead = await userClient(t);
    const s = await lead.client.post('/api/studies', { title: 'Sleutel na herstart' });
    expect(s.status).toBe(200);
    (t.platform.deps.keys as unknown as { cache: Map<string, Buffer> }).cache.clear();
    const put = await within(10_000, lead.client.put(`/api/studies/${s.body.slug}/confidential`, { notes: 'geheim' }));
    expect(put.status).toBe(200);
    (t.platform.deps.keys as unknown as { cache: Map<string, Buffer> }).cache.clear();
    const get = await within(10_000, lead.client.get(`/api/studies/${s.body.slug}/confidential`));
    expect(get.body.notes).toBe('geheim');
  });

  it('creates studies with the same title at the same moment, each with its own slug (PostgreSQL ran them concurrently)', async () => {
    const lead = await userClient(t);
    const rs = await Promise.all(Array.from({ length: 8 }, () => lead.client.post('/api/studies', { title: 'Gelijktijdig onderzoek' })));
    expect(rs.map((r) => r.status)).toEqual(Array(8).fill(200));
    const slugs = rs.map((r) => r.body.slug as string);
    expect(new Set(slugs).size).toBe(8);
    expect(slugs.every((x) => /^gelijktijdig-onderzoek(-\d+)?$/.test(x))).toBe(true);
  });

  it('answers router errors (bad percent-encoding, over-long parameters) in the API error shape', async () => {
    for (const [url, status] of [
      ['/api/studies/%FF', 400],
      ['/api/studies/%E0%A4%A/members', 400],
      [`/api/studies/${'a'.repeat(300)}`, 414],
    ] as const) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(status);
      const body = r.json();
      expect(body.error.code, url).toMatch(/^FST_ERR_/);
      expect(body.error.message, url).toMatch(/adres/);
      expect(body.error.message, url).not.toContain(url.slice(0, 20)); // the URL is not echoed back
      expect(body.error.requestId, url).toBeTruthy();
    }
  });
});
