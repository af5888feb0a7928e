import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_RESPONSES } from '../../../../test/fixtures/survey/responses';
import { compile } from '../answers';
import { professionalsSurveyTemplate } from '../template';
import { exportR, rString } from './r';

const HAS_R = spawnSync('Rscript', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HAS_R) console.warn('Rscript niet gevonden: het R-script wordt niet uitgevoerd (apt-get install r-base-core).');

const c = compile(professionalsSurveyTemplate());

describe('R script', () => {
  it('writes ASCII-only string literals', () => {
    expect(rString('Vóór "x"\\\n')).toBe('"V\\u00f3\\u00f3r \\"x\\"\\\\\\n"');
    expect(rString('😀')).toBe('"\\U0001f600"');
    const { script } = exportR(c, TEMPLATE_RESPONSES);
    expect(/^[\x00-\x7f]*$/.test(script)).toBe(true);
    expect(script).toContain('factor(d[["rol"]], levels = c(1, 2, 3, 4, 5)');
  });
});

describe.skipIf(!HAS_R)('R script in R', () => {
  // Prints one line per check as name<TAB>value, in a C locale (the script must not depend on a UTF-8 locale).
  const checks = `
out <- function(name, x) cat(name, "\\t", paste(x, collapse = "|"), "\\n", sep = "")
out("nrow", nrow(d))
out("rol_levels", levels(d$rol))
out("rol", as.character(d$rol))
out("rol_label", attr(d$rol, "label"))
out("rol_is_factor", is.factor(d$rol))
out("hulp_passend_na_levels", levels(d$hulp_passend_na))
out("hulp_passend_na", as.character(d$hulp_passend_na))
out("hulp_passend_na_ordered", is.ordered(d$hulp_passend_na))
out("betrokken_kind_plaatsing", as.integer(d$betrokken_kind_plaatsing))
out("wachtlijst", as.character(d$wachtlijst))
out("wachttijd_maanden", d$wachttijd_maanden)
out("hulp_ontbreekt_trauma", d$hulp_ontbreekt_trauma)
out("hulp_ontbreekt_trauma_labels", names(attr(d$hulp_ontbreekt_trauma, "labels")))
out("contact_belang", d$contact_belang)
out("knelpunten", d$knelpunten[1])
out("other_text", d$hulp_ontbreekt_other_text[1])
out("goede_praktijken_ok", identical(d$goede_praktijken[1], "Vaste contactpersoon, \\"korte lijnen\\".\\nEn een tweede regel met \\u00e9 en \\u2019s."))
out("label_utf8", identical(attr(d$hulp_passend_voor, "label"), "Hoe vaak krijgen ouders en kind in uw ervaring hulp die past bij hun situatie? \\u2013 V\\u00f3\\u00f3r een uithuisplaatsing"))
out("prioriteit_nazorg", d$prioriteit_nazorg)
out("duration_sec", d$duration_sec)
`;

  it('runs and sets factor levels, labels and missing values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tnh-r-'));
    try {
      const { data, script } = exportR(c, TEMPLATE_RESPONSES, { dataFileName: 'enquete.csv' });
      writeFileSync(join(dir, 'enquete.csv'), data);
      writeFileSync(join(dir, 'enquete.R'), script);
      writeFileSync(join(dir, 'check.R'), `source("enquete.R")\n${checks}`);
      const run = spawnSync('Rscript', ['--vanilla', 'check.R'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/warning|error/i);
      const r = Object.fromEntries(
        run.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t') as [string, string]),
      );
      expect(r.nrow).toBe('3');
      expect(r.rol_levels).toBe('Jeugdbeschermer|Hulpverlener (jeugdhulp of gezinshulp)|Pleegzorgmedewerker|Advocaat|Anders, namelijk');
      expect(r.rol).toBe('Jeugdbeschermer|Anders, namelijk|Advocaat');
      expect(r.rol_label).toBe('Wat is uw functie?');
      expect(r.rol_is_factor).toBe('TRUE');
      expect(r.hulp_passend_na_levels).toBe('Nooit|Zelden|Soms|Vaak|Altijd|Weet ik niet');
      expect(r.hulp_passend_na).toBe('Weet ik niet|Vaak|Zelden');
      expect(r.hulp_passend_na_ordered).toBe('TRUE');
      expect(r.betrokken_kind_plaatsing).toBe('1|4|NA');
      expect(r.wachtlijst).toBe('Ja|Nee|NA');
      expect(r.wachttijd_maanden).toBe('7.5|NA|NA'); // not applicable (−1) → NA; not reached → NA
      expect(r.hulp_ontbreekt_trauma).toBe('1|NA|0');
      expect(r.hulp_ontbreekt_trauma_labels).toBe('Niet gekozen|Gekozen');
      expect(r.contact_belang).toBe('5|4|NA');
      expect(r.knelpunten).toBe("-Wachtlijsten; 'ook' @ggz");
      expect(r.other_text).toBe('=HYPERLINK("http://x","klik")');
      expect(r.goede_praktijken_ok).toBe('TRUE');
      expect(r.label_utf8).toBe('TRUE');
      expect(r.prioriteit_nazorg).toBe('1|2|NA');
      expect(r.duration_sec).toBe('750|480|NA');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
