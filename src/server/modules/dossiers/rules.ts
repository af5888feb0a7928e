/**
 * Checks on one coded case file: legal rules (kept as configurable data in LEGAL_RULES) and chronology/consistency
 * checks. Flags are shown to the researcher, never used to refuse data. Pure: no I/O.
 *
 * Legal flags have severity 'warning' and carry their legal basis. Where the domain brief marks an article number or
 * wording as unverified, the legalBasis says so; the open norm "aanvaardbare termijn" (art. 1:255 lid 1 sub b BW) is
 * deliberately NOT turned into a rule.
 *
 * How the rules read the events (orders are recorded by their date only, no end date):
 * - max_duration: an order (e.g. ots_start / ots_extension) is followed by the next order or end event of the same
 *   measure. If that is an extension, the extension_gap rule judges it. Otherwise, if it falls more than `months`
 *   after the order (or, when nothing follows, the observation_end does), the measure ran longer than allowed.
 * - extension_gap: an extension dated more than `months` after the previous order of that measure: the previous order
 *   had already run out, so there was nothing left to extend.
 * - lapse: an authorisation (muhp_start / muhp_emergency) with no placement within `months` while the observation
 *   covers that period. Refinement: an authorisation given while the child is already placed (e.g. the regular
 *   order that follows an emergency order) is carried out at once; a reentry counts as a placement.
 * "More than N months after d" means after the same calendar day N months later (31 Jan + 1 month = end of February).
 */
import { DETAIL_VOCABULARY } from '../../../shared/dossiers';
import type { CaseFlag, CaseInput, EventType } from '../../../shared/dossiers';
import { addMonths, birthMonthDay, dayOf, isoOfDay } from './outcomes';

interface RuleBase {
  id: string;
  /** Dutch description for the researcher */
  description: string;
  /** article(s) the rule rests on; says so where the article number or wording is not verified */
  legalBasis: string;
}
export interface MaxDurationRule extends RuleBase {
  kind: 'max_duration';
  parameters: {
    label: string;
    months: number;
    orderTypes: EventType[];
    /** an order followed by one of these is judged by the extension_gap rule instead */
    extensionTypes: EventType[];
    /** events that end (or replace) the measure */
    endTypes: EventType[];
  };
}
export interface ExtensionGapRule extends RuleBase {
  kind: 'extension_gap';
  parameters: { label: string; months: number; extensionTypes: EventType[]; orderTypes: EventType[] };
}
export interface LapseRule extends RuleBase {
  kind: 'lapse';
  parameters: {
    label: string;
    months: number;
    orderTypes: EventType[];
    /** events that carry out the authorisation (a placement) */
    carriedOutBy: EventType[];
    /** events after which the child is no longer placed */
    placementEnds: EventType[];
  };
}
export type LegalRule = MaxDurationRule | ExtensionGapRule | LapseRule;

export const LEGAL_RULES: LegalRule[] = [
  {
    id: 'ots_max_duration',
    kind: 'max_duration',
    description:
      'Een ondertoezichtstelling (OTS) duurt per beschikking ten hoogste 12 maanden en wordt telkens met ten hoogste 12 maanden verlengd.',
    legalBasis: 'art. 1:258 lid 1 BW (artikelnummer niet geverifieerd); verlenging: art. 1:260 lid 1 BW',
    parameters: {
      label: 'OTS',
      months: 12,
      orderTypes: ['ots_start', 'ots_extension'],
      extensionTypes: ['ots_extension'],
      endTypes: ['ots_end', 'case_end'],
    },
  },
  {
    id: 'ots_provisional_max_duration',
    kind: 'max_duration',
    description: 'Een voorlopige ondertoezichtstelling duurt ten hoogste 3 maanden.',
    legalBasis: 'art. 1:257 BW',
    parameters: {
      label: 'voorlopige OTS',
      months: 3,
      orderTypes: ['ots_provisional'],
      extensionTypes: [],
      endTypes: ['ots_start', 'ots_end', 'case_end'],
    },
  },
  {
    id: 'muhp_max_duration',
    kind: 'max_duration',
    description:
      'Een machtiging tot uithuisplaatsing geldt per beschikking ten hoogste 12 maanden en wordt telkens met ten hoogste 12 maanden verlengd.',
    legalBasis: 'art. 1:265c lid 1 BW (tekst niet geverifieerd); verlenging: art. 1:265c lid 2 BW',
    parameters: {
      label: 'machtiging uithuisplaatsing',
      months: 12,
      orderTypes: ['muhp_start', 'muhp_extension'],
      extensionTypes: ['muhp_extension'],
      endTypes: ['muhp_emergency', 'reunification', 'ots_end', 'case_end'],
    },
  },
  {
    id: 'muhp_lapse',
    kind: 'lapse',
    description: 'Een machtiging tot uithuisplaatsing vervalt als zij niet binnen 3 maanden ten uitvoer is gelegd.',
    legalBasis: 'art. 1:265c lid 3 BW',
    parameters: {
      label: 'machtiging uithuisplaatsing',
      months: 3,
      orderTypes: ['muhp_start', 'muhp_emergency'],
      carriedOutBy: ['placement_start', 'reentry'],
      placementEnds: ['reunification', 'case_end'],
    },
  },
  {
    id: 'ots_extension_gap',
    kind: 'extension_gap',
    description:
      'Een OTS kan alleen worden verlengd zolang zij loopt: een verlenging meer dan 12 maanden na de vorige beschikking volgt op een al verlopen OTS.',
    legalBasis: 'art. 1:260 lid 1 BW',
    parameters: { label: 'OTS', months: 12, extensionTypes: ['ots_extension'], orderTypes: ['ots_start', 'ots_extension'] },
  },
  {
    id: 'muhp_extension_gap',
    kind: 'extension_gap',
    description:
      'Een machtiging tot uithuisplaatsing kan alleen worden verlengd zolang zij geldt: een verlenging meer dan 12 maanden na de vorige beschikking volgt op een al verlopen machtiging.',
    legalBasis: 'art. 1:265c lid 2 BW',
    parameters: {
      label: 'machtiging uithuisplaatsing',
      months: 12,
      extensionTypes: ['muhp_extension'],
      orderTypes: ['muhp_start', 'muhp_extension'],
    },
  },
];

const PLACEMENT_DEPENDENT = new Set<EventType>(['placement_move', 'reunification', 'reentry']);

interface Ev {
  i: number; // index in c.events
  day: number;
  type: EventType;
  date: string;
}

function legalFlags(rule: LegalRule, sorted: Ev[], obsEnd: number): CaseFlag[] {
  const flags: CaseFlag[] = [];
  const flag = (message: string, eventIndexes: number[]) =>
    flags.push({ rule: rule.id, severity: 'warning', message, legalBasis: rule.legalBasis, eventIndexes });
  if (rule.kind === 'max_duration') {
    const { orderTypes, extensionTypes, endTypes, months, label } = rule.parameters;
    for (let k = 0; k < sorted.length; k++) {
      const o = sorted[k];
      if (!orderTypes.includes(o.type)) continue;
      const limit = addMonths(o.day, months);
      let next: Ev | undefined;
      for (let j = k + 1; j < sorted.length; j++) {
        const t = sorted[j].type;
        if (orderTypes.includes(t) || endTypes.includes(t)) {
          next = sorted[j];
          break;
        }
      }
      if (next && extensionTypes.includes(next.type)) continue; // judged by the extension_gap rule
      if (next) {
        if (next.day > limit)
          flag(
            `De ${label} van ${o.date} loopt tot ${next.date} (${next.type}) zonder verlenging: langer dan ${months} maanden.`,
            [o.i, next.i],
          );
      } else if (Number.isFinite(obsEnd) && obsEnd > limit) {
        flag(
          `Na de ${label} van ${o.date} is geen verlenging of einde vastgelegd, terwijl het dossier tot ${isoOfDay(obsEnd)} is gevolgd: de ${label} zou na ${isoOfDay(limit)} zonder grondslag doorlopen (maximaal ${months} maanden per beschikking).`,
          [o.i],
        );
      }
    }
  } else if (rule.kind === 'extension_gap') {
    const { orderTypes, extensionTypes, months, label } = rule.parameters;
    let prev: Ev | undefined;
    for (const e of sorted) {
      if (extensionTypes.includes(e.type) && prev) {
        const limit = addMonths(prev.day, months);
        if (e.day > limit)
          flag(
            `De verlenging van de ${label} op ${e.date} ligt meer dan ${months} maanden na de vorige beschikking (${prev.date}): die was op ${isoOfDay(limit)} al verlopen en kon niet meer worden verlengd.`,
            [prev.i, e.i],
          );
      }
      if (orderTypes.includes(e.type)) prev = e;
    }
  } else {
    const { orderTypes, carriedOutBy, placementEnds, months, label } = rule.parameters;
    const lastKnown = Math.max(Number.isFinite(obsEnd) ? obsEnd : -Infinity, ...sorted.map((e) => e.day));
    let placed = false;
    for (let k = 0; k < sorted.length; k++) {
      const e = sorted[k];
      if (orderTypes.includes(e.type) && !placed) {
        const limit = addMonths(e.day, months);
        let carried = false;
        for (let j = k + 1; j < sorted.length && sorted[j].day <= limit; j++) {
          if (carriedOutBy.includes(sorted[j].type)) {
            carried = true;
            break;
          }
        }
        // same-day placement listed before the order
        for (let j = k - 1; !carried && j >= 0 && sorted[j].day === e.day; j--) {
          if (carriedOutBy.includes(sorted[j].type)) carried = true;
        }
        if (!carried && lastKnown > limit)
          flag(
            `De ${label} van ${e.date} is niet binnen ${months} maanden ten uitvoer gelegd (geen plaatsing tot en met ${isoOfDay(limit)}) en is dus vervallen.`,
            [e.i],
          );
      }
      if (carriedOutBy.includes(e.type) || e.type === 'placement_move') placed = true;
      else if (placementEnds.includes(e.type)) placed = false;
    }
  }
  return flags;
}

export function checkCase(c: CaseInput, rules: LegalRule[] = LEGAL_RULES): CaseFlag[] {
  const flags: CaseFlag[] = [];
  const error = (rule: string, message: string, eventIndexes: number[]) =>
    flags.push({ rule, severity: 'error', message, legalBasis: null, eventIndexes });
  const warning = (rule: string, message: string, eventIndexes: number[]) =>
    flags.push({ rule, severity: 'warning', message, legalBasis: null, eventIndexes });

  const all: Ev[] = c.events.map((e, i) => ({ i, day: dayOf(e.date), type: e.type, date: e.date }));
  for (const e of all) {
    if (Number.isNaN(e.day)) error('invalid_date', `Gebeurtenis ${e.i + 1} (${e.type}) heeft geen geldige datum: "${e.date}".`, [e.i]);
  }
  const sorted = all.filter((e) => !Number.isNaN(e.day)).sort((a, b) => a.day - b.day || a.i - b.i);

  // vocabulary
  c.events.forEach((e, i) => {
    const vocab = DETAIL_VOCABULARY[e.type];
    if (vocab && !vocab.includes(e.detail))
      error(
        'detail_vocabulary',
        `Gebeurtenis ${i + 1} (${e.type} op ${e.date}) heeft als detail "${e.detail}"; toegestaan is: ${vocab.join(', ')}.`,
        [i],
      );
  });

  // birth month
  const birth = birthMonthDay(c.birthMonth);
  if (Number.isFinite(birth)) {
    const before = sorted.filter((e) => e.day < birth);
    if (before.length > 0)
      error(
        'before_birth',
        `${before.length === 1 ? 'Eén gebeurtenis ligt' : `${before.length} gebeurtenissen liggen`} vóór de geboortemaand ${c.birthMonth}: ${before.map((e) => `${e.type} op ${e.date}`).join(', ')}.`,
        before.map((e) => e.i),
      );
  }

  // observation_end
  const ends = sorted.filter((e) => e.type === 'observation_end');
  if (ends.length !== 1)
    error(
      'observation_end_count',
      ends.length === 0
        ? 'Het dossier heeft geen observation_end: het einde van de observatieperiode ontbreekt.'
        : `Het dossier heeft ${ends.length} observation_end-gebeurtenissen (${ends.map((e) => e.date).join(', ')}); er hoort er precies één te zijn.`,
      ends.map((e) => e.i),
    );
  const obsEnd = ends.length > 0 ? ends[ends.length - 1].day : Infinity;
  if (ends.length > 0) {
    const after = sorted.filter((e) => e.day > obsEnd);
    if (after.length > 0)
      error(
        'after_observation_end',
        `${after.length === 1 ? 'Eén gebeurtenis ligt' : `${after.length} gebeurtenissen liggen`} na het einde van de observatie (${isoOfDay(obsEnd)}): ${after.map((e) => `${e.type} op ${e.date}`).join(', ')}.`,
        after.map((e) => e.i),
      );
  }

  // placement order
  const firstPlacement = sorted.find((e) => e.type === 'placement_start');
  for (const e of sorted) {
    if (PLACEMENT_DEPENDENT.has(e.type) && (!firstPlacement || e.day < firstPlacement.day))
      error(
        'before_first_placement',
        firstPlacement
          ? `${e.type} op ${e.date} ligt vóór de eerste plaatsing (placement_start op ${firstPlacement.date}).`
          : `${e.type} op ${e.date} terwijl het dossier geen placement_start heeft.`,
        firstPlacement ? [e.i, firstPlacement.i] : [e.i],
      );
  }

  // reentry needs a reunification on or before it (the k-th reentry needs k reunifications)
  {
    const reunDays = sorted.filter((e) => e.type === 'reunification').map((e) => e.day);
    let k = 0;
    for (const e of sorted) {
      if (e.type !== 'reentry') continue;
      k++;
      const before = reunDays.filter((d) => d <= e.day).length;
      if (before < k)
        error(
          'reentry_without_reunification',
          k === 1
            ? `Heruithuisplaatsing (reentry) op ${e.date} zonder eerdere terugplaatsing (reunification).`
            : `Heruithuisplaatsing (reentry) op ${e.date} is de ${k}e, maar er zijn tot dan toe maar ${before} terugplaatsingen.`,
          [e.i],
        );
    }
  }

  // help end before any start
  {
    const firstHelp = sorted.find((e) => e.type === 'parent_help_start');
    for (const e of sorted) {
      if (e.type === 'parent_help_end' && (!firstHelp || e.day < firstHelp.day))
        error(
          'help_end_before_start',
          `Einde hulp aan ouders (parent_help_end) op ${e.date} zonder eerder begin (parent_help_start).`,
          [e.i],
        );
    }
  }

  // events after the first case_end (other than observation_end)
  {
    const caseEnd = sorted.find((e) => e.type === 'case_end');
    if (caseEnd) {
      const after = sorted.filter((e) => e.day > caseEnd.day && e.type !== 'observation_end');
      if (after.length > 0)
        warning(
          'after_case_end',
          `Na het einde van het dossier (case_end op ${caseEnd.date}) staan nog gebeurtenissen: ${after.map((e) => `${e.type} op ${e.date}`).join(', ')}. Alleen observation_end hoort daarna te komen.`,
          [caseEnd.i, ...after.map((e) => e.i)],
        );
    }
  }

  // an extension without any earlier order of that measure
  for (const [ext, orders, label] of [
    ['ots_extension', ['ots_start', 'ots_extension'], 'OTS'],
    ['muhp_extension', ['muhp_start', 'muhp_extension'], 'machtiging uithuisplaatsing'],
  ] as const) {
    let seen = false;
    for (const e of sorted) {
      if (e.type === ext && !seen)
        warning('extension_without_order', `Verlenging van de ${label} (${ext}) op ${e.date} zonder eerdere beschikking in het dossier.`, [e.i]);
      if ((orders as readonly string[]).includes(e.type)) seen = true;
    }
  }

  for (const rule of rules) flags.push(...legalFlags(rule, sorted, obsEnd));
  return flags;
}
