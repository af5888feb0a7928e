/**
 * Test helper: validates XML against the REFI-QDA schemas in ../shared/refi-qda (beside the checkout; CI puts the
 * shared folder there too). Fails with a clear message when the schemas are missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFI_DIR = path.resolve(REPO_ROOT, '../shared/refi-qda');

export function refiFile(name: 'Project.xsd' | 'Codebook.xsd' | 'example-project.qde'): string {
  const p = path.join(REFI_DIR, name);
  if (!fs.existsSync(p)) throw new Error(`REFI-QDA-bestand ontbreekt: ${p}. De map shared/refi-qda moet naast de checkout staan (../shared/refi-qda vanaf ${REPO_ROOT}).`);
  return fs.readFileSync(p, 'utf8');
}

/** The schema errors of `xml` (empty: valid). */
export async function xsdErrors(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], schema: [{ fileName: schema, contents: refiFile(schema) }], maxMemoryPages: 4096 });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage ?? e.message ?? String(e));
}
