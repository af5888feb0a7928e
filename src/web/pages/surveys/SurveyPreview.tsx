/** The live preview in the editor: the draft as respondents see it (SurveyJS, loaded in its own chunk). */
import { useMemo } from 'react';
import { Survey, surveyModel } from '../../respond/surveyjs';

export default function SurveyPreview({ definition, locale }: { definition: Record<string, unknown>; locale: string }) {
  const model = useMemo(() => {
    const m = surveyModel(definition, locale);
    m.showTitle = false;
    // a preview never sends anything
    m.showCompletePage = false;
    return m;
  }, [definition, locale]);
  return <Survey model={model} />;
}
