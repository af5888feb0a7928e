/**
 * SurveyJS set up for the strict CSP (style-src 'self'), shared by the respondent page and the editor's preview:
 * the default theme's CSS and its variables come from files, never from inline <style> elements; icons carry no
 * style attributes (they are put in the page as HTML); Dutch texts for SurveyJS's own labels.
 */
import 'survey-core/survey-core.fontless.min.css';
import './survey-theme.css';
import 'survey-core/i18n/dutch';
import { Model, SvgRegistry, SvgThemeSets, type SurveyModel } from 'survey-core';
import { Survey } from 'survey-react-ui';

const STYLE_ATTR = /\sstyle="[^"]*"/g;
function stripStyles(icons: Record<string, string> | undefined) {
  if (!icons) return;
  for (const k of Object.keys(icons)) if (typeof icons[k] === 'string') icons[k] = icons[k].replace(STYLE_ATTR, '');
}
stripStyles((SvgRegistry as unknown as { icons: Record<string, string> }).icons);
for (const set of Object.values(SvgThemeSets as Record<string, Record<string, string>>)) stripStyles(set);

/** A SurveyJS model that renders without inline style elements (see survey-theme.css). */
export function surveyModel(definition: Record<string, unknown>, locale: string): SurveyModel {
  const model = new Model(definition);
  model.generateStylesheet = false;
  model.locale = locale;
  return model;
}

export { Survey };
export type { SurveyModel };
