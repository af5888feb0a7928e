import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { keys, studiesApi } from '../../api/endpoints';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { StudyForm } from './StudyForm';
import { studyPath } from './useStudy';

export function StudyNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: studiesApi.create,
    onSuccess: (study) => {
      queryClient.setQueryData(keys.study(study.slug), study);
      void queryClient.invalidateQueries({ queryKey: keys.studies() });
      navigate(studyPath(study.slug));
    },
  });
  return (
    <div className="narrow-wide">
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: t('studyForm.newTitle') }]} />
      <PageHeading>{t('studyForm.newTitle')}</PageHeading>
      <StudyForm
        submitLabel={t('studyForm.create')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) => create.mutate(input)}
        cancel={
          <Link to="/onderzoeken" className="button-secondary">
            {t('common.cancel')}
          </Link>
        }
      />
    </div>
  );
}
