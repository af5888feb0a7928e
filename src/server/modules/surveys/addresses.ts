/** A list of e-mail addresses from a CSV file (papaparse): validation, normalisation and de-duplication. Pure. */
import Papa from 'papaparse';

export interface AddressProblem {
  line: number;
  value: string;
  message: string;
}
export interface AddressList {
  /** valid addresses, first occurrence only, as written (trimmed); `key` is the normalised form */
  addresses: { line: number; email: string; key: string }[];
  /** addresses that appeared before in the file */
  duplicates: number;
  problems: AddressProblem[];
}

export const MAX_ADDRESSES = 100_000;
const HEADER = /^(e-?mail(adres|address)?|mail|email_address|e-mail-adres)$/i;
// Deliberately simple: one @, no spaces or angle brackets, a dot in the domain. The mail server decides the rest.
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]{2,}$/;

export const normaliseAddress = (email: string) => email.trim().toLowerCase();

export function parseAddresses(csv: string): AddressList {
  const text = csv.replace(/^\ufeff/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const rows = parsed.data;
  const problems: AddressProblem[] = [];
  let column = 0;
  let start = 0;
  const first = rows[0] ?? [];
  const headerAt = first.findIndex((c) => HEADER.test(String(c).trim()));
  if (headerAt >= 0) {
    column = headerAt;
    start = 1;
  } else if (first.length > 0 && !first.some((c) => String(c).includes('@'))) {
    return { addresses: [], duplicates: 0, problems: [{ line: 1, value: first.join(',').slice(0, 100), message: 'Geen kolom "email" gevonden: geef de kolom met adressen de kop "email", of zet één adres per regel.' }] };
  }
  const seen = new Set<string>();
  const addresses: AddressList['addresses'] = [];
  let duplicates = 0;
  // the line of a row (an address list has no quoted line breaks; a file that has them gets approximate lines)
  for (let i = start; i < rows.length; i++) {
    const line = i + 1;
    const value = String(rows[i][column] ?? '').trim();
    if (!value) {
      problems.push({ line, value: '', message: 'Geen e-mailadres op deze regel.' });
      continue;
    }
    if (value.length > 254 || !EMAIL.test(value) || /[\u0000-\u001f\u007f]/.test(value)) {
      problems.push({ line, value: value.slice(0, 100), message: 'Dit is geen geldig e-mailadres.' });
      continue;
    }
    const key = normaliseAddress(value);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    addresses.push({ line, email: value, key });
    if (addresses.length > MAX_ADDRESSES) {
      return { addresses: [], duplicates, problems: [{ line, value: '', message: `Hoogstens ${MAX_ADDRESSES} adressen per bestand.` }] };
    }
  }
  return { addresses, duplicates, problems };
}
