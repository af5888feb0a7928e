export type SpeakerRole = 'interviewer' | 'respondent';

/**
 * One speaker turn. `start`/`end` are offsets in Unicode code points into `ParsedTranscript.text`
 * (end exclusive). They cover the spoken words only: a speaker label ("R: ") or timestamp in front
 * of them is not part of the turn.
 */
export interface Turn {
  start: number;
  end: number;
  /** The label as written ("R", "Sanne", "Mohammed El Amrani"), or null when unknown. */
  speaker: string | null;
  role: SpeakerRole | null;
  startMs: number | null;
  endMs: number | null;
}

export interface ParsedTranscript {
  /** The normalised document text: no BOM, every line ending is "\n". All offsets refer to this text. */
  text: string;
  turns: Turn[];
}

/** A turn with UTF-16 offsets, used while building; converted to code points at the end. */
export interface RawTurn {
  start: number;
  end: number;
  speaker: string | null;
  role: SpeakerRole | null;
  startMs: number | null;
  endMs: number | null;
}
