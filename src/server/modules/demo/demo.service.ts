/**
 * The demo study "Terug naar huis (demo)": a FULLY FICTIONAL study that shows every module at work. Everything is
 * made through the modules' own services (validation, sealing, consent gate, audit events as usual); this module
 * has no tables and no SQL of its own.
 *
 * Loading twice makes a second study (slug …-2), so every user can load a demo of their own.
 */
import crypto from 'node:crypto';
import type { Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { assertInstallation, type Actor } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import { CODEBOOK_TEMPLATE, type TemplateCode } from '../../../lib/codebook/template';
import * as studies from '../studies/studies.service';
import * as users from '../users/users.service';
import * as usersRepo from '../users/users.repository';
import * as legal from '../legal/legal.service';
import * as surveys from '../surveys/surveys.service';
import * as respondent from '../surveys/respondent.service';
import * as openAnswers from '../surveys/open-answers.service';
import * as participants from '../participants/participants.service';
import * as consent from '../participants/consent.service';
import * as interviews from '../participants/interviews.service';
import * as coding from '../coding/coding.service';
import * as teamwork from '../teamwork/teamwork.service';
import * as dossiers from '../dossiers/dossiers.service';
import * as jobsRepo from '../jobs/jobs.repository';
import { DEMO_INTERVIEWS, transcriptText, type CodeKey } from './transcripts';
import { demoSignals, mulberry32, secondCoderCodes, surveyAnswers } from './synthetic';
import { addSynthesis } from './demo-synthesis';

export const DEMO_TITLE = 'Terug naar huis (demo)';
/** The label every demo page carries, in the study description (shown on the study's home page). */
export const DEMO_LABEL = 'FICTIEF DEMONSTRATIEONDERZOEK';
export const DEMO_DESCRIPTION = `${DEMO_LABEL} — alle gegevens in dit onderzoek zijn verzonnen.

Dit onderzoek laat zien hoe het platform werkt. Alle personen, plaatsen, organisaties, interviews, enquêteantwoorden, dossiers en signalen zijn fictief en voor de demonstratie geschreven of door de computer gegenereerd. Ze beschrijven geen echte kinderen, ouders, professionals of instanties; overeenkomsten met werkelijke personen of gebeurtenissen berusten op toeval. Gebruik dit onderzoek om rond te kijken en te oefenen, nooit als bron. De wettelijke normen in het juridisch kader zijn de openbare catalogus van het platform; de rest is verzonnen.`;

export const DEMO_SIZES = { surveyResponses: 300, cases: 400, signals: 36, interviews: DEMO_INTERVIEWS.length, roundDocuments: 6 } as const;

/** The fictional coder accounts (no password: they cannot sign in). */
export const DEMO_CODERS = [
  { email: 'demo-codeur-a@example.invalid', name: 'Codeur A (fictief, demo)' },
  { email: 'demo-codeur-b@example.invalid', name: 'Codeur B (fictief, demo)' },
] as const;

export interface DemoOptions {
  progress?: (done: number, total: number) => Promise<void> | void;
  /** smaller numbers, for quick tests */
  sizes?: Partial<Record<keyof typeof DEMO_SIZES, number>>;
  /** findings, recommendations, reflection session and report (default true) */
  synthesis?: boolean;
}

export interface DemoResult {
  slug: string;
  title: string;
  counts: Record<string, number>;
  seconds: number;
  /** seconds per step */
  timings: Record<string, number>;
}

const STEPS = 11;

async function coderActor(deps: Deps, c: (typeof DEMO_CODERS)[number]): Promise<Actor> {
  let u = await usersRepo.findUserByEmail(deps.db, c.email);
  if (!u) {
    try {
      await users.createUser(deps, null, { email: c.email, name: c.name, isAdmin: false });
    } catch (e) {
      // created at the same moment by another demo load
      if (!(e instanceof AppError && e.status === 409)) throw e;
    }
    u = await usersRepo.findUserByEmail(deps.db, c.email);
  }
  return { userId: u!.id, isAdmin: false, name: u!.name };
}

/** Code ids of the ready-made codebook by template key (the template is copied by name). */
function codeIdsByKey(codes: { id: string; name: string; parentId: string | null }[]): Map<CodeKey, string> {
  const out = new Map<CodeKey, string>();
  const walk = (list: readonly TemplateCode[], parentId: string | null) => {
    for (const t of list) {
      const c = codes.find((x) => x.parentId === parentId && x.name === t.name);
      if (!c) continue;
      out.set(t.key as CodeKey, c.id);
      if (t.children) walk(t.children, c.id);
    }
  };
  walk(CODEBOOK_TEMPLATE, null);
  return out;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Creates the demo study with the actor as its lead and fills every module. Returns the slug. When a step fails,
 * the half-filled study is archived and renamed "(demo, onvolledig)" and the error is passed on.
 */
export async function loadDemo(deps: Deps, actor: Actor | null, opts: DemoOptions = {}): Promise<DemoResult> {
  const a = assertInstallation(actor, 'study.create');
  const t0 = performance.now();
  const sizes = { ...DEMO_SIZES, ...opts.sizes };
  let step = 0;
  let last = t0;
  const timings: Record<string, number> = {};
  const tick = async (name: string) => {
    step++;
    const now = performance.now();
    timings[name] = Math.round(now - last) / 1000;
    last = now;
    await opts.progress?.(step, STEPS);
  };
  await opts.progress?.(0, STEPS);

  const study = await studies.createStudy(deps, a, {
    title: DEMO_TITLE,
    description: DEMO_DESCRIPTION,
    researchQuestions: [
      'Welke factoren dragen bij aan een duurzame terugplaatsing van uithuisgeplaatste kinderen? (fictieve demo)',
      'Hoe ervaren kinderen, ouders en professionals het contact en de betrokkenheid tijdens de plaatsing? (fictieve demo)',
      'Welke knelpunten en goede praktijken zien professionals bij terugplaatsing en nazorg? (fictieve demo)',
    ],
    periodStart: '2026-01-01',
    periodEnd: '2027-06-30',
    funder: 'Fictief onderzoeksfonds (demo)',
    partners: ['Fictieve jongerenpartner (demo)', 'Fictief kenniscentrum (demo)'],
    disclosureThreshold: 10,
  });
  const slug = study.slug;
  const counts: Record<string, number> = {};
  try {
    // 1. members: two fictional coders
    const coders = [await coderActor(deps, DEMO_CODERS[0]), await coderActor(deps, DEMO_CODERS[1])];
    for (const c of DEMO_CODERS) await studies.addMember(deps, a, slug, { email: c.email, role: 'coder' });
    await tick('members');

    // 2. the legal norm catalogue and the codebook
    const seeded = await legal.seedCatalogue(deps, a, slug);
    counts.norms = seeded.normsCreated + seeded.normsExisting;
    const codebook = await coding.addTemplate(deps, a, slug);
    counts.codes = codebook.codes.length;
    const codeId = codeIdsByKey(codebook.codes);
    await tick('catalogue_codebook');

    // 3. the survey: the ready instrument, published, with synthetic completed responses through the respondent path
    const survey = await surveys.createFromTemplate(deps, a, slug, { title: 'Enquête professionals (demo, fictieve antwoorden)' });
    await surveys.updateSettings(deps, a, slug, survey.id, { description: `${DEMO_LABEL}: alle antwoorden zijn door de computer gegenereerd.` });
    const published = await surveys.publish(deps, a, slug, survey.id);
    const token = published.publicUrl!.split('#')[1];
    const answers = surveyAnswers(sizes.surveyResponses, 2026);
    for (const ans of answers) await respondent.complete(deps, token, { idempotencyKey: crypto.randomUUID(), answers: ans });
    counts.surveyResponses = answers.length;
    await tick('survey_responses');
    const sent = await openAnswers.sendOpenAnswersToCoding(deps, a, slug, survey.id, 'knelpunten');
    counts.surveyAnswerDocuments = sent.created;
    await surveys.closeSurvey(deps, a, slug, survey.id);
    await tick('open_answers');

    // 4. participants with consent (a child under 12: a parent's consent and the child's assent), guides, interviews
    const guides = await interviews.copyGuideTemplate(deps, a, slug);
    const guideFor = new Map(guides.created.map((g) => [g.audience, g.id]));
    const docs: { id: string; interview: (typeof DEMO_INTERVIEWS)[number]; version: number }[] = [];
    let n = 0;
    for (const iv of DEMO_INTERVIEWS.slice(0, sizes.interviews)) {
      const p = await participants.createParticipant(deps, a, slug, {
        role: iv.role,
        ageBand: iv.ageBand,
        gender: iv.gender,
        region: iv.region,
        situation: iv.situation,
        placementType: iv.placementType,
        variables: {},
        ...(iv.birthMonth ? { identity: { name: '', contact: '', birthMonth: iv.birthMonth } } : {}),
      });
      const consentDate = addDays(iv.date, -14);
      const all = { participation: true, audio_recording: true, quotes: true, archiving: true };
      const record = (givenBy: 'participant' | 'parent', kind: 'consent' | 'assent', method: 'written' | 'digital' | 'oral_recorded') =>
        consent.addConsent(deps, a, slug, p.id, { letterVersion: kind === 'assent' ? 'Kinderbrief v1.0 (demo)' : 'Informatiebrief v1.2 (demo)', date: consentDate, givenBy, kind, method, scopes: all });
      if (iv.role === 'child') {
        await record('parent', 'consent', 'written');
        const age = Number(consentDate.slice(0, 4)) - Number(iv.birthMonth!.slice(0, 4));
        await record('participant', age < 12 ? 'assent' : 'consent', age < 12 ? 'oral_recorded' : 'written');
      } else await record('participant', 'consent', n % 3 === 0 ? 'digital' : 'written');
      const interview = await interviews.createInterview(deps, a, slug, {
        participantIds: [p.id],
        interviewerId: a.userId,
        date: iv.date,
        mode: iv.mode,
        guideId: guideFor.get(iv.role) ?? null,
        durationMinutes: iv.durationMinutes,
        notes: 'Fictief demo-interview; geen echte opname.',
        recordingDeleteBy: addDays(iv.date, 90),
      });
      if (n % 2 === 0) await interviews.markRecordingDeleted(deps, a, slug, interview.id);
      const { text, units } = transcriptText(iv.turns);
      const d = await coding.createDocument(deps, a, slug, { kind: 'transcript', title: iv.title, participantId: p.id, interviewId: interview.id, text, units });
      docs.push({ id: d.id, interview: iv, version: d.currentVersion });
      n++;
    }
    counts.participants = n;
    counts.interviews = n;
    await tick('participants_interviews');

    // 5. codings: coder A codes every transcript, coder B the round's documents (with small differences)
    const rB = mulberry32(7);
    let codings = 0;
    const quotes: { byKey: Partial<Record<CodeKey, string>>; keys: CodeKey[] }[] = [];
    const codeTurns = async (who: Actor, doc: (typeof docs)[number], second: boolean) => {
      const { units } = transcriptText(doc.interview.turns);
      for (let i = 0; i < doc.interview.turns.length; i++) {
        const turn = doc.interview.turns[i];
        if (!turn.codes?.length) continue;
        const keys = second ? secondCoderCodes(turn.codes, rB) : turn.codes;
        const ids = keys.map((k) => codeId.get(k)).filter((x): x is string => !!x);
        if (!ids.length) continue;
        const r = await coding.applyCoding(deps, who, slug, doc.id, { version: doc.version, start: units[i].start, end: units[i].end, codeIds: ids });
        codings += r.created;
        if (!second) quotes.push({ keys, byKey: Object.fromEntries(keys.map((k) => [k, r.codings.find((c) => c.codeId === codeId.get(k))?.id]).filter(([, v]) => v)) });
      }
    };
    const roundDocs = docs.slice(0, sizes.roundDocuments);
    for (const d of docs) await codeTurns(coders[0], d, false);
    await tick('codings_a');
    for (const d of roundDocs) await codeTurns(coders[1], d, true);
    counts.codings = codings;
    await tick('codings_b');

    // 6. the reliability round over speaker turns, closed; agreements to consensus, one document adjudicated
    const round = await teamwork.createRound(deps, a, slug, {
      name: 'Betrouwbaarheidsronde 1 (demo)',
      unitKind: 'turns',
      documentIds: roundDocs.map((d) => d.id),
      coderIds: coders.map((c) => c.userId),
    });
    await teamwork.closeRound(deps, a, slug, round.id);
    for (const d of roundDocs) await teamwork.acceptAgreements(deps, a, slug, round.id, { documentId: d.id });
    const dis = await teamwork.disagreements(deps, a, slug, round.id, roundDocs[0].id);
    const open = dis.items.filter((i) => !i.agree && i.decision === null);
    if (open.length) {
      await teamwork.adjudicate(deps, a, slug, round.id, {
        documentId: roundDocs[0].id,
        decisions: open.map((i) => ({ codeId: i.codeId, start: i.start, end: i.end, take: i.values[0] ? [coders[0].userId] : [] })),
      });
    }
    counts.adjudicated = open.length;
    await tick('round');

    // 7. the case-file study: a fictional cohort
    const cohort = await dossiers.generateFictional(deps, a, slug, { cases: sizes.cases, seed: 2026, startYear: 2019 });
    if (!cohort.ok) throw new Error(`Het fictieve cohort kon niet worden geladen: ${cohort.problems.map((p) => p.message).join('; ')}`);
    counts.cases = cohort.cases;
    await tick('cohort');

    // 8. helpdesk signals with themes from the codebook
    const signals = demoSignals(sizes.signals, 2026);
    const signalIds: { id: string; themes: CodeKey[] }[] = [];
    for (const s of signals) {
      const made = await legal.createSignal(deps, a, slug, {
        receivedOn: s.receivedOn,
        channel: s.channel,
        contact: s.contact,
        ageBand: s.ageBand,
        phase: s.phase,
        region: s.region,
        themeIds: s.themes.map((k) => codeId.get(k)).filter((x): x is string => !!x),
        summary: `${s.summary} (fictief signaal)`,
        followUp: s.followUp,
        followUpStatus: s.followUpStatus,
      });
      signalIds.push({ id: made.id, themes: s.themes });
    }
    counts.signals = signals.length;
    await tick('signals');

    // 9. findings with evidence, recommendations, a closed reflection session and a report from the template
    if (opts.synthesis !== false) {
      Object.assign(counts, await addSynthesis(deps, a, slug, { surveyId: survey.id, quotes, signals: signalIds, codeId, heldOn: '2026-09-15' }));
    }
    await tick('synthesis');
  } catch (e) {
    await markIncomplete(deps, a, slug);
    throw e;
  }
  await opts.progress?.(STEPS, STEPS);
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  deps.log.info({ slug, seconds, counts, timings }, 'demo study loaded');
  return { slug, title: DEMO_TITLE, counts, seconds, timings };
}

async function markIncomplete(deps: Deps, actor: Actor, slug: string) {
  try {
    await studies.updateStudy(deps, actor, slug, { title: `${DEMO_TITLE.replace(/\)$/, '')}, onvolledig geladen)` });
    await studies.setArchived(deps, actor, slug, true);
  } catch (e) {
    deps.log.error({ err: e, slug }, 'could not mark the incomplete demo study');
  }
}

/** Starts loading the demo as a job (it takes several seconds); the result carries the slug. */
export async function startDemo(deps: Deps, actor: Actor | null) {
  const a = assertInstallation(actor, 'study.create');
  return jobsRepo.insertJob(deps.db, { studyId: null, kind: 'demo.load', payload: {}, createdBy: a.userId });
}

registerJobKind('demo.load', async (ctx) => {
  const u = ctx.createdBy ? await usersRepo.findUserById(ctx.deps.db, ctx.createdBy) : null;
  if (!u) throw new Error('De gebruiker die de demo startte bestaat niet meer.');
  const r = await loadDemo(ctx.deps, { userId: u.id, isAdmin: u.is_admin, name: u.name }, { progress: ctx.progress });
  return { ...r };
});
