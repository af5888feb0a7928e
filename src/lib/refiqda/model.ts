/**
 * The plain REFI-QDA project model (QDA-XML 1.0, urn:QDA-XML:project:1.0): what project.qde holds, without XML.
 * Offsets of text selections count Unicode code points from 0, end exclusive (spec §10 and its ATLAS.ti example).
 * Only what this platform exchanges is modelled in detail; PDF, picture, audio and video sources are kept as
 * stubs so that an import can report them as skipped.
 */

export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';
export const VARIABLE_TYPES: readonly VariableType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];

export interface RefiUser {
  guid: string;
  name?: string;
  id?: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  isCodable: boolean;
  /** #rrggbb or #rgb as written */
  color?: string;
  description?: string;
  noteRefs: string[];
  children: RefiCode[];
}

export interface RefiVariable {
  guid: string;
  name: string;
  type: VariableType;
  description?: string;
}

export interface RefiVariableValue {
  variableGuid: string;
  /** the element the value came in (TextValue, IntegerValue …) */
  kind: VariableType;
  /** the text of the value element as written */
  value: string;
}

export interface RefiCase {
  guid: string;
  name?: string;
  description?: string;
  codeRefs: string[];
  values: RefiVariableValue[];
  sourceRefs: string[];
  selectionRefs: string[];
}

export interface RefiCoding {
  guid: string;
  codeRef: string;
  creatingUser?: string;
  creationDateTime?: string;
  noteRefs: string[];
}

export interface RefiSelection {
  guid: string;
  name?: string;
  description?: string;
  start: number;
  end: number;
  creatingUser?: string;
  creationDateTime?: string;
  codings: RefiCoding[];
  noteRefs: string[];
}

export interface RefiTextSource {
  guid: string;
  name?: string;
  description?: string;
  /** PlainTextContent (inline text), when the source carries its text in the XML */
  content?: string;
  plainTextPath?: string;
  richTextPath?: string;
  creatingUser?: string;
  creationDateTime?: string;
  selections: RefiSelection[];
  /** codings of the whole source */
  codings: RefiCoding[];
  noteRefs: string[];
  values: RefiVariableValue[];
}

/** A source this platform does not import (PDF, picture, audio, video), with what it held. */
export interface RefiOtherSource {
  guid: string;
  name?: string;
  kind: 'PDFSource' | 'PictureSource' | 'AudioSource' | 'VideoSource';
  selections: number;
  codings: number;
}

/** A note is a TextSource in the schema: its text inline (PlainTextContent) or in a file (plainTextPath). */
export interface RefiNote {
  guid: string;
  name?: string;
  content?: string;
  plainTextPath?: string;
  creatingUser?: string;
  creationDateTime?: string;
}

export interface RefiSet {
  guid: string;
  name: string;
  description?: string;
  codes: string[];
  sources: string[];
  notes: string[];
}

export interface RefiProject {
  name: string;
  origin?: string;
  creatingUserGUID?: string;
  creationDateTime?: string;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiTextSource[];
  otherSources: RefiOtherSource[];
  notes: RefiNote[];
  sets: RefiSet[];
  description?: string;
  noteRefs: string[];
}

export const emptyProject = (name: string): RefiProject => ({
  name,
  users: [],
  codes: [],
  variables: [],
  cases: [],
  sources: [],
  otherSources: [],
  notes: [],
  sets: [],
  noteRefs: [],
});

/** A REFI-QDA codebook (.qdc, urn:QDA-XML:codebook:1.0). */
export interface RefiCodebook {
  origin?: string;
  codes: RefiCode[];
  /** sets of codes (in a .qdc, MemberCode carries @guid) */
  sets: { guid: string; name: string; description?: string; codes: string[] }[];
}

/** What a file could not be read as; the message is Dutch, for the user. */
export class RefiError extends Error {
  constructor(
    readonly code: 'not_zip' | 'no_project' | 'bad_xml' | 'not_refi' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'RefiError';
  }
}
