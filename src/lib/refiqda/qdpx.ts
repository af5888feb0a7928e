/**
 * The .qdpx container (spec §8.1): a ZIP with project.qde and a flat sources/ folder with the internal sources
 * (<GUID>.<ext>, referenced as internal://<GUID>.<ext>). Reading is tolerant: a project file named after the project
 * (ATLAS.ti) or inside one folder is accepted with a warning. Only the project file and plain-text sources are
 * decompressed; other files (PDF, audio, docx …) are listed by name, and the sizes are checked before inflating.
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { RefiError } from './model';

export interface QdpxContents {
  /** the name of the project file inside the archive */
  qdeName: string;
  xml: string;
  /** decompressed text files by lower-case path (forward slashes, no leading slash) */
  files: Map<string, Uint8Array>;
  /** every file name in the archive */
  names: string[];
  /** Dutch notes for the report (a differently named project file …) */
  warnings: string[];
}

export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

const TEXT_EXT = /\.(txt|qde|xml)$/i;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

/** Text of a file: UTF-8 (a BOM is dropped later by the text normalisation), or UTF-16 with a BOM. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

export function readQdpx(bytes: Uint8Array, maxUnpacked = MAX_UNPACKED_BYTES): QdpxContents {
  if (!isZip(bytes)) throw new RefiError('not_zip', 'Het bestand is geen .qdpx-archief (ZIP). Exporteer het project opnieuw als REFI-QDA-project (.qdpx).');
  const names: string[] = [];
  let total = 0;
  let entries: Unzipped;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        if (f.name.endsWith('/') || !TEXT_EXT.test(f.name)) return false;
        total += f.originalSize;
        if (total > maxUnpacked) throw new RefiError('too_large', 'Het archief is uitgepakt te groot (meer dan 1 GB tekst).');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof RefiError) throw e;
    throw new RefiError('not_zip', 'Het .qdpx-archief is beschadigd en kan niet worden uitgepakt.');
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) files.set(name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase(), data);
  const qdes = Object.keys(entries).filter((n) => /\.qde$/i.test(n));
  if (qdes.length === 0) throw new RefiError('no_project', 'Het archief bevat geen projectbestand (.qde). Een .qdpx-bestand bevat project.qde en een map sources/.');
  const warnings: string[] = [];
  const atRoot = qdes.filter((n) => !n.replace(/\\/g, '/').includes('/'));
  const exact = atRoot.find((n) => n.toLowerCase() === 'project.qde');
  let qdeName: string;
  if (exact) qdeName = exact;
  else if (atRoot.length >= 1) {
    qdeName = atRoot[0];
    warnings.push(`Het projectbestand heet "${qdeName}" in plaats van "project.qde" (zoals ATLAS.ti het noemt); het is toch gelezen.`);
    if (atRoot.length > 1) warnings.push(`Het archief bevat ${atRoot.length} projectbestanden; alleen "${qdeName}" is gelezen.`);
  } else {
    qdeName = qdes[0];
    warnings.push(`Het projectbestand "${qdeName}" staat in een map in plaats van in de hoofdmap van het archief; het is toch gelezen.`);
  }
  return { qdeName, xml: decodeText(entries[qdeName]), files, names, warnings };
}

/** Finds the file an internal:// (or plain relative) path points at, relative to the project file's folder. */
export function resolveInternal(c: Pick<QdpxContents, 'files' | 'qdeName'>, path: string): Uint8Array | undefined {
  const m = /^internal:\/\/(.+)$/i.exec(path.trim());
  if (!m) return undefined;
  const rel = decodeURIComponent(m[1]).replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
  const dir = c.qdeName.replace(/\\/g, '/').includes('/') ? c.qdeName.replace(/\\/g, '/').replace(/[^/]*$/, '').toLowerCase() : '';
  return c.files.get(`${dir}sources/${rel}`) ?? c.files.get(`sources/${rel}`) ?? c.files.get(`${dir}${rel}`) ?? c.files.get(rel);
}

/** A .qdpx: project.qde plus sources/<name> for each text (UTF-8 without BOM). */
export function writeQdpx(projectXml: string, sources: Map<string, string>, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = { 'project.qde': enc.encode(projectXml) };
  for (const [name, text] of sources) files[`sources/${name}`] = enc.encode(text);
  return zipSync(files, { level });
}
