import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { keys, studiesApi } from '../../api/endpoints';
import { can, type Study } from '../../api/types';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { PageHeading } from '../../components/PageHeading';
import { StudyForm } from './StudyForm';
import { NoAccess, StudyGate, studyPath } from './useStudy';

export function StudyEditPage() {
  return <StudyGate>{(study) => <EditStudy study={study} />}</StudyGate>;
}

function EditStudy({ study }: { study: Study }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (input: Parameters<typeof studiesApi.update>[1]) => studiesApi.update(study.slug, input),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.study(updated.slug), updated);
      void queryClient.invalidateQueries({ queryKey: keys.studies() });
      navigate(studyPath(updated.slug));
    },
  });
  const page = t('studyForm.editTitle');
  if (!can(study, 'study.update')) return <NoAccess study={study} page={page} />;
  if (study.archived) {
    return (
      <>
        <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: page }]} />
        <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
        <p className="notice">{t('study.archivedReadOnly')}</p>
        <p>
          <Link to={studyPath(study.slug)}>{t('study.backToStudy')}</Link>
        </p>
      </>
    );
  }
  return (
    <div className="narrow-wide">
      <Breadcrumbs items={[{ label: t('nav.studies'), to: '/onderzoeken' }, { label: study.title, to: studyPath(study.slug) }, { label: page }]} />
      <PageHeading title={`${page} – ${study.title}`}>{page}</PageHeading>
      <StudyForm
        initial={study}
        submitLabel={t('studyForm.save')}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) => update.mutate(input)}
        cancel={
          <Link to={studyPath(study.slug)} className="button-secondary">
            {t('common.cancel')}
          </Link>
        }
      />
    </div>
  );
}
