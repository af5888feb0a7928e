/**
 * Shared by the route/role matrix and the fuzz tests: one minimally valid example request per /api route,
 * path filling, and a cheap way to give an actor a fresh session (without the cost of scrypt on every login).
 */
import crypto from 'node:crypto';
import type { App } from '../../src/server/http';
import type { RegisteredRoute } from '../../src/server/app';
import { registeredRoutes } from '../../src/server/app';
import { hashToken, newToken } from '../../src/server/platform/crypto';
import { insertSession } from '../../src/server/modules/auth/auth.repository';
import { Client, PASSWORD, type TestPlatform } from '../support/platform';
import { zipSync } from 'fflate';

/** A minimal valid REFI-QDA codebook and project (one code, one text source with one coding). */
const TINY_QDC = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Knelpunt" isCodable="true" color="#cc3333"/></Codes></CodeBook>';
const tinyQdpx = () => {
  const src = 'dddddddd-0000-4000-8000-000000000001';
  const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="Klein"><CodeBook><Codes><Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Knelpunt" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${src}" name="Interview" plainTextPath="internal://${src}.txt"><PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000001" startPosition="3" endPosition="8"><Coding guid="ffffffff-0000-4000-8000-000000000001"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource></Sources></Project>`;
  return Buffer.from(zipSync({ 'project.qde': Buffer.from(qde), [`sources/${src}.txt`]: Buffer.from('R: Het ging goed met de terugplaatsing.') })).toString('base64');
};

export interface ExampleCtx {
  slug: string;
  /** an account that is a member (coder) of the study: :userId */
  coderId: string;
  /** an account nobody else uses, to sign in with on the public login route */
  probeEmail: string;
  /** a value that differs on every call (unique e-mail addresses, titles) */
  uniq(): string;
}

/** A minimally valid coded case (fictional). */
const exampleCase = (c: ExampleCtx) => ({
  code: `D-${c.uniq()}`.slice(0, 40),
  birthMonth: '2015-04',
  sex: 'f',
  region: 'Utrecht',
  placementReasons: ['neglect'],
  parentFactors: ['debts_housing'],
  events: [
    { date: '2020-01-10', type: 'ots_start', detail: '' },
    { date: '2020-02-01', type: 'placement_start', detail: 'foster_kin' },
    { date: '2021-03-01', type: 'reunification', detail: '' },
    { date: '2022-06-30', type: 'observation_end', detail: '' },
  ],
});

/** `null`: the route takes no body. */
type Example = ((c: ExampleCtx) => unknown) | null;

/**
 * A minimally valid request body for every `METHOD url` under /api. A new route must get an entry here: the
 * route/role matrix and the fuzz tests fail for a route without one, so that every route stays covered.
 */
export const EXAMPLES: Record<string, Example> = {
  'GET /api/health': null,
  'GET /api/docs': null,
  'POST /api/auth/login': (c) => ({ email: c.probeEmail, password: PASSWORD }),
  'POST /api/auth/totp': () => ({ code: '123456' }),
  'POST /api/auth/logout': null,
  'GET /api/auth/me': null,
  'PATCH /api/me': () => ({ name: 'Nieuwe naam', language: 'nl' }),
  'POST /api/me/password': () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
  'POST /api/me/totp/setup': null,
  'POST /api/me/totp/enable': () => ({ code: '123456' }),
  'POST /api/me/totp/disable': () => ({ password: PASSWORD }),
  'POST /api/links/inspect': () => ({ token: newToken() }),
  'POST /api/links/accept': () => ({ token: newToken(), name: 'Iemand', email: 'iemand@example.org', password: PASSWORD }),
  'GET /api/admin/users': null,
  'POST /api/admin/users': (c) => ({ email: `nieuw-${c.uniq()}@example.org`, name: 'Nieuw account' }),
  'PATCH /api/admin/users/:userId': () => ({ name: 'Coder' }),
  'POST /api/admin/users/:userId/reset-password': null,
  'GET /api/admin/settings': null,
  'PATCH /api/admin/settings': () => ({ requireAdmin2fa: false }),
  'GET /api/studies': null,
  'POST /api/studies': (c) => ({ title: `Onderzoek ${c.uniq()}`, researchQuestions: ['Wat werkt?'], partners: ['Jeugdzorg'] }),
  // starts the demo job only (jobs do not run in these tests)
  'POST /api/demo': null,
  'GET /api/studies/:slug': null,
  'PATCH /api/studies/:slug': () => ({ description: 'Bijgewerkt', funder: 'Fonds', periodStart: '2026-01-01', periodEnd: '2026-12-31', disclosureThreshold: 5 }),
  'POST /api/studies/:slug/archive': null,
  'POST /api/studies/:slug/unarchive': null,
  'GET /api/studies/:slug/confidential': null,
  'PUT /api/studies/:slug/confidential': () => ({ notes: 'Vertrouwelijk: contactpersoon' }),
  'GET /api/studies/:slug/members': null,
  'POST /api/studies/:slug/members': (c) => ({ email: `lid-${c.uniq()}@example.org`, role: 'coder' }),
  'PATCH /api/studies/:slug/members/:userId': () => ({ role: 'coder' }),
  'DELETE /api/studies/:slug/members/:userId': null,
  'DELETE /api/studies/:slug/invitations/:invitationId': null,
  'GET /api/studies/:slug/audit': null,
  'POST /api/studies/:slug/audit/export': () => ({ action: 'study.created' }),
  'GET /api/jobs/:jobId': null,
  'GET /api/jobs/:jobId/download': null,
  'GET /api/studies/:slug/dossiers': null,
  'POST /api/studies/:slug/dossiers': exampleCase,
  'POST /api/studies/:slug/dossiers/check': exampleCase,
  'POST /api/studies/:slug/dossiers/import': () => ({
    cases: 'case_id,birth_month,sex,region,placement_reasons,parent_factors\r\nI-1,2014-05,m,Utrecht,neglect,\r\n',
    events: 'case_id,date,type,detail\r\nI-1,2020-01-10,placement_start,foster_kin\r\nI-1,2021-06-30,observation_end,\r\n',
  }),
  'GET /api/studies/:slug/dossiers/export': null,
  'GET /api/studies/:slug/dossiers/agreement': null,
  'POST /api/studies/:slug/dossiers/second-coding/assignments': (c) => ({ coderId: c.coderId, sample: 1 }),
  'GET /api/studies/:slug/dossiers/second-coding/assignments': null,
  'GET /api/studies/:slug/dossiers/second-coding/mine': null,
  'DELETE /api/studies/:slug/dossiers/:caseId/second-coding/assignments/:coderId': null,
  'GET /api/studies/:slug/dossiers/:caseId': null,
  'PUT /api/studies/:slug/dossiers/:caseId': exampleCase,
  'DELETE /api/studies/:slug/dossiers/:caseId': null,
  'POST /api/studies/:slug/dossiers/:caseId/second-coding': exampleCase,
  'GET /api/studies/:slug/dossiers/:caseId/second-coding': null,
  'GET /api/studies/:slug/dossiers/:caseId/second-codings': null,
  'POST /api/studies/:slug/dossiers/:caseId/reconcile': (c) => ({ caseInput: exampleCase(c) }),
  'GET /api/studies/:slug/monitor': null,
  // interview study (participants, consent, interviews, guides)
  'GET /api/studies/:slug/participants': null,
  'POST /api/studies/:slug/participants': () => ({ role: 'professional', ageBand: 'adult', gender: 'f', region: 'Utrecht', situation: 'other', placementType: 'none' }),
  'GET /api/studies/:slug/participants/:participantId': null,
  'PATCH /api/studies/:slug/participants/:participantId': () => ({ region: 'Gelderland', situation: 'returned_home' }),
  'PUT /api/studies/:slug/participants/:participantId/identity': () => ({ name: 'Fictieve Naam', contact: '06-00000000', birthMonth: '2014-05' }),
  'DELETE /api/studies/:slug/participants/:participantId': null,
  'GET /api/studies/:slug/consent': null,
  'GET /api/studies/:slug/participants/:participantId/consent': null,
  'POST /api/studies/:slug/participants/:participantId/consent': () => ({
    letterVersion: 'v1.0',
    date: '2026-01-15',
    givenBy: 'participant',
    kind: 'consent',
    method: 'written',
    scopes: { participation: true, audio_recording: true, quotes: false, archiving: true },
  }),
  'POST /api/studies/:slug/participants/:participantId/consent/:consentId/revoke': () => ({ date: '2026-02-01' }),
  'DELETE /api/studies/:slug/participants/:participantId/consent/:consentId': null,
  'POST /api/studies/:slug/participants/:participantId/withdrawal': () => ({ date: '2026-02-01', by: 'participant' }),
  'GET /api/studies/:slug/variables': null,
  'POST /api/studies/:slug/variables': (c) => ({ name: `Schooltype ${c.uniq()}`.slice(0, 100), type: 'choice', choices: ['basisonderwijs', 'voortgezet onderwijs'] }),
  'PATCH /api/studies/:slug/variables/:variableId': () => ({ name: 'Hernoemd' }),
  'DELETE /api/studies/:slug/variables/:variableId': null,
  'GET /api/studies/:slug/interviews': null,
  'POST /api/studies/:slug/interviews': (c) => ({
    participantIds: [crypto.randomUUID()],
    interviewerId: c.coderId,
    date: '2026-01-20',
    mode: 'in_person',
    durationMinutes: 45,
    notes: 'Rustig gesprek.',
    recordingDeleteBy: '2026-07-20',
  }),
  'GET /api/studies/:slug/interviews/overdue': null,
  'GET /api/studies/:slug/interviews/:interviewId': null,
  'PUT /api/studies/:slug/interviews/:interviewId': (c) => ({ participantIds: [crypto.randomUUID()], interviewerId: c.coderId, date: '2026-01-20', mode: 'video' }),
  'DELETE /api/studies/:slug/interviews/:interviewId': null,
  'POST /api/studies/:slug/interviews/:interviewId/recording-deleted': null,
  'GET /api/studies/:slug/guides': null,
  'POST /api/studies/:slug/guides': () => ({ audience: 'child', title: 'Kindgesprek', ageFrom: 6, ageTo: 11, childFriendly: true, body: '1. Wat doe je graag?' }),
  'POST /api/studies/:slug/guides/template': () => ({}),
  'GET /api/studies/:slug/guides/:guideId': null,
  'PUT /api/studies/:slug/guides/:guideId': () => ({ audience: 'parent', title: 'Oudergesprek', body: '1. Hoe gaat het nu?' }),
  'DELETE /api/studies/:slug/guides/:guideId': null,
  // survey among professionals (surveys, invitations, results; the respondent API)
  'GET /api/studies/:slug/surveys': null,
  'POST /api/studies/:slug/surveys': (c) => ({ title: `Enquête ${c.uniq()}`.slice(0, 200), mode: 'personal', anonymised: true }),
  'POST /api/studies/:slug/surveys/template': () => ({}),
  'POST /api/studies/:slug/surveys/import': () => ({
    format: 'surveyjs',
    content: JSON.stringify({ title: 'Korte vragenlijst', pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'rol', title: 'Uw rol', choices: ['jeugdbeschermer', 'anders'] }] }] }),
  }),
  'GET /api/studies/:slug/surveys/:surveyId': null,
  'PATCH /api/studies/:slug/surveys/:surveyId': () => ({ title: 'Nieuwe titel', closesAt: '2030-01-01T00:00:00Z' }),
  'DELETE /api/studies/:slug/surveys/:surveyId': null,
  'PUT /api/studies/:slug/surveys/:surveyId/draft': () => ({ definition: { pages: [{ name: 'p1', elements: [{ type: 'comment', name: 'opmerking', title: 'Opmerking' }] }] } }),
  'POST /api/studies/:slug/surveys/:surveyId/publish': null,
  'GET /api/studies/:slug/surveys/:surveyId/versions/:versionId': null,
  'POST /api/studies/:slug/surveys/:surveyId/public-link': null,
  'POST /api/studies/:slug/surveys/:surveyId/close': null,
  'GET /api/studies/:slug/surveys/:surveyId/invitations': null,
  'POST /api/studies/:slug/surveys/:surveyId/invitations/import': () => ({ csv: 'email\r\niemand@example.org\r\n' }),
  'POST /api/studies/:slug/surveys/:surveyId/invitations/links': () => ({ scope: 'new' }),
  'POST /api/studies/:slug/surveys/:surveyId/invitations/send': () => ({ kind: 'invitation' }),
  'DELETE /api/studies/:slug/surveys/:surveyId/invitations/:invitationId/email': null,
  'GET /api/studies/:slug/surveys/:surveyId/open-answers': null,
  'POST /api/studies/:slug/surveys/:surveyId/open-answers/to-coding': () => ({ question: 'opmerking' }),
  'GET /api/studies/:slug/surveys/:surveyId/results': null,
  'GET /api/studies/:slug/surveys/:surveyId/results/crosstab': null,
  'GET /api/studies/:slug/surveys/:surveyId/responses': null,
  'POST /api/studies/:slug/surveys/:surveyId/export': () => ({ format: 'csv' }),
  'GET /api/respond': null,
  'PUT /api/respond': () => ({ page: 'p1', answers: { rol: 'jeugdbeschermer' } }),
  'POST /api/respond/complete': () => ({ idempotencyKey: crypto.randomUUID() }),
  // qualitative coding (documents, transcripts, pseudonymisation, codebook, codings, retrieval, search)
  'GET /api/studies/:slug/documents': null,
  'POST /api/studies/:slug/documents': () => ({ kind: 'survey_answer', title: 'Open antwoord 1', text: 'Het contact met de gezinsvoogd was goed.' }),
  'POST /api/studies/:slug/documents/transcripts': () => ({ title: 'Interview 1', pasted: 'I: Hoe ging het?\nR: Het ging goed met de terugplaatsing.' }),
  'GET /api/studies/:slug/documents/:documentId': null,
  'PATCH /api/studies/:slug/documents/:documentId': () => ({ title: 'Interview 1 (gecorrigeerd)', memo: 'Analytisch memo.' }),
  'DELETE /api/studies/:slug/documents/:documentId': null,
  'PUT /api/studies/:slug/documents/:documentId/text': () => ({ baseVersion: 1, text: 'I: Hoe ging het?\nR: Het ging goed.' }),
  'GET /api/studies/:slug/documents/:documentId/pseudonymisation': null,
  'POST /api/studies/:slug/documents/:documentId/pseudonymisation': () => ({ baseVersion: 1, spans: [{ start: 0, end: 3, kind: 'name' }] }),
  'GET /api/studies/:slug/pseudonyms': null,
  'POST /api/studies/:slug/documents/:documentId/codings': () => ({ version: 1, start: 0, end: 5, codeIds: [crypto.randomUUID()] }),
  'POST /api/studies/:slug/codings/bulk': () => ({ codeIds: [crypto.randomUUID()], hits: [{ documentId: crypto.randomUUID(), version: 1, start: 0, end: 5 }] }),
  'PATCH /api/studies/:slug/codings/:codingId': () => ({ memo: 'Memo bij de codering.' }),
  'DELETE /api/studies/:slug/codings/:codingId': null,
  'GET /api/studies/:slug/codes': null,
  'POST /api/studies/:slug/codes': () => ({ name: 'Knelpunt', description: 'Een probleem dat de spreker noemt.', color: '#ed828b' }),
  'POST /api/studies/:slug/codes/template': null,
  'PATCH /api/studies/:slug/codes/:codeId': () => ({ name: 'Hernoemd', color: '#7db2e8' }),
  'POST /api/studies/:slug/codes/:codeId/move': () => ({ parentId: null, position: 0 }),
  'POST /api/studies/:slug/codes/:codeId/merge': () => ({ targetId: crypto.randomUUID() }),
  'DELETE /api/studies/:slug/codes/:codeId': null,
  'POST /api/studies/:slug/retrieve': () => ({ codeIds: [crypto.randomUUID()], includeChildren: true, context: 'turn' }),
  'POST /api/studies/:slug/search': () => ({ query: 'kinderen "gezinsvoogd"' }),
  // REFI-QDA exchange (.qdpx project, .qdc codebook)
  'GET /api/studies/:slug/qdpx/export': null,
  'POST /api/studies/:slug/qdpx/export': null,
  'POST /api/studies/:slug/qdpx/import': () => ({ contentBase64: tinyQdpx() }),
  'POST /api/studies/:slug/qdpx/import-job': () => ({ contentBase64: tinyQdpx() }),
  'GET /api/studies/:slug/qdpx/codebook': null,
  'POST /api/studies/:slug/qdpx/codebook': () => ({ xml: TINY_QDC }),
  // qualitative analysis and local autocoding (frequencies, matrices, co-occurrence, cells, exports, patterns, suggestions)
  'GET /api/studies/:slug/analysis/dimensions': null,
  'GET /api/studies/:slug/analysis/frequencies': null,
  'GET /api/studies/:slug/analysis/matrix': null,
  'GET /api/studies/:slug/analysis/cooccurrence': null,
  'GET /api/studies/:slug/analysis/export': null,
  'POST /api/studies/:slug/analysis/segments': () => ({ kind: 'frequency', codeId: crypto.randomUUID(), includeChildren: true }),
  'GET /api/studies/:slug/analysis/quotes': null,
  'POST /api/studies/:slug/analysis/pattern': () => ({ pattern: 'pleeg* gezin', mode: 'wildcard' }),
  'GET /api/studies/:slug/documents/:documentId/suggestions': null,
  'POST /api/studies/:slug/documents/:documentId/suggestions/accept': () => ({ version: 1, start: 0, end: 5, codeId: crypto.randomUUID() }),
  'POST /api/studies/:slug/documents/:documentId/suggestions/reject': () => ({ version: 1, start: 0, end: 5, codeId: crypto.randomUUID() }),
  // team coding (assignments, reliability rounds, agreement, disagreements, adjudication)
  'GET /api/studies/:slug/teamwork/coders': null,
  'GET /api/studies/:slug/teamwork/assignments': null,
  'POST /api/studies/:slug/teamwork/assignments': (c) => ({ documentIds: [crypto.randomUUID()], coderIds: [c.coderId] }),
  'DELETE /api/studies/:slug/teamwork/assignments/:documentId/:coderId': null,
  'GET /api/studies/:slug/teamwork/rounds': null,
  'POST /api/studies/:slug/teamwork/rounds': (c) => ({ name: `Ronde ${c.uniq()}`, unitKind: 'turns', documentIds: [crypto.randomUUID()], coderIds: [c.coderId, crypto.randomUUID()] }),
  'GET /api/studies/:slug/teamwork/rounds/:roundId': null,
  'POST /api/studies/:slug/teamwork/rounds/:roundId/close': null,
  'DELETE /api/studies/:slug/teamwork/rounds/:roundId': null,
  'GET /api/studies/:slug/teamwork/rounds/:roundId/agreement': null,
  'GET /api/studies/:slug/teamwork/rounds/:roundId/disagreements': null,
  'POST /api/studies/:slug/teamwork/rounds/:roundId/adjudicate': () => ({ documentId: crypto.randomUUID(), decisions: [{ codeId: crypto.randomUUID(), start: 0, end: 5, take: [] }] }),
  'POST /api/studies/:slug/teamwork/rounds/:roundId/accept-agreements': () => ({ documentId: crypto.randomUUID() }),
  // legal framework (instruments, norms with versions, seed) and helpdesk signals
  'GET /api/studies/:slug/legal/instruments': null,
  'POST /api/studies/:slug/legal/instruments': (c) => ({ kind: 'bill', name: `Wetsvoorstel ${c.uniq()}`.slice(0, 300), shortName: 'Wetsvoorstel', sourceUrl: 'https://example.org/wetsvoorstel' }),
  'PATCH /api/studies/:slug/legal/instruments/:instrumentId': () => ({ shortName: 'Hernoemd' }),
  'DELETE /api/studies/:slug/legal/instruments/:instrumentId': null,
  'GET /api/studies/:slug/legal/norms': null,
  'POST /api/studies/:slug/legal/norms': () => ({
    instrumentId: crypto.randomUUID(),
    reference: 'art. 1',
    title: 'Voorbeeldnorm',
    obligations: ['right_to_contact'],
    phases: ['during_placement'],
    verification: 'te_verifieren',
    version: { paraphrase: 'Een parafrase in eigen woorden.' },
  }),
  'GET /api/studies/:slug/legal/norms/:normId': null,
  'PATCH /api/studies/:slug/legal/norms/:normId': () => ({ title: 'Nieuwe titel', verification: 'verified', verifiedOn: '2026-01-15', verificationNote: 'Getoetst aan wetten.overheid.nl.' }),
  'DELETE /api/studies/:slug/legal/norms/:normId': null,
  'POST /api/studies/:slug/legal/norms/:normId/versions': () => ({ validFrom: '2026-01-01', label: 'Na wetswijziging', paraphrase: 'De nieuwe tekst in eigen woorden.' }),
  'PATCH /api/studies/:slug/legal/norms/:normId/versions/:versionId': () => ({ label: 'Gecorrigeerd' }),
  'DELETE /api/studies/:slug/legal/norms/:normId/versions/:versionId': null,
  'POST /api/studies/:slug/legal/seed': null,
  'GET /api/studies/:slug/signals': null,
  'POST /api/studies/:slug/signals': () => ({ receivedOn: '2026-01-10', channel: 'telefoon', contact: 'ouder', ageBand: '5-11', summary: 'Ouder belt: het contact met het kind is al weken niet doorgegaan.' }),
  'GET /api/studies/:slug/signals/counts': null,
  'POST /api/studies/:slug/signals/import': () => ({ csv: 'datum,kanaal,contact,leeftijd,samenvatting\r\n2026-01-05,chat,kind,12-15,Jongere vraagt wanneer zij naar huis mag.\r\n' }),
  'GET /api/studies/:slug/signals/:signalId': null,
  'PATCH /api/studies/:slug/signals/:signalId': () => ({ followUpStatus: 'afgehandeld', followUp: 'Doorverwezen naar de vertrouwenspersoon.' }),
  'DELETE /api/studies/:slug/signals/:signalId': null,
  // findings with evidence, triangulation rule, law-versus-practice matrix, recommendations, addressees
  'GET /api/studies/:slug/findings': null,
  'POST /api/studies/:slug/findings': () => ({ statement: 'Ouders krijgen na terugplaatsing te weinig steun.', type: 'knelpunt', phase: 'aftercare' }),
  'GET /api/studies/:slug/findings/:findingId': null,
  'PATCH /api/studies/:slug/findings/:findingId': () => ({ statement: 'Ouders krijgen na terugplaatsing vaak te weinig steun.' }),
  'DELETE /api/studies/:slug/findings/:findingId': null,
  'POST /api/studies/:slug/findings/:findingId/status': () => ({ status: 'validated' }),
  'POST /api/studies/:slug/findings/:findingId/evidence': () => ({ kind: 'indicator', indicator: 'reentry_12m' }),
  'DELETE /api/studies/:slug/findings/:findingId/evidence/:evidenceId': null,
  'GET /api/studies/:slug/triangulation': null,
  'PUT /api/studies/:slug/triangulation': () => ({ strong: 3, moderate: 2 }),
  'GET /api/studies/:slug/law-practice': null,
  'GET /api/studies/:slug/recommendations': null,
  'POST /api/studies/:slug/recommendations': () => ({ text: 'Bied ouders na terugplaatsing standaard een jaar nazorg.', priority: 'hoog', addressees: ['gemeenten'] }),
  'PUT /api/studies/:slug/recommendations/order': () => ({ ids: [] }),
  'PATCH /api/studies/:slug/recommendations/:recommendationId': () => ({ priority: 'middel' }),
  'DELETE /api/studies/:slug/recommendations/:recommendationId': null,
  'GET /api/studies/:slug/addressees': null,
  'POST /api/studies/:slug/addressees': (c) => ({ label: `Kinderombudsman ${c.uniq()}`.slice(0, 200) }),
  'DELETE /api/studies/:slug/addressees/:addresseeId': null,
  // impact tracking (policy trajectories, links, dated statuses of recommendations, XLSX export)
  'GET /api/studies/:slug/impact': null,
  'GET /api/studies/:slug/impact/export': null,
  'POST /api/studies/:slug/impact/trajectories': (c) => ({ title: `Actieagenda ${c.uniq()}`.slice(0, 300), description: 'Eigen beleidstraject.', sourceRef: 'te verifiëren' }),
  'POST /api/studies/:slug/impact/trajectories/seed': null,
  'DELETE /api/studies/:slug/impact/trajectories/:trajectoryId': null,
  'POST /api/studies/:slug/impact/recommendations/:recommendationId/trajectories': () => ({ key: 'hervormingsagenda_jeugd' }),
  'DELETE /api/studies/:slug/impact/recommendations/:recommendationId/trajectories/:trajectoryId': null,
  'POST /api/studies/:slug/impact/recommendations/:recommendationId/statuses': () => ({ status: 'in_overweging', date: '2025-03-01', sourceRef: 'Kamerstuk 31 839 (voorbeeld)', note: 'Toegezegd te onderzoeken.' }),
  'DELETE /api/studies/:slug/impact/recommendations/:recommendationId/statuses/:statusId': null,
  // reflection session (sessions, invitees with token links, results, decisions; the public respondent API)
  'GET /api/studies/:slug/reflection-sessions': null,
  'POST /api/studies/:slug/reflection-sessions': () => ({ title: 'Reflectiesessie', heldOn: '2026-03-01' }),
  'GET /api/studies/:slug/reflection-sessions/:reflectionId': null,
  'PATCH /api/studies/:slug/reflection-sessions/:reflectionId': () => ({ title: 'Reflectiesessie (gewijzigd)', allowAnonymous: false }),
  'DELETE /api/studies/:slug/reflection-sessions/:reflectionId': null,
  'GET /api/studies/:slug/reflection-sessions/:reflectionId/invitees': null,
  'POST /api/studies/:slug/reflection-sessions/:reflectionId/invitees': () => ({ invitees: [{ label: 'Jeugdbeschermer regio Utrecht', email: 'jb@example.org' }] }),
  'POST /api/studies/:slug/reflection-sessions/:reflectionId/invitees/links': () => ({ scope: 'all' }),
  'POST /api/studies/:slug/reflection-sessions/:reflectionId/invitees/send': null,
  'DELETE /api/studies/:slug/reflection-sessions/:reflectionId/invitees/:inviteeId': null,
  'GET /api/studies/:slug/reflection-sessions/:reflectionId/results': null,
  'PUT /api/studies/:slug/reflection-sessions/:reflectionId/decisions': () => ({ itemId: crypto.randomUUID(), decision: 'kept', reason: 'Breed gedragen.' }),
  'GET /api/reflect': null,
  'PUT /api/reflect': () => ({ itemId: crypto.randomUUID(), importance: 4, feasibility: 3 }),
  // report builder (reports, chapters, preview, export jobs, frozen versions, comparison)
  'GET /api/studies/:slug/reports': null,
  'POST /api/studies/:slug/reports': () => ({ title: 'Eindrapport', template: true }),
  'GET /api/studies/:slug/reports/block-types': null,
  'GET /api/studies/:slug/reports/:reportId': null,
  'PATCH /api/studies/:slug/reports/:reportId': () => ({ subtitle: 'Concept voor de begeleidingscommissie' }),
  'DELETE /api/studies/:slug/reports/:reportId': null,
  'POST /api/studies/:slug/reports/:reportId/chapters': () => ({ title: 'Nawoord', body: '## Dank\n\nWij danken alle deelnemers.[^1]\n\n[^1]: Zie de bijlage.' }),
  'PUT /api/studies/:slug/reports/:reportId/chapters/order': () => ({ ids: [crypto.randomUUID()] }),
  'PATCH /api/studies/:slug/reports/:reportId/chapters/:chapterId': () => ({ body: 'Nieuwe tekst met een [link](https://example.org).' }),
  'DELETE /api/studies/:slug/reports/:reportId/chapters/:chapterId': null,
  'GET /api/studies/:slug/reports/:reportId/preview': null,
  'POST /api/studies/:slug/reports/:reportId/builds': () => ({ format: 'html' }),
  'GET /api/studies/:slug/reports/:reportId/versions': null,
  'POST /api/studies/:slug/reports/:reportId/versions': () => ({ label: 'Concept 1' }),
  'GET /api/studies/:slug/reports/:reportId/versions/:versionId': null,
  'POST /api/studies/:slug/reports/:reportId/versions/:versionId/builds': () => ({ format: 'docx' }),
  'GET /api/studies/:slug/reports/:reportId/compare': null,
};

export const routeKey = (r: Pick<RegisteredRoute, 'method' | 'url'>) => `${r.method} ${r.url}`;

export function exampleBody(r: RegisteredRoute, c: ExampleCtx): unknown {
  const ex = EXAMPLES[routeKey(r)];
  if (ex === undefined) throw new Error(`Geen voorbeeldverzoek voor ${routeKey(r)}: voeg er een toe aan EXAMPLES in test/reliability/support.ts.`);
  return ex === null ? undefined : ex(c);
}

/** The routes, checked to have an example each; throws with a message naming the routes without one. */
export function routesWithExamples(app: App): RegisteredRoute[] {
  const routes = registeredRoutes(app);
  const missing = routes.filter((r) => !(routeKey(r) in EXAMPLES)).map(routeKey);
  if (missing.length) throw new Error(`Routes zonder voorbeeldverzoek (voeg ze toe aan EXAMPLES in test/reliability/support.ts): ${missing.join(', ')}`);
  return routes;
}

export const PATH_PARAMS = ['slug', 'userId', 'jobId', 'invitationId', 'caseId', 'coderId', 'participantId', 'consentId', 'interviewId', 'guideId', 'variableId', 'documentId', 'codeId', 'codingId', 'surveyId', 'versionId', 'roundId', 'instrumentId', 'normId', 'signalId', 'findingId', 'evidenceId', 'recommendationId', 'addresseeId', 'reflectionId', 'inviteeId', 'reportId', 'chapterId', 'trajectoryId', 'statusId'] as const;
export type PathParam = (typeof PATH_PARAMS)[number];

/** Substitutes the path parameters (:slug, :userId, … — every name in PATH_PARAMS); an unknown parameter is an error (add it here). */
export function fillUrl(url: string, values: Record<PathParam, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`Onbekende routeparameter :${name} in ${url}: voeg een waarde toe in test/reliability/support.ts.`);
    return values[name as PathParam];
  });
}

/** A random id for each path parameter of the research modules (participants, interviews, documents, codes …). */
export const otherIds = () =>
  Object.fromEntries((['participantId', 'consentId', 'interviewId', 'guideId', 'variableId', 'documentId', 'codeId', 'codingId', 'surveyId', 'versionId', 'roundId', 'instrumentId', 'normId', 'signalId', 'findingId', 'evidenceId', 'recommendationId', 'addresseeId', 'reflectionId', 'inviteeId', 'reportId', 'chapterId', 'trajectoryId', 'statusId'] as const).map((k) => [k, crypto.randomUUID()])) as Record<
    'participantId' | 'consentId' | 'interviewId' | 'guideId' | 'variableId' | 'documentId' | 'codeId' | 'codingId' | 'surveyId' | 'versionId' | 'roundId' | 'instrumentId' | 'normId' | 'signalId' | 'findingId' | 'evidenceId' | 'recommendationId' | 'addresseeId' | 'reflectionId' | 'inviteeId' | 'reportId' | 'chapterId' | 'trajectoryId' | 'statusId',
    string
  >;

export const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);

let counter = 0;
export const uniq = () => `${process.pid}-${Date.now().toString(36)}-${++counter}-${crypto.randomBytes(3).toString('hex')}`;

/** A new, fully signed-in session for a user, inserted directly (no password hashing). */
export async function sessionFor(t: TestPlatform, userId: string): Promise<{ cookie: string; csrf: string }> {
  const token = newToken();
  const csrf = newToken();
  await insertSession(t.platform.deps.db, { idHash: hashToken(token), userId, csrfToken: csrf, mfaPending: false, userAgent: 'reliability-test' });
  return { cookie: token, csrf };
}

/** A client with its own copy of a session: what a request does to its cookie does not leak into the next. */
export function cloneClient(app: App, from: { cookie: string | null; csrf: string | null } | null): Client {
  const c = new Client(app);
  c.cookie = from?.cookie ?? null;
  c.csrf = from?.csrf ?? null;
  return c;
}

/** Error bodies carry a code and a human message, never a stack trace or a file path. */
export function errorShapeProblem(status: number, contentType: unknown, body: unknown): string | null {
  if (status < 400) return null;
  if (!String(contentType ?? '').startsWith('application/json')) return `content-type ${String(contentType)} instead of JSON`;
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!e || typeof e !== 'object') return `no error object: ${JSON.stringify(body)?.slice(0, 200)}`;
  if (typeof e.code !== 'string' || !e.code) return `error.code missing: ${JSON.stringify(body).slice(0, 200)}`;
  if (typeof e.message !== 'string' || e.message.trim().length < 3) return `error.message missing: ${JSON.stringify(body).slice(0, 200)}`;
  if (/\n\s+at |node_modules|\.(ts|js|mjs):\d+|\bat (async )?[A-Za-z.]+ \(/.test(e.message)) return `error.message looks like a stack trace: ${e.message.slice(0, 200)}`;
  if (e.message.length > 2000) return `error.message is ${e.message.length} characters long`;
  return null;
}
