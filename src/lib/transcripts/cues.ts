import { TranscriptError } from './errors';
import { toCodePointTurns } from './plain';
import { matchSpeakerLine, roleOf } from './speakers';
import type { ParsedTranscript, RawTurn } from './types';

/** Spoken words of one speaker inside one cue. A null speaker continues the previous speaker. */
export interface CueSegment {
  speaker: string | null;
  words: string;
  startMs: number;
  endMs: number;
}

/** "hh:mm:ss.ttt" (hours optional, any number of digits), also with a comma → milliseconds. */
function parseCueTime(s: string): number | null {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(s);
  if (!m) return null;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (min > 59 || sec > 59) return null;
  return ((h * 60 + min) * 60 + sec) * 1000 + (m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0')));
}

const TIMING = /^[ \t]*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return ENTITIES[name.toLowerCase()] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Splits a cue payload into segments. WebVTT voice tags (`<v Sanne>…</v>`, `<v.loud Sanne>`) name the
 * speaker; outside them a line may start with a "Sanne: " prefix (as Zoom writes it). All other tags
 * (<i>, <c.x>, <00:00:01.000>, <font>, SubRip's {\an8}) are dropped and entities decoded. Lines of one
 * segment are joined with a space: line breaks in subtitles are only presentation.
 */
export function splitPayload(payload: string, startMs: number, endMs: number): CueSegment[] {
  // 1. voice spans
  const spans: { voice: string | null; text: string }[] = [{ voice: null, text: '' }];
  const tag = /<(\/?)([a-z]+|\d[\d:.]*)((?:\.[^\s>]*)?)(?:[ \t]+([^>]*))?>|\{\\[^}]*\}/gi;
  let last = 0;
  for (let m = tag.exec(payload); m; m = tag.exec(payload)) {
    spans[spans.length - 1].text += payload.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[2]?.toLowerCase() === 'v') {
      if (m[1] === '/') spans.push({ voice: null, text: '' });
      else spans.push({ voice: collapse(decodeEntities(m[4] ?? '')) || null, text: '' });
    }
  }
  spans[spans.length - 1].text += payload.slice(last);

  // 2. speaker prefixes on lines outside voice tags
  const out: CueSegment[] = [];
  for (const span of spans) {
    const text = decodeEntities(span.text);
    if (span.voice !== null) {
      const words = collapse(text);
      if (words) out.push({ speaker: span.voice, words, startMs, endMs });
      continue;
    }
    let speaker: string | null = null;
    let parts: string[] = [];
    const flush = () => {
      const words = collapse(parts.join(' '));
      if (words || speaker !== null) out.push({ speaker, words, startMs, endMs });
      parts = [];
    };
    for (const line of text.split('\n')) {
      const match = matchSpeakerLine(line);
      if (match) {
        flush();
        speaker = match.speaker;
        parts.push(line.slice(match.contentStart));
      } else {
        parts.push(line);
      }
    }
    flush();
  }
  return out.filter((s) => s.words !== '' || s.speaker !== null);
}

/**
 * Lays cue segments out as readable text, one "Speaker: words" line per turn. Consecutive segments of the
 * same speaker, and segments without a speaker after a speaker, merge into one turn (startMs of the first
 * cue, endMs of the last). Segments without a speaker before the first speaker stay one turn per cue.
 */
export function layoutSegments(segments: CueSegment[]): ParsedTranscript {
  interface Draft { speaker: string | null; words: string[]; startMs: number; endMs: number }
  const drafts: Draft[] = [];
  for (const seg of segments) {
    const prev = drafts[drafts.length - 1];
    const continues = prev !== undefined && (seg.speaker === prev.speaker ? prev.speaker !== null : seg.speaker === null);
    if (continues) {
      if (seg.words) prev.words.push(seg.words);
      prev.endMs = Math.max(prev.endMs, seg.endMs);
    } else {
      drafts.push({ speaker: seg.speaker, words: seg.words ? [seg.words] : [], startMs: seg.startMs, endMs: seg.endMs });
    }
  }
  let text = '';
  const raw: RawTurn[] = [];
  for (const d of drafts) {
    if (text !== '') text += '\n';
    if (d.speaker !== null) text += `${d.speaker}: `;
    const start = text.length;
    text += d.words.join(' ');
    raw.push({ start, end: text.length, speaker: d.speaker, role: roleOf(d.speaker), startMs: d.startMs, endMs: d.endMs });
  }
  return { text, turns: toCodePointTurns(text, raw) };
}

interface Block { line: number; lines: string[] }

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') current = null;
    else if (current) current.lines.push(line);
    else blocks.push((current = { line: i + 1, lines: [line] }));
  });
  return blocks;
}

interface Cue { startMs: number; endMs: number; payload: string[] }

function readCues(blocks: Block[], format: 'vtt' | 'srt'): Cue[] {
  const code = format === 'vtt' ? 'invalid_vtt' : 'invalid_srt';
  const name = format === 'vtt' ? 'WebVTT-bestand' : 'SRT-bestand';
  const example = format === 'vtt' ? '00:00:01.000 --> 00:00:04.000' : '00:00:01,000 --> 00:00:04,000';
  const cues: Cue[] = [];
  for (const block of blocks) {
    const t = block.lines[0].includes('-->') ? 0 : block.lines[1]?.includes('-->') ? 1 : -1;
    if (t < 0) {
      // A cue text with a blank line in it: keep the words with the cue before.
      const prev = cues[cues.length - 1];
      if (prev) {
        prev.payload.push(...block.lines);
        continue;
      }
      throw new TranscriptError(code, `Ongeldig ${name}: bij regel ${block.line} ontbreekt de tijdsaanduiding (zoals ${example}).`, { line: block.line });
    }
    const lineNo = block.line + t;
    const m = TIMING.exec(block.lines[t]);
    const startMs = m ? parseCueTime(m[1]) : null;
    const endMs = m ? parseCueTime(m[2]) : null;
    if (startMs === null || endMs === null) {
      throw new TranscriptError(code, `Ongeldig ${name}: regel ${lineNo} heeft geen geldige tijdsaanduiding (verwacht zoals ${example}).`, { line: lineNo });
    }
    if (endMs < startMs) {
      throw new TranscriptError(code, `Ongeldig ${name}: op regel ${lineNo} ligt het einde vóór het begin.`, { line: lineNo });
    }
    cues.push({ startMs, endMs, payload: block.lines.slice(t + 1) });
  }
  if (cues.length === 0) {
    throw new TranscriptError('empty', `Het ${name} bevat geen ondertitels.`);
  }
  return cues;
}

function fromCues(cues: Cue[], emptyMessage: string): ParsedTranscript {
  const segments = cues.flatMap((c) => splitPayload(c.payload.join('\n'), c.startMs, c.endMs));
  if (!segments.some((s) => s.words !== '')) throw new TranscriptError('empty', emptyMessage);
  return layoutSegments(segments);
}

/**
 * WebVTT (normalised text). The first line must be "WEBVTT"; the header, NOTE, STYLE and REGION blocks are
 * skipped; a cue is an optional identifier line, a timing line and payload lines.
 */
export function parseVtt(text: string): ParsedTranscript {
  const blocks = blocksOf(text);
  if (blocks.length === 0 || !/^WEBVTT(?:[ \t].*)?$/.test(blocks[0].lines[0])) {
    throw new TranscriptError('invalid_vtt', 'Dit is geen geldig WebVTT-bestand: de eerste regel moet "WEBVTT" zijn.');
  }
  const cueBlocks = blocks.slice(1).filter((b) => !/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(b.lines[0]));
  return fromCues(readCues(cueBlocks, 'vtt'), 'Het WebVTT-bestand bevat geen gesproken tekst.');
}

/** SubRip (normalised text): numbered cues with "00:01:02,500 --> 00:01:04,000" timings. */
export function parseSrt(text: string): ParsedTranscript {
  return fromCues(readCues(blocksOf(text), 'srt'), 'Het SRT-bestand bevat geen gesproken tekst.');
}

/** Whether pasted text looks like WebVTT or SubRip rather than a plain transcript. */
export function sniffCueFormat(text: string): 'vtt' | 'srt' | null {
  const head = text.trimStart().slice(0, 400);
  if (/^WEBVTT(?:[ \t\n]|$)/.test(head)) return 'vtt';
  if (/^\d+[ \t]*\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]+-->/.test(head)) return 'srt';
  return null;
}
