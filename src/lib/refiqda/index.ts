/** REFI-QDA exchange (QDA-XML 1.0): the model, project.qde and .qdc as XML, the .qdpx archive, study ↔ project. */
export * from './model';
export { writeProject, parseProject, writeCodebook, parseCodebook, normaliseGuid, PROJECT_NS, CODEBOOK_NS } from './xml';
export { readQdpx, writeQdpx, resolveInternal, isZip, decodeText, MAX_UNPACKED_BYTES, type QdpxContents } from './qdpx';
export { stableGuid } from './guid';
export * from './study';
