/** The pseudonymisation assistant's pure logic: detection, labelling, and the 11-proef. */
export { PSEUDONYM_KINDS, type Kind, type Proposal } from './types';
export { detect } from './detect';
export { pseudonymise, emptyMapping, labelFor, normaliseEntity, KIND_LABELS, type Mapping, type MappingEntry } from './pseudonymise';
export { isValidBsn } from './bsn';
export { formatProposals } from './table';
